import { describe, expect, it } from 'vitest';
import type { PlannedFile } from '../../src/apply/plan.js';
import { type ApplyDeps, applyOnHost } from '../../src/commands/apply-on-host.js';
import { renderFiles } from '../../src/render/files.js';
import { waitUntil } from '../wait.js';
import { captureContext } from './helpers/context.js';
import { type Behaviour, FakeHost } from './helpers/fake-host.js';
import { seedAnswers } from './helpers/seed-answers.js';

const answers = seedAnswers('1.13');
const planned: PlannedFile[] = renderFiles(answers, 13).files.map((f) => ({
  ...f,
  target: f.path,
  current: null,
  action: 'create',
}));

function setup(lang: 'en' | 'zh', deps: Partial<ApplyDeps> = {}, behaviours: Record<string, Behaviour> = {}) {
  const { ctx, out, err } = captureContext(lang);
  const host = new FakeHost(behaviours);
  const full: ApplyDeps = {
    host,
    isRoot: () => true,
    systemd: async () => ({ ok: true, state: 'running' }),
    ask: null,
    onInterrupt: () => () => {},
    ...deps,
  };
  return { ctx, out, err, host, deps: full };
}

describe('kmaster-wizard apply on the host', () => {
  it('refuses without root, writing nothing', async () => {
    const { ctx, err, host, deps } = setup('en', { isRoot: () => false });
    expect(await applyOnHost(ctx, { answers, minor: 13, planned, yes: true }, deps)).toBe(1);
    expect(err.join('\n')).toMatch(/needs root/);
    expect(host.files.size).toBe(0);
  });

  it('without a terminal and without --yes refuses with exit 2 and names --yes', async () => {
    const { ctx, err, host, deps } = setup('en');
    expect(await applyOnHost(ctx, { answers, minor: 13, planned, yes: false }, deps)).toBe(2);
    expect(err.join('\n')).toContain('--yes');
    expect(host.files.size).toBe(0);
    const zh = setup('zh');
    expect(await applyOnHost(zh.ctx, { answers, minor: 13, planned, yes: false }, zh.deps)).toBe(2);
    expect(zh.err.join('\n')).toContain('--yes');
    expect(zh.err.join('\n')).toContain('没有终端');
  });

  it('asks on a terminal and writes nothing when the answer is no', async () => {
    const asked: string[] = [];
    const { ctx, out, host, deps } = setup('en', {
      ask: async (q) => {
        asked.push(q);
        return 'n';
      },
    });
    expect(await applyOnHost(ctx, { answers, minor: 13, planned, yes: false }, deps)).toBe(1);
    expect(asked).toEqual(['Go ahead? [y/N] ']);
    expect(out.join('\n')).toContain('Nothing was written.');
    expect(host.files.size).toBe(0);
  });

  it('with --yes runs every phase, prints journal lines prefixed by unit, ends with the status table, exit 0', async () => {
    const { ctx, out, deps } = setup(
      'en',
      {},
      {
        'kube-apiserver': {
          kind: 'healthy',
          lines: ['I1125 21:40:00.000000    1234 server.go:146] Version: v1.13.12'],
        },
      },
    );
    expect(await applyOnHost(ctx, { answers, minor: 13, planned, yes: true }, deps)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain(
      '  kube-apiserver | I1125 21:40:00.000000    1234 server.go:146] Version: v1.13.12',
    );
    // new units are started, not restarted, and the plan's commands say so
    expect(text).toContain('✔ Start kube-apiserver.service');
    expect(text).not.toContain('Restart');
    expect(text).toContain('  systemctl start kube-apiserver.service');
    expect(text).toContain('Component status (Kubernetes 1.13)');
    expect(text).toMatch(/kube-scheduler\s+active \(running\)\s+Healthy\s+200 ok/);
    // the table fits the terminal the command prints to
    for (const line of out.slice(out.indexOf('Component status (Kubernetes 1.13)')))
      expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).toContain('Applied. Every component is healthy.');
    // plain lines: no cursor movement or colour
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('with --yes the run starts from the units as read for the commands it printed; after a question it reads them again', async () => {
    const asked = setup('en', { ask: async () => 'y' });
    const yes = setup('en');
    for (const { host } of [asked, yes]) {
      const unitState = host.unitState.bind(host);
      // the reads made before anything is written
      host.unitState = (unit) => {
        if (host.files.size === 0) host.stateReads.push({ unit, afterCalls: -1 });
        return unitState(unit);
      };
    }
    expect(await applyOnHost(yes.ctx, { answers, minor: 13, planned, yes: true }, yes.deps)).toBe(0);
    expect(await applyOnHost(asked.ctx, { answers, minor: 13, planned, yes: false }, asked.deps)).toBe(0);
    const early = (h: FakeHost) => h.stateReads.filter((r) => r.afterCalls === -1).map((r) => r.unit);
    const units = ['kube-apiserver.service', 'kube-controller-manager.service', 'kube-scheduler.service'];
    expect(early(yes.host)).toEqual(units);
    expect(early(asked.host)).toEqual([...units, ...units]);
  });

  it('asks for the status table once every unit is healthy, while the last journal lines are read, and prints it after them', async () => {
    const { ctx, out, host, deps } = setup(
      'en',
      {},
      { 'kube-scheduler': { kind: 'healthy', lines: ['I1125 server.go:151] Version: v1.13.12'] } },
    );
    // a follower that passes nothing on, and a slow tail: the scheduler's line comes last, late
    const events: string[] = [];
    host.followJournal = (unit, since, _on, signal) =>
      FakeHost.prototype.followJournal.call(host, unit, since, () => {}, signal);
    const tail = host.journalTail.bind(host);
    host.journalTail = async (unit, since, n) => {
      await new Promise((r) => setTimeout(r, 40));
      events.push(`tail ${unit}`);
      return tail(unit, since, n);
    };
    const probe = host.probe.bind(host);
    host.probe = async (req) => {
      if (req.url.includes(':2379/')) events.push('status');
      return probe(req);
    };
    expect(await applyOnHost(ctx, { answers, minor: 13, planned, yes: true }, deps)).toBe(0);
    expect(events.indexOf('status')).toBeGreaterThan(-1);
    expect(events.indexOf('status')).toBeLessThan(events.lastIndexOf('tail kube-scheduler.service'));
    const text = out.join('\n');
    expect(text.indexOf('kube-scheduler | I1125 server.go:151] Version: v1.13.12')).toBeGreaterThan(-1);
    expect(text.indexOf('kube-scheduler | I1125')).toBeLessThan(text.indexOf('Component status'));
  });

  it('on failure prints the last lines, the cause and the fix, and exits 1', async () => {
    const { ctx, out, deps } = setup(
      'zh',
      {},
      {
        'kube-apiserver': {
          kind: 'fail',
          lines: [
            'F1125 21:40:00.000000    1234 serve.go:116] failed to create listener: failed to listen on 192.168.50.101:6443: listen tcp 192.168.50.101:6443: bind: address already in use',
          ],
        },
      },
    );
    expect(await applyOnHost(ctx, { answers, minor: 13, planned, yes: true }, deps)).toBe(1);
    const text = out.join('\n');
    expect(text).toContain('原因:已有其他进程监听 192.168.50.101:6443。');
    expect(text).toContain('ss -ltnp "sport = :6443"');
    expect(text).toContain('journalctl -u kube-apiserver.service 的最后几行:');
    expect(text).toContain('执行失败。');
  });

  it('Ctrl-C cancels the run and exits 130 after reporting the host state', async () => {
    let interrupt: () => void = () => {};
    const { ctx, out, deps } = setup(
      'en',
      {
        onInterrupt: (h) => {
          interrupt = h;
          return () => {};
        },
      },
      { 'kube-apiserver': { kind: 'never-starts' } },
    );
    // Ctrl-C once the run waits for the apiserver (which never starts)
    const pressed = waitUntil(() => out.some((l) => l.includes('Wait until kube-apiserver')), {
      intervalMs: 0,
      what: 'the wait for kube-apiserver',
    }).then(() => interrupt());
    expect(await applyOnHost(ctx, { answers, minor: 13, planned, yes: true }, deps)).toBe(130);
    await pressed;
    const text = out.join('\n');
    expect(text).toContain('Cancelled.');
    expect(text).toContain('kube-apiserver.service: inactive (dead)');
    expect(text).toContain('6 files written in this run');
  });
});
