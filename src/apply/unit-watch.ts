import type { JournalEntry, JournalFollower } from '../host/journal.js';
import type { UnitState } from '../host/systemd.js';
import type { Answers } from '../model/answers.js';
import { isHaService, type Service, unitOfService } from '../model/ha-layout.js';
import { minorString, parseMinor } from '../model/version.js';
import { diagnose } from './diagnose.js';
import type { Emit, Failure, PhaseId } from './events.js';
import type { ApplyHost } from './host.js';
import { type LogLine, toLogLine } from './klog.js';

/** How many of a unit's newest journal lines the failure view keeps. */
export const LAST_LINES = 200;

/** What a unit's watch needs from the run. */
export interface WatchDeps {
  answers: Answers;
  minor: number;
  host: Pick<ApplyHost, 'now' | 'sleep' | 'unitState' | 'followJournal' | 'journalTail' | 'binaryVersion'>;
  emit: Emit;
  signal: AbortSignal;
  /** the next journal line's id (unique in the run: a stable React key) */
  nextLineId: () => number;
}

/**
 * One unit watched while it is started and waited on: its state before the start, its
 * journal followed from then on (each entry once, however the follower and the tail overlap),
 * its last lines kept for the failure view, and the diagnosis when it fails.
 */
export class UnitWatch {
  readonly unit: string;
  /** the unit as it was when the watch opened, before this run started it */
  readonly before: UnitState;
  /** when the watch opened (ms since the epoch): the journal is read from here */
  readonly since: number;
  private readonly recent: LogLine[] = [];
  private readonly seen = new Set<string>();
  private lastUsec = 0;
  private readonly follower: JournalFollower;
  /** systemd said something about the unit since changed() was last asked */
  private systemdSpoke = false;
  private wake: (() => void) | null = null;

  private constructor(
    private readonly deps: WatchDeps,
    readonly component: Service,
    before: UnitState,
  ) {
    this.unit = unitOfService(component);
    this.before = before;
    this.since = deps.host.now();
    this.follower = deps.host.followJournal(
      this.unit,
      this.since * 1000,
      (all) => {
        const entries = this.take(all);
        if (entries.length === 0) return;
        if (entries.some((e) => e.ident === 'systemd')) {
          this.systemdSpoke = true;
          this.wake?.();
        }
        const lines = entries.map((e) => this.line(e));
        this.recent.push(...lines);
        if (this.recent.length > LAST_LINES * 2) this.recent.splice(0, this.recent.length - LAST_LINES);
        deps.emit({ type: 'journal', unit: this.unit, lines });
      },
      deps.signal,
    );
  }

  /** Reads the unit's state, then follows its journal from now on. */
  static async open(deps: WatchDeps, component: Service): Promise<UnitWatch> {
    const before = await deps.host.unitState(unitOfService(component), deps.signal);
    return new UnitWatch(deps, component, before);
  }

  private line(e: JournalEntry): LogLine {
    return toLogLine(this.unit, e, this.deps.nextLineId());
  }

  /** The entries not seen yet, remembered as seen. */
  private take(entries: JournalEntry[]): JournalEntry[] {
    const fresh = entries.filter((e) => !this.seen.has(e.cursor) && e.usec >= this.lastUsec);
    for (const e of fresh) {
      this.seen.add(e.cursor);
      if (this.seen.size > 4 * LAST_LINES) this.seen.clear();
      this.lastUsec = Math.max(this.lastUsec, e.usec);
    }
    return fresh;
  }

  private tail(): Promise<JournalEntry[]> {
    const { host, signal } = this.deps;
    return host
      .journalTail(this.unit, this.since * 1000, LAST_LINES, signal)
      .catch(() => [] as JournalEntry[]);
  }

  /** Whether systemd logged a line about the unit (started, stopped, exited…) since the last call. */
  changed(): boolean {
    const spoke = this.systemdSpoke;
    this.systemdSpoke = false;
    return spoke;
  }

  /** Waits `ms`, or less: until systemd logs a line about the unit (its state has moved). */
  async pause(ms: number): Promise<void> {
    if (this.systemdSpoke) return;
    const { host, signal } = this.deps;
    const woken = new Promise<void>((r) => {
      this.wake = r;
    });
    try {
      await Promise.race([host.sleep(ms, signal), woken]);
    } finally {
      this.wake = null;
    }
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  /** The unit is healthy: what `journalctl -f` may still be behind on is said, then the follower stops. */
  async finish(): Promise<void> {
    // the follower is stopped meanwhile: what it passed on before it ended is taken once
    const [tail] = await Promise.all([this.tail(), this.stop()]);
    const missed = this.take(tail);
    if (missed.length > 0)
      this.deps.emit({ type: 'journal', unit: this.unit, lines: missed.map((e) => this.line(e)) });
  }

  /**
   * The unit failed in `phase`: its last lines (journald may lag behind the unit's exit by a
   * moment, so its own tail is read as well), why, and the fix. An unknown or required flag
   * usually means the binary is of another version than the answers say: that is checked.
   */
  async failure(phase: PhaseId, state: UnitState | null, health?: string): Promise<Failure> {
    const { host, signal, answers, minor } = this.deps;
    await host.sleep(300, signal);
    const tail = await this.tail();
    await this.stop();
    const lastLines =
      tail.length >= this.recent.length ? tail.map((e) => this.line(e)) : this.recent.slice(-LAST_LINES);
    const facts = {
      component: this.component,
      minor,
      lines: lastLines,
      state,
      etcdServers: answers.etcdServers,
      ...clientCertOf(answers, this.component),
      ...(health ? { health } : {}),
    };
    let diagnosis = diagnose(facts);
    if (
      !isHaService(this.component) &&
      (diagnosis.cause === 'unknown-flag' || diagnosis.cause === 'required-flag')
    ) {
      const binary = `${answers.paths.binDir}/${this.component}`;
      const reported = await host.binaryVersion(binary).catch(() => null);
      const binaryMinor = reported ? parseMinor(reported) : null;
      if (binaryMinor !== null && binaryMinor !== minor) {
        diagnosis = diagnose({ ...facts, binaryMinor });
        diagnosis.params.answersVersion = minorString(minor);
        diagnosis.params.binaryVersion = minorString(binaryMinor);
        diagnosis.params.binary = binary;
      }
    }
    return {
      phase,
      component: this.component,
      unit: this.unit,
      state,
      diagnosis,
      lastLines: lastLines.slice(-LAST_LINES),
      since: this.since,
    };
  }
}

function clientCertOf(a: Answers, component: Service): { clientCert?: string; caFile: string } {
  const cert =
    component === 'kube-controller-manager'
      ? a.certs.controllerManagerCertFile
      : component === 'kube-scheduler'
        ? a.certs.schedulerCertFile
        : undefined;
  return cert ? { clientCert: cert, caFile: a.certs.caFile } : { caFile: a.certs.caFile };
}
