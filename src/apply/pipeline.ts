import type { JournalEntry } from '../host/journal.js';
import type { UnitState } from '../host/systemd.js';
import type { Translate } from '../i18n/index.js';
import type { Answers } from '../model/answers.js';
import { COMPONENTS, type Component } from '../model/components.js';
import { minorString, parseMinor } from '../model/version.js';
import {
  type ComponentCheck,
  type Credentials,
  checkComponent,
  chooseCredentials,
} from '../status/collect.js';
import { diagnose } from './diagnose.js';
import type { ApplyResult, Emit, Failure, PhaseId, UnitBefore } from './events.js';
import type { ApplyHost } from './host.js';
import { type LogLine, toLogLine } from './klog.js';
import { startActions, unitOf } from './phases.js';
import { changedComponents, type PlannedFile, type WrittenFile } from './plan.js';

/**
 * The apply pipeline, shared by the interactive wizard and `kmaster-wizard apply`:
 *
 *   write            every changed file: backup, then atomic replace
 *   daemon-reload    when a file changed
 *   per component, apiserver → controller-manager → scheduler:
 *     enable         systemctl enable
 *     start          restart when its files changed, start otherwise (a running unit with
 *                    unchanged files is left running: same MainPID)
 *     wait           until active and healthy, or failed / restarting
 *
 * It reports everything as events (events.ts) and returns the result. A unit that fails
 * or is restarted by systemd is caught at the next poll (every 250 ms by default), not
 * after the timeout, which only bounds a unit that runs but never becomes healthy.
 * Aborting the signal stops the current systemctl, the journal follower and the wait at
 * once; files are written one by one atomically, so none is ever half-written.
 */
export interface PipelineInput {
  answers: Answers;
  minor: number;
  planned: PlannedFile[];
  t: Translate;
  /** how long a running unit may take to become healthy (default 120 s) */
  healthTimeoutMs?: number;
  /** how often the unit state is read while waiting (default 250 ms) */
  pollMs?: number;
  /** a unit whose start does not begin within this time is reported (default 15 s) */
  startTimeoutMs?: number;
}

/** How many of a unit's newest journal lines the failure view keeps. */
export const LAST_LINES = 200;

class Cancelled extends Error {}

export async function runPipeline(
  input: PipelineInput,
  host: ApplyHost,
  emit: Emit,
  signal: AbortSignal,
): Promise<ApplyResult> {
  const written: WrittenFile[] = [];
  let before: UnitBefore[] = [];
  let nextId = 1;
  const finish = async (outcome: ApplyResult['outcome'], failure?: Failure): Promise<ApplyResult> => {
    const after = await unitStates(host);
    const changedNow = COMPONENTS.filter((c) =>
      written.some((w) => input.planned.some((p) => p.path === w.path && p.component === c)),
    );
    const result: ApplyResult = {
      outcome,
      written,
      changed: changedNow,
      before,
      after,
      ...(failure ? { failure } : {}),
    };
    if (outcome === 'cancelled') emit({ type: 'cancelled', written, after });
    emit({ type: 'finished', result });
    return result;
  };
  const check = () => {
    if (signal.aborted) throw new Cancelled();
  };

  try {
    before = await snapshot(host, signal);
    check();

    // write
    const stamp = new Date(host.now());
    const changed = changedComponents(input.planned);
    const write: PhaseId = { name: 'write' };
    if (changed.size === 0) emit({ type: 'phase-skipped', phase: write, reason: 'unchanged' });
    else {
      emit({ type: 'phase-start', phase: write });
      for (const file of input.planned) {
        check();
        const w = await host.writeFile(file, stamp);
        if (w) {
          written.push(w);
          emit({ type: 'file-written', file: w });
        }
      }
      emit({ type: 'phase-done', phase: write, detail: String(written.length) });
    }

    // daemon-reload
    const reload: PhaseId = { name: 'daemon-reload' };
    if (changed.size === 0) emit({ type: 'phase-skipped', phase: reload, reason: 'unchanged' });
    else {
      emit({ type: 'phase-start', phase: reload });
      const r = await run(host, emit, ['daemon-reload'], signal);
      check();
      if (r.exitCode !== 0) return finish('failed', commandFailure(reload, undefined, r.stderr, host, input));
      emit({ type: 'phase-done', phase: reload });
    }

    // each component
    const actions = startActions(input.planned);
    let creds: Credentials | null = null;
    for (const component of COMPONENTS) {
      const unit = unitOf(component);
      const enable: PhaseId = { name: 'enable', component };
      emit({ type: 'phase-start', phase: enable });
      const en = await run(host, emit, ['enable', unit], signal);
      check();
      if (en.exitCode !== 0)
        return finish('failed', commandFailure(enable, component, en.stderr, host, input));
      emit({ type: 'phase-done', phase: enable });

      creds ??= await chooseCredentials(input.answers, host, input.t);
      const outcome = await startAndWait(
        component,
        actions[component],
        input,
        host,
        emit,
        signal,
        creds,
        () => nextId++,
      );
      if (outcome !== 'healthy') return finish('failed', outcome);
    }
    return finish('healthy');
  } catch (error) {
    if (error instanceof Cancelled || signal.aborted) return finish('cancelled');
    throw error;
  }

  async function startAndWait(
    component: Component,
    action: 'restart' | 'start',
    input: PipelineInput,
    host: ApplyHost,
    emit: Emit,
    signal: AbortSignal,
    creds: Credentials,
    id: () => number,
  ): Promise<'healthy' | Failure> {
    const unit = unitOf(component);
    const startPhase: PhaseId = { name: 'start', component };
    const waitPhase: PhaseId = { name: 'wait', component };
    const pollMs = input.pollMs ?? 250;
    const s0 = await host.unitState(unit, signal);
    check();
    const alreadyRunning = s0.activeState === 'active' && action === 'start';

    const recent: LogLine[] = [];
    const since = host.now();
    const seen = new Set<string>();
    let lastUsec = 0;
    const take = (entries: JournalEntry[]) => {
      const fresh = entries.filter((e) => !seen.has(e.cursor) && e.usec >= lastUsec);
      for (const e of fresh) {
        seen.add(e.cursor);
        if (seen.size > 4 * LAST_LINES) seen.clear();
        lastUsec = Math.max(lastUsec, e.usec);
      }
      return fresh;
    };
    const follower = host.followJournal(
      unit,
      since * 1000,
      (all: JournalEntry[]) => {
        const entries = take(all);
        if (entries.length === 0) return;
        const lines = entries.map((e) => toLogLine(unit, e, id()));
        recent.push(...lines);
        if (recent.length > LAST_LINES * 2) recent.splice(0, recent.length - LAST_LINES);
        emit({ type: 'journal', unit, lines });
      },
      signal,
    );

    const fail = async (state: UnitState | null, health?: string): Promise<Failure> => {
      // journald may lag behind the unit's exit by a moment: read its own tail as well
      await host.sleep(300, signal);
      const tail = await host
        .journalTail(unit, since * 1000, LAST_LINES, signal)
        .catch(() => [] as JournalEntry[]);
      await follower.stop();
      const lastLines =
        tail.length >= recent.length ? tail.map((e) => toLogLine(unit, e, id())) : recent.slice(-LAST_LINES);
      const facts = {
        component,
        minor: input.minor,
        lines: lastLines,
        state,
        etcdServers: input.answers.etcdServers,
        ...(health ? { health } : {}),
      };
      let diagnosis = diagnose(facts);
      if (diagnosis.cause === 'unknown-flag' || diagnosis.cause === 'required-flag') {
        // the usual reason: the binaries are of another version than the answers say
        const binary = await host
          .binaryVersion(`${input.answers.paths.binDir}/${component}`)
          .catch(() => null);
        const binaryMinor = binary ? parseMinor(binary) : null;
        if (binaryMinor !== null && binaryMinor !== input.minor) {
          diagnosis = diagnose({ ...facts, binaryMinor });
          diagnosis.params.answersVersion = minorString(input.minor);
          diagnosis.params.binaryVersion = minorString(binaryMinor);
          diagnosis.params.binary = `${input.answers.paths.binDir}/${component}`;
        }
      }
      const failure: Failure = {
        phase: waitPhase,
        component,
        unit,
        state,
        diagnosis,
        lastLines: lastLines.slice(-LAST_LINES),
        since,
      };
      emit({ type: 'phase-failed', phase: waitPhase });
      emit({ type: 'failed', failure });
      return failure;
    };

    try {
      if (alreadyRunning) emit({ type: 'phase-skipped', phase: startPhase, reason: 'running' });
      else {
        emit({ type: 'phase-start', phase: startPhase, detail: action });
        if (s0.activeState === 'failed') await run(host, emit, ['reset-failed', unit], signal);
        const r = await run(host, emit, [action, '--no-block', unit], signal);
        check();
        if (r.exitCode !== 0) {
          await follower.stop();
          const f = commandFailure(startPhase, component, r.stderr, host, input);
          emit({ type: 'phase-failed', phase: startPhase });
          emit({ type: 'failed', failure: f });
          return f;
        }
        emit({ type: 'phase-done', phase: startPhase, detail: action });
      }

      emit({ type: 'phase-start', phase: waitPhase });
      let fresh = alreadyRunning;
      let baseline: number | null = null;
      let lastKey = '';
      let lastCheck: ComponentCheck | null = null;
      let activeSince: number | null = null;
      for (;;) {
        check();
        const s = await host.unitState(unit, signal);
        check();
        const key = `${s.activeState}/${s.subState}/${s.mainPid}/${s.nRestarts}`;
        if (key !== lastKey) {
          lastKey = key;
          emit({ type: 'unit-state', component, state: s });
        }
        const now = host.now();
        if (!fresh) {
          fresh = s.invocationId !== '' && s.invocationId !== s0.invocationId;
          if (!fresh) {
            if (now - since > (input.startTimeoutMs ?? 15_000)) return await fail(s);
            await host.sleep(pollMs, signal);
            continue;
          }
        }
        baseline ??= s.nRestarts;
        if (
          s.activeState === 'failed' ||
          s.subState === 'auto-restart' ||
          s.nRestarts > baseline ||
          (s.activeState === 'inactive' && s.subState === 'dead')
        ) {
          return await fail(s, lastCheck?.message);
        }
        if (s.activeState === 'active') {
          activeSince ??= now;
          const c = await checkComponent(input.answers, input.minor, component, host, creds, input.t, signal);
          check();
          if (!lastCheck || c.message !== lastCheck.message || c.health !== lastCheck.health) {
            emit({
              type: 'health',
              component,
              check: { healthy: c.health === 'healthy', endpoint: c.endpoint, message: c.message },
            });
          }
          lastCheck = c;
          if (c.health !== 'unhealthy') break;
          if (now - activeSince > (input.healthTimeoutMs ?? 120_000)) return await fail(s, c.message);
        } else if (now - since > (input.healthTimeoutMs ?? 120_000)) {
          return await fail(s, lastCheck?.message);
        }
        await host.sleep(pollMs, signal);
      }
      // journalctl -f may still be behind: show what the unit logged up to now
      const tail = await host
        .journalTail(unit, since * 1000, LAST_LINES, signal)
        .catch(() => [] as JournalEntry[]);
      await follower.stop();
      const missed = take(tail);
      if (missed.length > 0)
        emit({ type: 'journal', unit, lines: missed.map((e) => toLogLine(unit, e, id())) });
      emit({ type: 'phase-done', phase: waitPhase, detail: lastCheck?.message ?? '' });
      return 'healthy';
    } finally {
      await follower.stop();
    }
  }
}

async function run(host: ApplyHost, emit: Emit, args: string[], signal: AbortSignal) {
  const r = await host.systemctl(args, signal);
  emit({ type: 'command', argv: ['systemctl', ...args], exitCode: r.exitCode, stderr: r.stderr.trim() });
  return r;
}

function commandFailure(
  phase: PhaseId,
  component: Component | undefined,
  stderr: string,
  host: ApplyHost,
  input: PipelineInput,
): Failure {
  const now = host.now();
  const lines: LogLine[] = stderr
    .split('\n')
    .filter((l) => l.trim())
    .map((text, i) => ({ id: -1 - i, unit: 'systemctl', time: now, severity: 'E', fromSystemd: true, text }));
  return {
    phase,
    ...(component ? { component, unit: unitOf(component) } : {}),
    state: null,
    diagnosis: diagnose({
      component: component ?? 'kube-apiserver',
      minor: input.minor,
      lines,
      state: null,
      etcdServers: input.answers.etcdServers,
    }),
    lastLines: lines,
    since: now,
  };
}

/** What each unit is before anything is written (a rollback returns to it). */
export async function snapshot(host: ApplyHost, signal?: AbortSignal): Promise<UnitBefore[]> {
  return Promise.all(
    COMPONENTS.map(async (component) => {
      const unit = unitOf(component);
      const s = await host.unitState(unit, signal);
      return {
        component,
        unit,
        active: s.activeState === 'active' || s.activeState === 'activating' || s.activeState === 'reloading',
        enabled: s.unitFileState === 'enabled',
        exists: s.loadState !== 'not-found' && s.unitFileState !== '',
        mainPid: s.mainPid,
      };
    }),
  );
}

/** Every unit's state now, read without the run's signal (also after a cancel). */
export async function unitStates(host: ApplyHost): Promise<UnitState[]> {
  const states = await Promise.all(COMPONENTS.map((c) => host.unitState(unitOf(c)).catch(() => null)));
  return states.filter((s): s is UnitState => s !== null);
}
