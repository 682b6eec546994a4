import { setMaxListeners } from 'node:events';
import type { Emit, Failure, PhaseId, SkipReason } from './events.js';

/**
 * A small phase runner, in the manner of kubeadm's: the pipeline is a list of phases, each
 * `{ id, skip?, detail?, run }`, and the runner owns their order, the skipping, the cancel
 * checks between phases and the phase events (phase-start, phase-done, phase-skipped,
 * phase-failed, failed). The lanes of a step run at the same time, each lane's phases one
 * after another.
 */
export interface Phase<C> {
  id: PhaseId;
  /** why the phase is skipped this time (said as phase-skipped), or null to run it */
  skip?(ctx: C): SkipReason | null | Promise<SkipReason | null>;
  /** what phase-start says beside the phase's title (the start phase: "start" or "restart") */
  detail?(ctx: C): string | undefined;
  /** does the work; resolves with what phase-done says, throws PhaseFailed when it fails */
  run(ctx: C): Promise<string | undefined>;
}

/** Lanes that run at the same time, each its phases in order; the next step begins when every lane is done. */
export interface Lanes<C> {
  lanes: Phase<C>[][];
}

export type Step<C> = Phase<C> | Lanes<C>;

/** A phase could not do its work: the runner reports the failure and stops. */
export class PhaseFailed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.diagnosis.cause);
  }
}

/** The run was cancelled (its signal aborted). */
export class Cancelled extends Error {}

export interface RunnerIo {
  emit: Emit;
  signal: AbortSignal;
}

const phasesIn = <C>(step: Step<C>): Phase<C>[] => ('lanes' in step ? step.lanes.flat() : [step]);

/** Every phase of the steps, in order (lane by lane): what a screen lists before the run. */
export function phaseIds<C>(steps: readonly Step<C>[]): PhaseId[] {
  return steps.flatMap(phasesIn).map((p) => p.id);
}

async function runOne<C>(phase: Phase<C>, ctx: C, { emit, signal }: RunnerIo): Promise<Failure | null> {
  if (signal.aborted) throw new Cancelled();
  const reason = (await phase.skip?.(ctx)) ?? null;
  if (signal.aborted) throw new Cancelled();
  if (reason) {
    emit({ type: 'phase-skipped', phase: phase.id, reason });
    return null;
  }
  const detail = phase.detail?.(ctx);
  emit({ type: 'phase-start', phase: phase.id, ...(detail ? { detail } : {}) });
  try {
    const done = await phase.run(ctx);
    if (signal.aborted) throw new Cancelled();
    emit({ type: 'phase-done', phase: phase.id, ...(done !== undefined ? { detail: done } : {}) });
    return null;
  } catch (error) {
    if (!(error instanceof PhaseFailed) || signal.aborted) throw error;
    emit({ type: 'phase-failed', phase: phase.id });
    return error.failure;
  }
}

/** The phases one after another, up to the first that fails. */
async function runLane<C>(lane: readonly Phase<C>[], ctx: C, io: RunnerIo): Promise<Failure | null> {
  for (const phase of lane) {
    const failure = await runOne(phase, ctx, io);
    if (failure) return failure;
  }
  return null;
}

/**
 * Runs the steps in order until one fails; resolves with that failure, or null when every
 * phase is done or skipped. A lane that fails lets the other lanes of its step finish; the
 * first lane's failure is the one reported. Throws Cancelled once the signal is aborted.
 */
export async function runPhases<C>(steps: readonly Step<C>[], ctx: C, io: RunnerIo): Promise<Failure | null> {
  for (const step of steps) {
    const failures =
      'lanes' in step
        ? await Promise.all(step.lanes.map((l) => runLane(l, ctx, io)))
        : [await runOne(step, ctx, io)];
    const failure = failures.find((f) => f !== null);
    if (failure) {
      io.emit({ type: 'failed', failure });
      return failure;
    }
  }
  return null;
}

/**
 * The controller of one run's AbortSignal. Every probe, systemctl and journalctl of the run
 * listens on it; while the status table is asked and the last journal lines are read they are
 * more than the 10 after which Node warns (on stderr, into the wizard's screen).
 */
export function runAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(100, controller.signal);
  return controller;
}
