import { describe, expect, it } from 'vitest';
import { ApplyScreen, ApplyView } from '../../components/ApplyScreen.js';
import { createApplyController } from '../../src/apply/controller.js';
import type { ApplyEvent, ApplyResult, Failure } from '../../src/apply/events.js';
import type { LogLine } from '../../src/apply/klog.js';
import { applyReducer, initialApplyState } from '../../src/apply/state.js';
import { translator } from '../../src/i18n/index.js';
import { waitUntil } from '../wait.js';
import { mount } from './harness.js';

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const plain = (s: string | undefined) => (s ?? '').replace(ANSI, '');

let id = 0;
const line = (text: string, severity: LogLine['severity'] = 'I'): LogLine => ({
  id: ++id,
  unit: 'kube-apiserver.service',
  time: Date.UTC(2026, 10, 25, 21, 40),
  severity,
  fromSystemd: false,
  text,
});

const FATAL =
  'F1125 21:40:00.100000    1234 serve.go:116] failed to create listener: failed to listen on 192.168.50.101:6443: listen tcp 192.168.50.101:6443: bind: address already in use';

const failure: Failure = {
  phase: { name: 'wait', component: 'kube-apiserver' },
  component: 'kube-apiserver',
  unit: 'kube-apiserver.service',
  state: {
    unit: 'kube-apiserver.service',
    loadState: 'loaded',
    activeState: 'failed',
    subState: 'failed',
    result: 'exit-code',
    unitFileState: 'enabled',
    mainPid: 0,
    nRestarts: 2,
    execMainStatus: 1,
    invocationId: 'x',
  },
  diagnosis: {
    cause: 'address-in-use',
    params: { address: '192.168.50.101:6443', port: '6443' },
    evidence: FATAL,
  },
  lastLines: [line('I1125 21:40:00.000000    1234 server.go:146] Version: v1.13.12'), line(FATAL, 'F')],
  since: Date.UTC(2026, 10, 25, 21, 40),
};

const result = (outcome: ApplyResult['outcome'], f?: Failure): ApplyResult => ({
  outcome,
  written: [],
  changed: [],
  before: [],
  after: [],
  ...(f ? { failure: f } : {}),
});

const failedEvents: ApplyEvent[] = [
  { type: 'phase-done', phase: { name: 'write' } },
  { type: 'phase-done', phase: { name: 'daemon-reload' } },
  { type: 'phase-done', phase: { name: 'enable' }, detail: 'kube-apiserver' },
  { type: 'phase-done', phase: { name: 'start', component: 'kube-apiserver' }, detail: 'restart' },
  { type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } },
  { type: 'phase-failed', phase: { name: 'wait', component: 'kube-apiserver' } },
  { type: 'failed', failure },
  { type: 'finished', result: result('failed', failure) },
];

describe('the apply screen', () => {
  it('after a failure shows the last lines, the cause, the fix and the three choices (English)', () => {
    const state = failedEvents.reduce(applyReducer, initialApplyState());
    const { lastFrame } = mount(
      <ApplyView
        t={translator('en')}
        state={state}
        journal={[]}
        journalTotal={0}
        paneHeight={8}
        width={100}
        onChoice={() => {}}
      />,
    );
    const text = plain(lastFrame());
    expect(text).toContain('✘ Wait until kube-apiserver is active and healthy');
    expect(text).toContain('kube-apiserver.service did not become healthy: failed (failed, exit-code).');
    expect(text).toContain('Last lines of journalctl -u kube-apiserver.service:');
    expect(text).toContain('F1125 21:40:00.100000    1234 serve.go:116] failed to create listener');
    expect(text).toContain('Cause: Another process already listens on 192.168.50.101:6443.');
    expect(text).toContain('Fix: Find it with: ss -ltnp "sport = :6443"');
    expect(text).toContain('Edit the answers and retry');
    expect(text).toContain('Roll back to the files and units as they were');
    expect(text).toContain('Quit and leave the host as it is');
  });

  it('shows the same failure in Chinese', () => {
    const state = failedEvents.reduce(applyReducer, initialApplyState());
    const { lastFrame } = mount(
      <ApplyView
        t={translator('zh')}
        state={state}
        journal={[]}
        journalTotal={0}
        paneHeight={8}
        width={100}
        onChoice={() => {}}
      />,
    );
    const text = plain(lastFrame());
    expect(text).toContain('✘ 等待 kube-apiserver 运行且健康');
    expect(text).toContain('journalctl -u kube-apiserver.service 的最后几行:');
    expect(text).toContain('原因:已有其他进程监听 192.168.50.101:6443。');
    expect(text).toContain('解决:用 ss -ltnp "sport = :6443" 找到它');
    expect(text).toContain('修改应答后重试');
    expect(text).toContain('回滚到之前的文件和服务状态');
    expect(text).toContain('退出,保持主机现状');
  });

  it('while a unit starts, shows its journal in a pane that never grows past its height', () => {
    const state = [
      { type: 'phase-done', phase: { name: 'write' } },
      { type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } },
    ].reduce((s, e) => applyReducer(s, e as ApplyEvent), initialApplyState());
    const journal = Array.from({ length: 6 }, (_, i) =>
      line(`I1125 21:40:00.000000    1234 x.go:${i}] line ${i}`),
    );
    const small = plain(
      mount(
        <ApplyView
          t={translator('en')}
          state={state}
          journal={journal}
          journalTotal={6}
          paneHeight={6}
          width={80}
        />,
      ).lastFrame(),
    );
    const many = Array.from({ length: 300 }, (_, i) =>
      line(`I1125 21:40:00.000000    1234 x.go:${i}] line ${i}`),
    );
    const big = plain(
      mount(
        <ApplyView
          t={translator('en')}
          state={state}
          journal={many}
          journalTotal={300}
          paneHeight={6}
          width={80}
        />,
      ).lastFrame(),
    );
    expect(big.split('\n')).toHaveLength(small.split('\n').length);
    expect(big).toContain('── journalctl -u kube-apiserver.service -f  (300) ──');
    expect(big).toContain('line 299');
    expect(big).not.toContain('line 293');
    // the keys are said once, by the frame's footer
    expect(big).not.toContain('Ctrl-C');
  });

  it('runs through a controller: the failure menu rolls back on choice', async () => {
    let rolledBack = 0;
    const controller = createApplyController(
      {
        run: async (emit) => {
          emit({ type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } });
          emit({ type: 'journal', unit: 'kube-apiserver.service', lines: [line(FATAL, 'F')] });
          for (const e of failedEvents.slice(5)) emit(e);
          return result('failed', failure);
        },
        rollback: async (_r, emit) => {
          rolledBack++;
          emit({
            type: 'rollback-file',
            path: '/etc/kubernetes/apiserver',
            action: 'restored',
            from: '/etc/kubernetes/apiserver.bak-1',
          });
          emit({ type: 'rollback-done', ok: true, after: [] });
          return { ok: true, after: [] };
        },
      },
      { flushMs: 10 },
    );
    const quit: unknown[] = [];
    const m = mount(
      <ApplyScreen
        t={translator('en')}
        controller={controller}
        onEdit={() => {}}
        onQuit={(r) => quit.push(r)}
        onDone={() => {}}
        paneHeight={5}
        width={100}
      />,
    );
    await m.waitFor('Cause: Another process already listens');
    await m.press('down'); // roll back
    await m.waitFor('❯ Roll back to the files');
    await m.press('enter');
    await m.waitFor('Rolled back: the files and units are as they were before.');
    expect(m.frame()).toContain('restored /etc/kubernetes/apiserver from /etc/kubernetes/apiserver.bak-1');
    expect(rolledBack).toBe(1);
    // after the rollback: edit or quit
    await m.press('down');
    await m.waitFor('❯ Quit and leave the host');
    await m.press('enter');
    await waitUntil(() => quit.length > 0, { intervalMs: 0, what: 'the quit choice' });
    expect(quit).toHaveLength(1);
  });

  it('Ctrl-C cancels the run and shows the state the host is left in', async () => {
    const controller = createApplyController(
      {
        run: (emit, signal) =>
          new Promise((resolve) => {
            emit({ type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } });
            signal.addEventListener('abort', () => {
              const after = [{ ...failure.state!, activeState: 'activating', subState: 'start' }];
              emit({ type: 'cancelled', written: [], after });
              const r = result('cancelled');
              emit({ type: 'finished', result: r });
              resolve(r);
            });
          }),
      },
      { flushMs: 10 },
    );
    const m = mount(
      <ApplyScreen
        t={translator('en')}
        controller={controller}
        onEdit={() => {}}
        onQuit={() => {}}
        onDone={() => {}}
        paneHeight={5}
        width={100}
      />,
    );
    await m.waitFor('waiting for the journal of kube-apiserver');
    await m.press('ctrlC');
    await m.waitFor('Cancelled. Nothing more runs; this is where the host is:');
    expect(m.frame()).toContain('kube-apiserver.service: activating (start)');
  });
});

/** A run the test steps through: each `await next()` in it waits for the test's `step()`. */
function stepped(script: (emit: (e: ApplyEvent) => void, next: () => Promise<void>) => Promise<ApplyResult>) {
  let release: (() => void) | null = null;
  let waiting = 0;
  const next = () =>
    new Promise<void>((resolve) => {
      waiting++;
      release = resolve;
    });
  const controller = createApplyController({ run: (emit) => script(emit, next) }, { flushMs: 5 });
  return {
    controller,
    /** lets the run go on to its next `await next()` */
    async step() {
      const at = waiting;
      await waitUntil(() => release !== null && waiting === at, { intervalMs: 0, what: 'the run to pause' });
      const r = release!;
      release = null;
      r();
    },
  };
}

const unitLine = (unit: string, text: string): LogLine => ({ ...line(text), unit: `${unit}.service` });
const COMPS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;

describe('the apply screen holds still', () => {
  it('one frame under the title: a unit’s journal only while it starts, one pane for the two started together, a summary at the end', async () => {
    const run = stepped(async (emit, next) => {
      emit({ type: 'phase-done', phase: { name: 'write' }, detail: '6' });
      for (let i = 0; i < 6; i++)
        emit({ type: 'file-written', file: { path: `/f${i}`, target: `/f${i}`, action: 'create' } });
      emit({ type: 'phase-done', phase: { name: 'daemon-reload' } });
      emit({ type: 'phase-start', phase: { name: 'enable' }, detail: COMPS.join(', ') });
      emit({ type: 'phase-done', phase: { name: 'enable' }, detail: COMPS.join(', ') });
      emit({ type: 'phase-start', phase: { name: 'start', component: 'kube-apiserver' }, detail: 'start' });
      emit({ type: 'phase-done', phase: { name: 'start', component: 'kube-apiserver' }, detail: 'start' });
      emit({ type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } });
      emit({
        type: 'journal',
        unit: 'kube-apiserver.service',
        lines: [unitLine('kube-apiserver', 'API SERVING')],
      });
      await next();
      emit({ type: 'phase-done', phase: { name: 'wait', component: 'kube-apiserver' }, detail: 'ok' });
      await next();
      for (const c of ['kube-controller-manager', 'kube-scheduler'] as const) {
        emit({ type: 'phase-start', phase: { name: 'start', component: c }, detail: 'start' });
        emit({ type: 'phase-done', phase: { name: 'start', component: c }, detail: 'start' });
        emit({ type: 'phase-start', phase: { name: 'wait', component: c } });
      }
      emit({
        type: 'journal',
        unit: 'kube-scheduler.service',
        lines: [unitLine('kube-scheduler', 'SCHED UP')],
      });
      emit({
        type: 'journal',
        unit: 'kube-controller-manager.service',
        lines: [unitLine('kube-controller-manager', 'CM UP')],
      });
      await next();
      for (const c of ['kube-controller-manager', 'kube-scheduler'] as const)
        emit({ type: 'phase-done', phase: { name: 'wait', component: c }, detail: 'ok' });
      const r = result('healthy');
      emit({ type: 'finished', result: r });
      return r;
    });
    const done: unknown[] = [];
    const m = mount(
      <ApplyScreen
        t={translator('en')}
        controller={run.controller}
        onEdit={() => {}}
        onQuit={() => {}}
        onDone={(r) => done.push(r)}
        paneHeight={6}
        width={80}
      />,
    );
    // the apiserver starts: its journal in the pane, and no word of keys (the footer says them)
    await m.waitFor('API SERVING');
    expect(m.frame()).toContain('── journalctl -u kube-apiserver.service -f  (1) ──');
    expect(m.frame()).toContain('✔ Enable kube-apiserver, kube-controller-manager, kube-scheduler');
    expect(m.frame()).not.toContain('Ctrl-C');
    await run.step();
    // healthy: its pane is gone at once, nothing of it is printed again
    await m.waitFor((f) => f.includes('✔ Wait until kube-apiserver is active and healthy'));
    expect(m.frame()).not.toContain('journalctl');
    expect(m.frame()).not.toContain('API SERVING');
    await run.step();
    // the two started together share one pane, each line named by its unit
    await m.waitFor('CM UP');
    const lanes = m.frame();
    expect(lanes.match(/── journalctl/g)).toHaveLength(1);
    expect(lanes).toContain('── journalctl -u kube-controller-manager -u kube-scheduler -f  (2) ──');
    expect(lanes).toContain('kube-scheduler | SCHED UP');
    expect(lanes).toContain('kube-controller-manager | CM UP');
    expect(lanes).not.toContain('API SERVING');
    await run.step();
    await waitUntil(() => done.length > 0, { intervalMs: 0, what: 'the end of the run' });
    await m.waitFor('✔ Applied:');
    expect(m.flat()).toContain(
      '✔ Applied: 6 files written; started kube-apiserver, kube-controller-manager, kube-scheduler.',
    );
    expect(m.frame()).not.toContain('journalctl');
    expect(m.frame()).not.toContain('Wait until');
    // every frame drawn: the phases (or the summary) first, never a journal line above them,
    // and never taller than the pane and the twelve rows around it
    for (const f of m.frames.map(plain)) {
      const first = f.split('\n')[0] ?? '';
      expect(first, f).toMatch(/Write files|Applied/);
      expect(f.split('\n').length, f).toBeLessThanOrEqual(6 + 12);
    }
  });

  it('in a re-run follows no journal for the units it leaves running, and says so at the end', async () => {
    const run = stepped(async (emit, next) => {
      emit({ type: 'phase-skipped', phase: { name: 'write' }, reason: 'unchanged' });
      emit({ type: 'phase-skipped', phase: { name: 'daemon-reload' }, reason: 'noUnitChange' });
      emit({ type: 'phase-skipped', phase: { name: 'enable' }, reason: 'enabled' });
      emit({
        type: 'phase-skipped',
        phase: { name: 'start', component: 'kube-apiserver' },
        reason: 'running',
      });
      emit({ type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } });
      await next();
      emit({ type: 'phase-done', phase: { name: 'wait', component: 'kube-apiserver' }, detail: 'ok' });
      for (const c of ['kube-controller-manager', 'kube-scheduler'] as const) {
        emit({ type: 'phase-skipped', phase: { name: 'start', component: c }, reason: 'running' });
        emit({ type: 'phase-done', phase: { name: 'wait', component: c }, detail: 'ok' });
      }
      const r = result('healthy');
      emit({ type: 'finished', result: r });
      return r;
    });
    const m = mount(
      <ApplyScreen
        t={translator('zh')}
        controller={run.controller}
        onEdit={() => {}}
        onQuit={() => {}}
        onDone={() => {}}
        paneHeight={6}
        width={80}
      />,
    );
    await m.waitFor('等待 kube-apiserver 运行且健康');
    expect(m.frame()).toContain('– 设为开机启动  各服务都已设为开机启动');
    expect(m.frame()).not.toContain('journalctl');
    expect(m.frame()).not.toContain('等待 kube-apiserver 的日志');
    await run.step();
    await m.waitFor('✔ 已应用');
    expect(m.flat()).toContain(
      '✔ 已应用:没有文件改动;kube-apiserver, kube-controller-manager, kube-scheduler 保持运行。',
    );
  });
});
