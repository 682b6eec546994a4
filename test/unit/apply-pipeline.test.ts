import { describe, expect, it } from 'vitest';
import type { ApplyEvent, UnitBefore } from '../../src/apply/events.js';
import { phaseKey } from '../../src/apply/events.js';
import { runPipeline, snapshot } from '../../src/apply/pipeline.js';
import type { PlannedFile } from '../../src/apply/plan.js';
import { rollback } from '../../src/apply/rollback.js';
import { WriteError } from '../../src/host/targets.js';
import { translator } from '../../src/i18n/index.js';
import { renderFiles } from '../../src/render/files.js';
import { type Behaviour, FakeHost } from './helpers/fake-host.js';
import { seedAnswers } from './helpers/seed-answers.js';

const answers = seedAnswers('1.13');
const t = translator('en');

function plan(action: PlannedFile['action'] = 'create', only?: string): PlannedFile[] {
  return renderFiles(answers, 13).files.map((f) => ({
    ...f,
    target: f.path,
    current: null,
    action: only && f.component !== only ? 'unchanged' : action,
  }));
}

async function run(
  host: FakeHost,
  planned = plan(),
  signal = new AbortController().signal,
  timing: { startTimeoutMs?: number; pollMs?: number; before?: UnitBefore[] } = {},
) {
  const events: ApplyEvent[] = [];
  const result = await runPipeline(
    { answers, minor: 13, planned, t, pollMs: 2, ...timing },
    host,
    (e) => events.push(e),
    signal,
  );
  return { result, events };
}

/** The files unchanged but the one at `path`. */
const changing = (path: string) =>
  plan('unchanged').map((f) => (f.path === path ? { ...f, action: 'update' as const } : f));

/** A master whose three components run. */
function runningMaster(): FakeHost {
  const host = new FakeHost();
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) host.running(c);
  return host;
}

/** After the systemctl command `command` (its arguments joined by spaces) has run, `then`. */
function afterCommand(host: FakeHost, command: string, then: () => void) {
  const systemctl = host.systemctl.bind(host);
  host.systemctl = async (args: string[]) => {
    const r = await systemctl(args);
    if (args.join(' ') === command) then();
    return r;
  };
}

/** The unit as systemd leaves it once it has given up on it. */
function giveUp(host: FakeHost, unit: string, result: string) {
  const u = host.units.get(unit)!;
  u.state = { ...u.state, activeState: 'failed', subState: 'failed', result, mainPid: 0 };
}

const phaseOrder = (events: ApplyEvent[]) =>
  events.flatMap((e) => (e.type === 'phase-start' || e.type === 'phase-skipped' ? [phaseKey(e.phase)] : []));

describe('the apply pipeline', () => {
  it('a new install: writes, reloads, enables the three at once, starts the apiserver, then the other two together', async () => {
    const host = new FakeHost();
    const { result, events } = await run(host);
    expect(result.outcome).toBe('healthy');
    const order = phaseOrder(events);
    expect(order.slice(0, 5)).toEqual([
      'write',
      'daemon-reload',
      'enable',
      'kube-apiserver/start',
      'kube-apiserver/wait',
    ]);
    // the controller-manager and the scheduler start together, once the apiserver is healthy
    expect(order.slice(5, 7).sort()).toEqual(['kube-controller-manager/start', 'kube-scheduler/start']);
    expect(order.slice(7).sort()).toEqual(['kube-controller-manager/wait', 'kube-scheduler/wait']);
    const apiDone = events.findIndex(
      (e) => e.type === 'phase-done' && phaseKey(e.phase) === 'kube-apiserver/wait',
    );
    const others = events.findIndex(
      (e) => e.type === 'phase-start' && phaseKey(e.phase) === 'kube-scheduler/start',
    );
    expect(apiDone).toBeLessThan(others);
    const verbs = host.calls.map((c) => c.join(' '));
    // new units are started, not restarted
    expect(verbs.slice(0, 3)).toEqual([
      'daemon-reload',
      'enable --no-reload kube-apiserver.service kube-controller-manager.service kube-scheduler.service',
      'start --no-block kube-apiserver.service',
    ]);
    expect(verbs.slice(3).sort()).toEqual([
      'start --no-block kube-controller-manager.service',
      'start --no-block kube-scheduler.service',
    ]);
    expect(result.written.map((w) => w.path)).toContain('/etc/kubernetes/apiserver');
    expect(host.files.get('/etc/kubernetes/apiserver')?.content).toContain('--etcd-servers=');
    // each component was probed on its own endpoint
    expect(host.probes).toContain('https://192.168.50.101:6443/healthz');
    expect(host.probes).toContain('https://127.0.0.1:10257/healthz');
    expect(host.probes).toContain('https://127.0.0.1:10259/healthz');
    expect(host.liveFollowers).toBe(0);
  });

  it('re-applying unchanged files keeps running units running: no reload, no restart, same MainPID', async () => {
    const host = new FakeHost();
    for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) host.running(c);
    const pids = [...host.units.values()].map((u) => u.state.mainPid);
    const { result, events } = await run(host, plan('unchanged'));
    expect(result.outcome).toBe('healthy');
    // enabled and running already: not one systemctl step, and no journal followed
    expect(host.calls).toEqual([]);
    expect([...host.units.values()].map((u) => u.state.mainPid)).toEqual(pids);
    const skipped = events.flatMap((e) => (e.type === 'phase-skipped' ? [phaseKey(e.phase)] : []));
    expect(skipped.slice(0, 4)).toEqual(['write', 'daemon-reload', 'enable', 'kube-apiserver/start']);
    expect(skipped.slice(4).sort()).toEqual(['kube-controller-manager/start', 'kube-scheduler/start']);
    expect(events.filter((e) => e.type === 'journal')).toEqual([]);
    expect(result.written).toEqual([]);
  });

  it('a one-line change to the running apiserver restarts it alone: no reload, no enable', async () => {
    const host = runningMaster();
    const { result } = await run(host, changing('/etc/kubernetes/apiserver'));
    expect(result.outcome).toBe('healthy');
    expect(host.calls.map((c) => c.join(' '))).toEqual(['restart --no-block kube-apiserver.service']);
    expect(result.changed).toEqual(['kube-apiserver']);
  });

  it('a run given the units as just read starts from that reading: no state read before its first step', async () => {
    const host = runningMaster();
    const before = await snapshot(host);
    host.stateReads = [];
    const { result } = await run(host, changing('/etc/kubernetes/apiserver'), undefined, { before });
    expect(result.outcome).toBe('healthy');
    expect(result.before).toBe(before);
    // only the apiserver's watch reads it before its restart
    expect(host.stateReads.filter((r) => r.afterCalls === 0).map((r) => r.unit)).toEqual([
      'kube-apiserver.service',
    ]);
    const read = runningMaster();
    await run(read, changing('/etc/kubernetes/apiserver'));
    expect(read.stateReads.filter((r) => r.afterCalls === 0)).toHaveLength(4);
  });

  it('a healthy run reads no unit after its end; a failed one reports every unit as it is left', async () => {
    const host = new FakeHost();
    const { result } = await run(host);
    expect(result.outcome).toBe('healthy');
    expect(result.after).toBeUndefined();
    const failing = new FakeHost({ 'kube-scheduler': { kind: 'fail', lines: ['F1125 bad flag'] } });
    const failed = await run(failing);
    expect(failed.result.outcome).toBe('failed');
    expect(failed.result.after?.map((s) => [s.unit, s.activeState])).toEqual([
      ['kube-apiserver.service', 'active'],
      ['kube-controller-manager.service', 'active'],
      ['kube-scheduler.service', 'failed'],
    ]);
  });

  it('a healthy answer after a state read of an earlier round is confirmed by one state read, not another probe', async () => {
    // the state is read only when systemd logs about the unit (pollMs far away): the second
    // probe answers healthy under the state read before the first
    // the apiserver's answers (refused connections while it starts are not counted)
    const answered = (h: FakeHost) => {
      const got: number[] = [];
      const probe = h.probe.bind(h);
      h.probe = async (req) => {
        const r = await probe(req);
        if (req.url.includes(':6443/healthz') && r.status) got.push(r.status);
        return r;
      };
      return got;
    };
    const host = new FakeHost({ 'kube-apiserver': { kind: 'healthy', forbiddenProbes: 1 } });
    const got = answered(host);
    await run(host, plan(), undefined, { pollMs: 60_000 });
    expect(got).toEqual([403, 200]);
    // a process replaced meanwhile (another MainPID) is asked again
    const moved = new FakeHost({ 'kube-apiserver': { kind: 'healthy', forbiddenProbes: 1 } });
    const gotMoved = answered(moved);
    const probe = moved.probe.bind(moved);
    let replaced = false;
    moved.probe = async (req) => {
      const r = await probe(req);
      const u = moved.units.get('kube-apiserver.service')!;
      if (!replaced && req.url.includes(':6443/') && r.status === 200) {
        replaced = true;
        u.state = { ...u.state, mainPid: u.state.mainPid + 500 };
      }
      return r;
    };
    const { result } = await run(moved, plan(), undefined, { pollMs: 60_000 });
    expect(result.outcome).toBe('healthy');
    expect(gotMoved).toEqual([403, 200, 200]);
  });

  it('a port held by another program while the unit activates has its state read every 50 ms at most, not at every answer', async () => {
    const host = new FakeHost({ 'kube-apiserver': { kind: 'healthy', answersWhileActivating: true } });
    // systemd says activating for 300 ms, while the endpoint answers from the start
    const unitState = host.unitState.bind(host);
    let since = 0;
    let reads = 0;
    host.unitState = async (unit) => {
      const s = await unitState(unit);
      if (unit !== 'kube-apiserver.service' || s.mainPid === 0) return s;
      reads++;
      since ||= Date.now();
      return Date.now() - since < 300 ? { ...s, activeState: 'activating', subState: 'start' } : s;
    };
    const { result } = await run(host, plan(), undefined, { pollMs: 400 });
    expect(result.outcome).toBe('healthy');
    // the first read, systemd's line, then one read per 50 ms while it answers
    expect(reads).toBeGreaterThan(2);
    expect(reads).toBeLessThanOrEqual(300 / 50 + 4);
  });

  it('an activating unit whose port takes connections and never answers does not hold up the state reads', async () => {
    const host = new FakeHost({
      'kube-apiserver': { kind: 'fail', lines: ['E1125 bind: address already in use'] },
    });
    // another program holds the port: it takes the connection and says nothing for 3 s
    const probe = host.probe.bind(host);
    host.probe = async (req) => {
      if (!req.url.includes(':6443/')) return probe(req);
      await new Promise((r) => setTimeout(r, 3000));
      return {
        url: req.url,
        error: { code: 'ETIMEDOUT', message: 'no answer within 3000 ms' },
        latencyMs: 3000,
      };
    };
    const started = Date.now();
    const { result } = await run(host);
    expect(result.outcome).toBe('failed');
    expect(result.failure?.component).toBe('kube-apiserver');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('an activating unit whose endpoint answers has its state read soon, not at the next poll', async () => {
    // the state poll is a minute away: only the answer can end this wait in time
    const host = new FakeHost({
      'kube-apiserver': { kind: 'healthy', readyAfterPolls: 2, answersWhileActivating: true },
    });
    const started = Date.now();
    const { result, events } = await run(host, plan(), undefined, { pollMs: 60_000 });
    expect(result.outcome).toBe('healthy');
    expect(Date.now() - started).toBeLessThan(5_000);
    // refused connections while it starts are not said; the healthy answer is, once active
    const said = events.flatMap((e) =>
      e.type === 'health' && e.component === 'kube-apiserver' ? [e.check.message] : [],
    );
    expect(said).toEqual(['200 ok']);
  });

  it("a healthy unit's lines journalctl -f has not passed on yet are read while the run goes on, and said before it ends", async () => {
    const host = new FakeHost({
      'kube-apiserver': { kind: 'healthy', lines: ['I1125 server.go:146] Version: v1.13.12'] },
    });
    // a follower that passes nothing on: every line comes from the tail
    host.followJournal = (unit, since, _on, signal) =>
      FakeHost.prototype.followJournal.call(host, unit, since, () => {}, signal);
    const { result, events } = await run(host);
    expect(result.outcome).toBe('healthy');
    const lines = events.flatMap((e, i) =>
      e.type === 'journal' && e.unit === 'kube-apiserver.service' ? e.lines.map((l) => [i, l.text]) : [],
    );
    expect(lines.map(([, text]) => text)).toContain('I1125 server.go:146] Version: v1.13.12');
    const end = events.findIndex((e) => e.type === 'finished');
    expect(lines.every(([i]) => (i as number) < end)).toBe(true);
    expect(host.liveFollowers).toBe(0);
  });

  it('waits while the restarted apiserver is still stopping (a real one waits up to a minute for the connections of its clients)', async () => {
    const host = runningMaster();
    host.stopTakesMs = 80;
    // the stop takes longer than a new invocation is waited for
    const { result, events } = await run(host, changing('/etc/kubernetes/apiserver'), undefined, {
      startTimeoutMs: 20,
    });
    expect(result.outcome).toBe('healthy');
    const states = events.flatMap((e) =>
      e.type === 'unit-state' ? [`${e.state.activeState}/${e.state.subState}`] : [],
    );
    expect(states[0]).toBe('deactivating/stop-sigterm');
    expect(states).toContain('active/running');
  });

  it('a restart that never begins is still caught: no stop under way and no new invocation', async () => {
    const host = runningMaster();
    // systemd takes the job but the unit stays as it was (the old invocation, still running)
    const systemctl = host.systemctl.bind(host);
    host.systemctl = async (args: string[]) =>
      args[0] === 'restart'
        ? { argv: ['systemctl', ...args], exitCode: 0, stdout: '', stderr: '', canceled: false }
        : systemctl(args);
    const { result } = await run(host, changing('/etc/kubernetes/apiserver'), undefined, {
      startTimeoutMs: 30,
    });
    expect(result.outcome).toBe('failed');
  });

  it('starts again a controller-manager that gave up while the restarted apiserver was down', async () => {
    const host = runningMaster();
    // its lease ran out while the apiserver was down: five quick restarts, then systemd gave up
    afterCommand(host, 'restart --no-block kube-apiserver.service', () =>
      giveUp(host, 'kube-controller-manager.service', 'start-limit-hit'),
    );
    const { result } = await run(host, changing('/etc/kubernetes/apiserver'));
    expect(result.outcome).toBe('healthy');
    expect(host.calls.map((c) => c.join(' '))).toEqual([
      'restart --no-block kube-apiserver.service',
      'reset-failed kube-controller-manager.service',
      'restart --no-block kube-controller-manager.service',
    ]);
  });

  it('does not start again a controller-manager that fell over when the apiserver was not restarted', async () => {
    const host = runningMaster();
    afterCommand(host, 'restart --no-block kube-scheduler.service', () =>
      giveUp(host, 'kube-controller-manager.service', 'exit-code'),
    );
    // (the fake's health endpoints still answer, so the run ends healthy; what matters is the calls)
    await run(host, changing('/etc/kubernetes/scheduler'));
    expect(host.calls.map((c) => c.join(' '))).toEqual(['restart --no-block kube-scheduler.service']);
  });

  it('restarts the running component whose files changed and starts the one that does not run', async () => {
    const host = new FakeHost();
    host.running('kube-apiserver');
    host.running('kube-scheduler');
    const { result } = await run(host, plan('update', 'kube-scheduler'));
    expect(result.outcome).toBe('healthy');
    const starts = host.calls
      .filter((c) => c[0] === 'start' || c[0] === 'restart')
      .map((c) => `${c[0]} ${c[2]}`);
    expect(starts.sort()).toEqual([
      'restart kube-scheduler.service',
      'start kube-controller-manager.service',
    ]);
    // the scheduler's unit file changed: systemd reads it again; the stopped one is enabled
    expect(host.calls[0]).toEqual(['daemon-reload']);
    expect(host.calls[1]).toEqual(['enable', '--no-reload', 'kube-controller-manager.service']);
    expect(result.changed).toEqual(['kube-scheduler']);
  });

  const failing: [string, Behaviour, string][] = [
    [
      'exits with unknown flag',
      {
        kind: 'fail',
        lines: ['Error: unknown flag: --enable-swagger-ui', 'error: unknown flag: --enable-swagger-ui'],
      },
      'unknown-flag',
    ],
    [
      'restarts on failure',
      {
        kind: 'restart-loop',
        lines: [
          'F1125 21:40:00.000000    1234 server.go:155] unable to load server certificate: open /etc/kubernetes/ssl/kubernetes.pem: no such file or directory',
        ],
      },
      'file-missing',
    ],
  ];
  for (const [what, behaviour, cause] of failing) {
    it(`stops at a unit that ${what}, within a few polls, with the diagnosis`, async () => {
      const host = new FakeHost({ 'kube-apiserver': behaviour });
      const started = Date.now();
      const { result, events } = await run(host);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(result.outcome).toBe('failed');
      expect(result.failure?.component).toBe('kube-apiserver');
      expect(result.failure?.diagnosis.cause).toBe(cause);
      expect(result.failure?.lastLines.map((l) => l.text).join('\n')).toContain(
        (behaviour as { lines: string[] }).lines[0]!.slice(0, 30),
      );
      // nothing after the failed component was started
      expect(
        host.calls.some((c) => c[1]?.includes('controller-manager') || c[2]?.includes('controller-manager')),
      ).toBe(false);
      expect(events.at(-1)?.type).toBe('finished');
      expect(events.some((e) => e.type === 'failed')).toBe(true);
      expect(host.liveFollowers).toBe(0);
    });
  }

  for (const [command, phase] of [
    ['daemon-reload', 'daemon-reload'],
    [
      'enable --no-reload kube-apiserver.service kube-controller-manager.service kube-scheduler.service',
      'enable',
    ],
    ['start --no-block kube-apiserver.service', 'kube-apiserver/start'],
  ] as const) {
    it(`stops when \`systemctl ${command}\` fails, marking its phase failed with systemctl's words`, async () => {
      const host = new FakeHost();
      host.failing.set(command, 'Failed to do it: Access denied');
      const { result, events } = await run(host);
      expect(result.outcome).toBe('failed');
      expect(phaseKey(result.failure!.phase)).toBe(phase);
      expect(result.failure!.lastLines.map((l) => l.text)).toEqual(['Failed to do it: Access denied']);
      const tail = events
        .slice(-3)
        .map((e) => (e.type === 'phase-failed' ? `${e.type} ${phaseKey(e.phase)}` : e.type));
      expect(tail).toEqual([`phase-failed ${phase}`, 'failed', 'finished']);
      // nothing after it ran
      expect(host.calls.at(-1)?.join(' ')).toBe(command);
      expect(host.liveFollowers).toBe(0);
    });
  }

  it('names the binary version when it differs from the answers after an unknown flag', async () => {
    const host = new FakeHost({
      'kube-apiserver': { kind: 'fail', lines: ['Error: unknown flag: --enable-swagger-ui'] },
    });
    host.binaryMinor = '1.24';
    const { result } = await run(host);
    const d = result.failure!.diagnosis;
    expect(d.cause).toBe('unknown-flag');
    expect(d.params).toMatchObject({
      flag: '--enable-swagger-ui',
      known: 'removed',
      removed: '1.24',
      version: '1.24',
      answersVersion: '1.13',
      binaryVersion: '1.24',
    });
  });

  it('streams the journal of the starting unit as batches of lines', async () => {
    const host = new FakeHost({
      'kube-apiserver': {
        kind: 'healthy',
        lines: ['I1125 21:40:00.000000    1234 server.go:146] Version: v1.13.12'],
      },
    });
    const { events } = await run(host);
    const journal = events.filter((e) => e.type === 'journal');
    const texts = journal.flatMap((e) =>
      e.type === 'journal' ? e.lines.map((l) => `${l.severity} ${l.text}`) : [],
    );
    expect(texts).toContain('I I1125 21:40:00.000000    1234 server.go:146] Version: v1.13.12');
  });

  it('waits while the apiserver answers 403 (its RBAC roles not yet loaded) before starting the others', async () => {
    // a real kube-apiserver answers /livez and /readyz with 403 for the first seconds
    const host = new FakeHost({ 'kube-apiserver': { kind: 'healthy', forbiddenProbes: 4 } });
    const { result, events } = await run(host);
    expect(result.outcome).toBe('healthy');
    const apiserverProbes = host.probes.filter((u) => u.includes(':6443/')).length;
    expect(apiserverProbes).toBeGreaterThan(4);
    const health = events.flatMap((e) =>
      e.type === 'health' && e.component === 'kube-apiserver' ? [e.check] : [],
    );
    expect(health.at(-1)).toMatchObject({ healthy: true });
    // the controller-manager was started only after the apiserver said ok
    const started = events.findIndex(
      (e) => e.type === 'phase-start' && phaseKey(e.phase) === 'kube-controller-manager/start',
    );
    const ok = events.findIndex(
      (e) => e.type === 'health' && e.component === 'kube-apiserver' && e.check.healthy,
    );
    expect(ok).toBeGreaterThan(-1);
    expect(started).toBeGreaterThan(ok);
  });

  it('gives up on a unit that runs but never becomes healthy, naming the failing check', async () => {
    const host = new FakeHost({
      'kube-apiserver': { kind: 'unhealthy', message: '[-]etcd failed: reason withheld' },
    });
    const events: ApplyEvent[] = [];
    const result = await runPipeline(
      { answers, minor: 13, planned: plan(), t, pollMs: 2, healthTimeoutMs: 100 },
      host,
      (e) => events.push(e),
      new AbortController().signal,
    );
    expect(result.outcome).toBe('failed');
    expect(result.failure?.diagnosis.cause).toBe('unhealthy');
    expect(result.failure?.diagnosis.params.message).toContain('[-]etcd failed');
  });

  it('on cancel stops the wait and the journal follower and reports the host state', async () => {
    const host = new FakeHost({ 'kube-apiserver': { kind: 'never-starts' } });
    const controller = new AbortController();
    const events: ApplyEvent[] = [];
    const pending = runPipeline(
      { answers, minor: 13, planned: plan(), t, pollMs: 2 },
      host,
      (e) => {
        events.push(e);
        // Ctrl-C while the wait polls the unit
        if (e.type === 'unit-state') controller.abort();
      },
      controller.signal,
    );
    const result = await pending;
    expect(result.outcome).toBe('cancelled');
    expect(host.liveFollowers).toBe(0);
    const cancelled = events.find((e) => e.type === 'cancelled');
    expect(cancelled?.type === 'cancelled' && cancelled.written.length).toBe(result.written.length);
    expect(cancelled?.type === 'cancelled' && cancelled.after.map((s) => s.unit)).toEqual([
      'kube-apiserver.service',
      'kube-controller-manager.service',
      'kube-scheduler.service',
    ]);
  });

  it('a cancel before writing leaves every file untouched', async () => {
    const host = new FakeHost();
    const controller = new AbortController();
    controller.abort();
    const { result } = await run(host, plan(), controller.signal);
    expect(result.outcome).toBe('cancelled');
    expect(host.files.size).toBe(0);
    expect(host.calls).toEqual([]);
  });

  it('a write that fails ends the run at the write phase: what was written is kept for rollback, nothing is started', async () => {
    const host = new FakeHost();
    const planned = plan();
    const written = host.writeFile.bind(host);
    host.writeFile = async (file, stamp) => {
      if (file.target === planned[2]!.target) {
        throw new WriteError('write.failed', {
          target: file.target,
          error: 'ENOSPC: no space left on device',
        });
      }
      return written(file, stamp);
    };
    const { result, events } = await run(host, planned);
    expect(result.outcome).toBe('failed');
    expect(result.failure?.phase).toEqual({ name: 'write' });
    expect(result.failure?.lastLines.map((l) => l.text)).toEqual([
      `Writing ${planned[2]!.target} failed: ENOSPC: no space left on device.`,
    ]);
    expect(result.written.map((w) => w.target)).toEqual([planned[0]!.target, planned[1]!.target]);
    expect(events.some((e) => e.type === 'phase-failed' && e.phase.name === 'write')).toBe(true);
    expect(host.calls).toEqual([]); // no systemctl step ran
  });
});

describe('rollback', () => {
  it('restores replaced files, removes created ones, stops what the run started and restarts what ran before', async () => {
    const host = new FakeHost({
      'kube-controller-manager': { kind: 'fail', lines: ['Error: unknown flag: --x'] },
    });
    host.running('kube-apiserver', 4242);
    const planned = plan().map((f) => {
      if (f.component === 'kube-apiserver') {
        host.files.set(f.target, { content: `old ${f.path}\n`, mode: 0o640 });
        return { ...f, action: 'update' as const, current: { content: `old ${f.path}\n`, mode: 0o640 } };
      }
      return f;
    });
    const before = new Map(host.files);
    const { result } = await run(host, planned);
    expect(result.outcome).toBe('failed');
    host.calls = [];
    const done = await rollback(result, host, () => {});
    expect(done.ok).toBe(true);
    for (const [path, content] of before) expect(host.files.get(path)).toEqual(content);
    // the controller-manager files this run created are gone (backups stay beside the others)
    expect([...host.files.keys()].some((p) => p.startsWith('/etc/kubernetes/controller-manager'))).toBe(
      false,
    );
    const verbs = host.calls.map((c) => c.join(' '));
    expect(verbs).toContain('stop kube-controller-manager.service');
    expect(verbs).toContain('disable kube-controller-manager.service');
    expect(verbs.indexOf('daemon-reload')).toBeGreaterThan(
      verbs.indexOf('disable kube-controller-manager.service'),
    );
    expect(verbs.at(-1)).toBe('restart kube-apiserver.service');
  });
});
