import type { Translate } from '../i18n/index.js';
import type { Answers } from '../model/answers.js';
import type { Service } from '../model/ha-layout.js';
import { collectStatus } from '../status/collect.js';
import type { StatusReport } from '../status/types.js';
import type { ApplyEvent, ApplyResult, Emit, RollbackEvent } from './events.js';
import { type ApplyHost, realHost } from './host.js';
import { JournalBuffer } from './journal-buffer.js';
import { runPipeline } from './pipeline.js';
import { type PlannedFile, servicesOf } from './plan.js';
import { type RollbackResult, rollback } from './rollback.js';
import { runAbortController } from './runner.js';
import { type ApplyAction, type ApplyViewState, applyReducer, initialApplyState } from './state.js';

/**
 * Glue between the pipeline and a screen, outside React: folds events into the reducer's
 * state, keeps journal lines in a bounded buffer, and tells subscribers at most once per
 * flush interval (80 ms by default) that something changed — one render per interval
 * however fast a unit logs. The screen reads getSnapshot() (useSyncExternalStore).
 */
export interface ApplyRunners {
  /** what the run starts, in order (default: the three components) */
  services?: readonly Service[];
  /** `healthy` is called once every unit has been seen healthy (the pipeline's input.healthy) */
  run: (emit: Emit, signal: AbortSignal, healthy?: () => void) => Promise<ApplyResult>;
  rollback?: (
    result: ApplyResult,
    emit: (e: RollbackEvent) => void,
    signal: AbortSignal,
  ) => Promise<RollbackResult>;
  /** the status table after a healthy run */
  status?: (signal: AbortSignal) => Promise<StatusReport>;
}

export interface ApplySnapshot {
  state: ApplyViewState;
  /** changes whenever new journal lines arrived */
  journalVersion: number;
  /**
   * counts flush intervals while something runs: the screen animates its spinner from it,
   * so a spinner frame and new journal lines cost one render together, not two
   */
  tick: number;
}

export interface ApplyController {
  getSnapshot(): ApplySnapshot;
  subscribe(listener: () => void): () => void;
  readonly journal: JournalBuffer;
  /** runs the pipeline (again, after an edit); resolves with its result */
  start(): Promise<ApplyResult>;
  /** Ctrl-C: stops the wait, the journal follower and any systemctl at once */
  cancel(): void;
  rollback(): Promise<RollbackResult | null>;
  dispose(): void;
}

export interface ControllerOptions {
  flushMs?: number;
  journalCapacity?: number;
}

export function createApplyController(runners: ApplyRunners, opts: ControllerOptions = {}): ApplyController {
  const journal = new JournalBuffer(opts.journalCapacity ?? 1000);
  let state = initialApplyState(runners.services);
  let tick = 0;
  let snapshot: ApplySnapshot = { state, journalVersion: journal.version, tick };
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let abort = runAbortController();
  let runs = 0;

  const flush = () => {
    if (snapshot.state === state && snapshot.journalVersion === journal.version && snapshot.tick === tick)
      return;
    snapshot = { state, journalVersion: journal.version, tick };
    for (const l of listeners) l();
  };
  const startTimer = () => {
    timer ??= setInterval(() => {
      tick++;
      flush();
    }, opts.flushMs ?? 80);
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
    flush();
  };
  const dispatch = (a: ApplyAction) => {
    state = applyReducer(state, a);
  };
  const emit: Emit = (e: ApplyEvent) => {
    if (e.type === 'journal') {
      journal.push(e.unit, e.lines);
      return;
    }
    dispatch(e);
  };

  return {
    journal,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      if (runs > 0) {
        dispatch({ type: 'retry' });
        journal.clear();
      }
      runs++;
      abort = runAbortController();
      startTimer();
      try {
        const signal = abort.signal;
        // the status table is asked as soon as every unit is healthy, while the pipeline still
        // reads their last journal lines
        let early: Promise<StatusReport> | null = null;
        const result = await runners.run(emit, signal, () => {
          if (!runners.status) return;
          early = runners.status(signal);
          early.catch(() => {});
        });
        if (result.outcome === 'healthy' && runners.status) {
          dispatch({ type: 'checking' });
          flush();
          dispatch({ type: 'status', report: await (early ?? runners.status(signal)) });
        } else if (result.outcome === 'healthy') dispatch({ type: 'status', report: null });
        return result;
      } finally {
        stopTimer();
      }
    },
    cancel() {
      abort.abort();
    },
    async rollback() {
      const result = state.result;
      if (!result || !runners.rollback) return null;
      abort = runAbortController();
      dispatch({ type: 'rollback-start' });
      startTimer();
      try {
        return await runners.rollback(result, dispatch, abort.signal);
      } finally {
        stopTimer();
      }
    },
    dispose() {
      abort.abort();
      if (timer) clearInterval(timer);
      timer = null;
      listeners.clear();
    },
  };
}

/** The controller for this host: the real pipeline, rollback and status table. */
export function hostApplyController(
  input: { answers: Answers; minor: number; planned: PlannedFile[]; t: Translate },
  host: ApplyHost = realHost(),
  opts?: ControllerOptions,
): ApplyController {
  return createApplyController(
    {
      services: servicesOf(input.planned),
      run: (emit, signal, healthy) =>
        runPipeline({ ...input, ...(healthy ? { healthy } : {}) }, host, emit, signal),
      rollback: (result, emit, signal) => rollback(result, host, emit, signal),
      status: (signal) =>
        collectStatus({ answers: input.answers, minor: input.minor, host, t: input.t, signal }),
    },
    opts,
  );
}
