import type { ApplyHost } from '../../../src/apply/host.js';
import { abortableSleep } from '../../../src/apply/host.js';
import type { PlannedFile, WrittenFile } from '../../../src/apply/plan.js';
import type { HaproxyServer, HaproxyView } from '../../../src/host/ha-facts.js';
import type { JournalEntry } from '../../../src/host/journal.js';
import type { ProbeRequest, ProbeResponse } from '../../../src/host/probe.js';
import type { UnitState } from '../../../src/host/systemd.js';

/**
 * A fake machine for the pipeline's unit tests: an in-memory file system and a small
 * systemd model. Each unit follows a script: what it logs on start and whether it ends
 * healthy, fails at once, restarts (Restart=on-failure), or runs but stays unhealthy.
 */
export type Behaviour =
  /** forbiddenProbes: its health endpoints answer 403 that many times first (RBAC not yet loaded) */
  /**
   * answersWhileActivating: its endpoint answers before systemd says it is active (a unit that
   * notifies systemd a moment after it serves)
   */
  | {
      kind: 'healthy';
      lines?: string[];
      readyAfterPolls?: number;
      forbiddenProbes?: number;
      answersWhileActivating?: boolean;
    }
  | { kind: 'fail'; lines: string[]; status?: number }
  | { kind: 'restart-loop'; lines: string[] }
  | { kind: 'unhealthy'; lines?: string[]; message: string }
  | { kind: 'never-starts' };

interface FakeUnit {
  state: UnitState;
  behaviour: Behaviour;
  polls: number;
}

/** Which unit serves each health port. */
export const PORTS: Record<string, string> = {
  '6443': 'kube-apiserver.service',
  '10257': 'kube-controller-manager.service',
  '10252': 'kube-controller-manager.service',
  '10259': 'kube-scheduler.service',
  '10251': 'kube-scheduler.service',
};

let invocation = 0;

export function unitState(unit: string, patch: Partial<UnitState> = {}): UnitState {
  return {
    unit,
    loadState: 'not-found',
    activeState: 'inactive',
    subState: 'dead',
    result: 'success',
    unitFileState: '',
    mainPid: 0,
    nRestarts: 0,
    execMainStatus: 0,
    invocationId: '',
    ...patch,
  };
}

export class FakeHost implements ApplyHost {
  files = new Map<string, { content: string; mode: number }>();
  calls: string[][] = [];
  units = new Map<string, FakeUnit>();
  journal: { unit: string; entry: JournalEntry }[] = [];
  followers = new Set<{ unit: string; since: number; on: (e: JournalEntry[]) => void }>();
  liveFollowers = 0;
  etcdUp = true;
  /** systemctl commands (their arguments joined by spaces) that fail, with their error output */
  failing = new Map<string, string>();
  /** calls to host.probe, by URL */
  probes: string[] = [];
  /** calls to host.unitState, by unit, with how many systemctl commands had run by then */
  stateReads: { unit: string; afterCalls: number }[] = [];
  /**
   * how long (fake ms) a running unit takes to stop when restarted: until then it is
   * deactivating (stop-sigterm) with its old process and invocation, as the real apiserver
   * while it waits for its clients' connections to close
   */
  stopTakesMs = 0;
  private stopping = new Map<string, number>();
  /** what the apiserver answers for an API path (GET), as status and body; 404 for any other */
  apiObjects = new Map<string, { status: number; body: string }>();
  private nextPid = 1000;
  private clock = Date.now();

  /** the HA front: this host's name, the addresses on it, ARP, names, haproxy's servers */
  name = 'kmw-master-101';
  local = new Set<string>();
  arp = new Map<string, string>();
  names = new Map<string, string[]>();
  /** haproxy's servers while haproxy.service is active; its stats socket answers nothing otherwise */
  haproxy: HaproxyServer[] = [];
  /** URLs (through the VIP) that answer, with their status */
  answering = new Map<string, number>();

  constructor(behaviours: Record<string, Behaviour> = {}) {
    for (const c of [
      'kube-apiserver',
      'kube-controller-manager',
      'kube-scheduler',
      'haproxy',
      'keepalived',
    ]) {
      const unit = `${c}.service`;
      // haproxy's and keepalived's units come with their Debian packages
      const packaged = c === 'haproxy' || c === 'keepalived';
      this.units.set(unit, {
        state: unitState(unit, packaged ? { loadState: 'loaded', unitFileState: 'disabled' } : {}),
        behaviour: behaviours[c] ?? { kind: 'healthy' },
        polls: 0,
      });
    }
  }

  now() {
    // always forward, a millisecond at least per call: journal entries get distinct stamps
    this.clock = Math.max(this.clock + 1, Date.now());
    return this.clock;
  }
  sleep(ms: number, signal?: AbortSignal) {
    return abortableSleep(Math.min(ms, 5), signal);
  }

  /** a unit that is already installed and running */
  running(component: string, pid = this.nextPid++) {
    const u = this.units.get(`${component}.service`)!;
    u.state = unitState(u.state.unit, {
      loadState: 'loaded',
      activeState: 'active',
      subState: 'running',
      unitFileState: 'enabled',
      mainPid: pid,
      invocationId: `inv-${++invocation}`,
    });
  }

  async writeFile(file: PlannedFile, stamp: Date): Promise<WrittenFile | null> {
    if (file.action === 'unchanged') return null;
    const old = this.files.get(file.target);
    const w: WrittenFile = { path: file.path, target: file.target, action: file.action };
    if (old) {
      w.backup = `${file.target}.bak-${stamp.getTime()}`;
      this.files.set(w.backup, { ...old });
    }
    this.files.set(file.target, { content: file.content, mode: file.mode });
    return w;
  }
  async restoreFile(w: WrittenFile) {
    if (w.backup) this.files.set(w.target, { ...this.files.get(w.backup)! });
    else this.files.delete(w.target);
  }

  private log(unit: string, text: string, ident = 'kube') {
    const entry: JournalEntry = {
      usec: this.now() * 1000,
      pid: ident === 'systemd' ? 1 : this.units.get(unit)!.state.mainPid,
      ident,
      priority: 6,
      message: text,
      cursor: `c${this.journal.length}`,
    };
    this.journal.push({ unit, entry });
    for (const f of this.followers) if (f.unit === unit && entry.usec >= f.since) f.on([entry]);
  }

  async systemctl(args: string[]) {
    this.calls.push(args);
    const [verb, ...rest] = args;
    const unit = rest.filter((a) => !a.startsWith('--'))[0] ?? '';
    const u = this.units.get(unit);
    const ok = { argv: ['systemctl', ...args], exitCode: 0, stdout: '', stderr: '', canceled: false };
    const failure = this.failing.get(args.join(' '));
    if (failure !== undefined) return { ...ok, exitCode: 1, stderr: failure };
    if (verb === 'daemon-reload') {
      for (const x of this.units.values()) {
        if (
          [...this.files.keys()].some((p) => p.endsWith(`/${x.state.unit}`)) &&
          x.state.loadState === 'not-found'
        ) {
          x.state = { ...x.state, loadState: 'loaded', unitFileState: 'disabled' };
        }
      }
      return ok;
    }
    if (!u) return { ...ok, exitCode: 5, stderr: `Unit ${unit} not found.` };
    // enable and disable take several units at once
    if (verb === 'enable' || verb === 'disable') {
      for (const name of rest.filter((a) => !a.startsWith('--'))) {
        const x = this.units.get(name);
        if (!x) return { ...ok, exitCode: 5, stderr: `Unit ${name} not found.` };
        x.state = { ...x.state, unitFileState: verb === 'enable' ? 'enabled' : 'disabled' };
      }
      return ok;
    }
    if (verb === 'reset-failed')
      u.state = { ...u.state, activeState: 'inactive', subState: 'dead', result: 'success' };
    if (verb === 'stop') u.state = { ...u.state, activeState: 'inactive', subState: 'dead', mainPid: 0 };
    if (verb === 'start' && u.state.activeState === 'active') return ok;
    if (verb === 'restart' && this.stopTakesMs > 0 && u.state.activeState === 'active') {
      this.stopping.set(unit, this.now() + this.stopTakesMs);
      u.state = { ...u.state, activeState: 'deactivating', subState: 'stop-sigterm' };
      this.log(unit, `Stopping ${unit}...`, 'systemd');
      return ok;
    }
    if (verb === 'start' || verb === 'restart') this.begin(unit, u);
    return ok;
  }

  /** a new invocation of the unit, as its behaviour says */
  private begin(unit: string, u: FakeUnit) {
    if (u.behaviour.kind === 'never-starts') return;
    u.polls = 0;
    u.state = {
      ...u.state,
      activeState: 'activating',
      subState: 'start',
      mainPid: this.nextPid++,
      nRestarts: 0,
      invocationId: `inv-${++invocation}`,
    };
    this.log(unit, `Starting ${unit}...`, 'systemd');
    for (const line of 'lines' in u.behaviour ? (u.behaviour.lines ?? []) : []) this.log(unit, line);
  }

  async unitState(unit: string): Promise<UnitState> {
    this.stateReads.push({ unit, afterCalls: this.calls.length });
    const u = this.units.get(unit)!;
    const stopped = this.stopping.get(unit);
    if (stopped !== undefined && this.now() >= stopped) {
      this.stopping.delete(unit);
      this.begin(unit, u);
    }
    if (u.state.activeState === 'activating' && u.state.subState !== 'auto-restart') {
      u.polls++;
      const b = u.behaviour;
      if (b.kind === 'healthy' && u.polls > (b.readyAfterPolls ?? 1)) {
        u.state = { ...u.state, activeState: 'active', subState: 'running' };
      } else if (b.kind === 'unhealthy') {
        u.state = { ...u.state, activeState: 'active', subState: 'running' };
      } else if (b.kind === 'fail' && u.polls > 1) {
        this.log(
          unit,
          `${unit}: Main process exited, code=exited, status=${b.status ?? 1}/FAILURE`,
          'systemd',
        );
        u.state = {
          ...u.state,
          activeState: 'failed',
          subState: 'failed',
          result: 'exit-code',
          mainPid: 0,
          execMainStatus: b.status ?? 1,
        };
      } else if (b.kind === 'restart-loop' && u.polls > 1) {
        this.log(unit, `${unit}: Scheduled restart job, restart counter is at 1.`, 'systemd');
        u.state = {
          ...u.state,
          activeState: 'activating',
          subState: 'auto-restart',
          nRestarts: u.state.nRestarts + 1,
          mainPid: 0,
        };
      }
    }
    return { ...u.state };
  }

  followJournal(unit: string, sinceUsec: number, on: (e: JournalEntry[]) => void, signal?: AbortSignal) {
    const f = { unit, since: sinceUsec, on };
    this.followers.add(f);
    this.liveFollowers++;
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((r) => {
      resolveDone = r;
    });
    let stopped = false;
    const stop = async () => {
      if (!stopped) {
        stopped = true;
        this.followers.delete(f);
        this.liveFollowers--;
        resolveDone();
      }
      await done;
    };
    signal?.addEventListener('abort', () => void stop(), { once: true });
    return { stop, done };
  }

  async journalTail(unit: string, sinceUsec: number, lines: number) {
    return this.journal
      .filter((j) => j.unit === unit && j.entry.usec >= sinceUsec)
      .map((j) => j.entry)
      .slice(-lines);
  }

  async probe(req: ProbeRequest): Promise<ProbeResponse> {
    this.probes.push(req.url);
    const url = new URL(req.url);
    const through = [...this.answering.entries()].find(([u]) => req.url.startsWith(u));
    if (through) return { url: req.url, status: through[1], body: 'ok', latencyMs: 3 };
    if (url.port === '2379') {
      return this.etcdUp
        ? { url: req.url, status: 200, body: '{"health":"true"}', latencyMs: 1 }
        : { url: req.url, error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, latencyMs: 1 };
    }
    const unit = PORTS[url.port];
    const u = unit ? this.units.get(unit) : undefined;
    const serving =
      u?.state.activeState === 'active' ||
      (u?.state.activeState === 'activating' &&
        u.state.mainPid > 0 &&
        u.behaviour.kind === 'healthy' &&
        u.behaviour.answersWhileActivating === true);
    if (!u || !serving) {
      return { url: req.url, error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, latencyMs: 1 };
    }
    if (u.behaviour.kind === 'unhealthy')
      return { url: req.url, status: 500, body: u.behaviour.message, latencyMs: 2 };
    if (u.behaviour.kind === 'healthy' && (u.behaviour.forbiddenProbes ?? 0) > 0) {
      u.behaviour.forbiddenProbes! -= 1;
      return { url: req.url, status: 403, body: 'forbidden', latencyMs: 2 };
    }
    if (url.pathname.startsWith('/api')) {
      const found = this.apiObjects.get(url.pathname);
      return { url: req.url, status: found?.status ?? 404, body: found?.body ?? '{}', latencyMs: 1 };
    }
    return { url: req.url, status: 200, body: 'ok', latencyMs: 2 };
  }
  async readable(path: string) {
    return path.endsWith('.pem');
  }
  hostName() {
    return this.name;
  }
  holdsAddress(address: string) {
    return this.local.has(address);
  }
  async haproxyServers(socket: string): Promise<HaproxyView> {
    if (this.units.get('haproxy.service')!.state.activeState !== 'active')
      return { ok: false, error: `ENOENT: ${socket}` };
    return { ok: true, servers: this.haproxy };
  }
  async neighbourMac(address: string) {
    return this.arp.get(address) ?? null;
  }
  async lookupHost(name: string) {
    return this.names.get(name) ?? [];
  }
  async firstToken() {
    return null;
  }
  /** what `kube-* --version` says; null: cannot tell */
  binaryMinor: string | null = null;
  async binaryVersion() {
    return this.binaryMinor;
  }
}
