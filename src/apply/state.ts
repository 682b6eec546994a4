import type { UnitState } from '../host/systemd.js';
import { COMPONENTS } from '../model/components.js';
import { type Service, unitOfService } from '../model/ha-layout.js';
import type { StatusReport } from '../status/types.js';
import type {
  ApplyEvent,
  ApplyResult,
  Failure,
  HealthCheck,
  PhaseId,
  RollbackEvent,
  SkipReason,
} from './events.js';
import { phaseKey } from './events.js';
import type { LogLine } from './klog.js';
import { phasesOf } from './phases.js';
import type { WrittenFile } from './plan.js';

/**
 * The apply screen's state, folded from the pipeline's events by a pure reducer: the
 * Ink view only renders it. Journal lines do not pass through here (see journal-buffer.ts);
 * only the finished tail of each unit does, once, when its phase ends.
 */
export type PhaseStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export interface PhaseView {
  key: string;
  phase: PhaseId;
  status: PhaseStatus;
  /** start: "start" or "restart"; wait: the last health message */
  detail?: string;
  skipReason?: SkipReason;
}

/** A unit's last journal lines, printed once above the live region when its phase ends. */
export interface FinishedBlock {
  id: string;
  unit: string;
  lines: LogLine[];
  /** lines of the run not kept in the block */
  omitted: number;
}

export type Stage = 'running' | 'failed' | 'cancelled' | 'checking' | 'done' | 'rolling-back' | 'rolled-back';

export interface ApplyViewState {
  stage: Stage;
  /** what the run starts, in order: the components, then the HA front's services */
  services: readonly Service[];
  phases: PhaseView[];
  /** the unit whose journal the live pane shows */
  currentUnit: string | null;
  files: WrittenFile[];
  units: Partial<Record<Service, UnitState>>;
  health: Partial<Record<Service, HealthCheck>>;
  failure: Failure | null;
  result: ApplyResult | null;
  /** what the host is left in after a cancel */
  cancelledState: UnitState[] | null;
  finished: FinishedBlock[];
  rollback: RollbackEvent[];
  rollbackOk: boolean | null;
  report: StatusReport | null;
}

export type ApplyAction =
  | ApplyEvent
  | RollbackEvent
  | { type: 'unit-finished'; block: FinishedBlock }
  | { type: 'rollback-start' }
  | { type: 'checking' }
  /** the healthy run's status table (null when none is taken): the screen is done */
  | { type: 'status'; report: StatusReport | null }
  | { type: 'retry' };

export function initialApplyState(services: readonly Service[] = COMPONENTS): ApplyViewState {
  return {
    stage: 'running',
    services,
    phases: phasesOf(services).map((phase) => ({ key: phaseKey(phase), phase, status: 'pending' })),
    currentUnit: null,
    files: [],
    units: {},
    health: {},
    failure: null,
    result: null,
    cancelledState: null,
    finished: [],
    rollback: [],
    rollbackOk: null,
    report: null,
  };
}

function setPhase(s: ApplyViewState, phase: PhaseId, patch: Partial<PhaseView>): ApplyViewState {
  const key = phaseKey(phase);
  return { ...s, phases: s.phases.map((p) => (p.key === key ? { ...p, ...patch } : p)) };
}

export function applyReducer(s: ApplyViewState, a: ApplyAction): ApplyViewState {
  switch (a.type) {
    case 'phase-start': {
      const next = setPhase(s, a.phase, { status: 'running', ...(a.detail ? { detail: a.detail } : {}) });
      if (a.phase.component && (a.phase.name === 'start' || a.phase.name === 'wait')) {
        return { ...next, currentUnit: unitOfService(a.phase.component) };
      }
      return next;
    }
    case 'phase-done':
      return setPhase(s, a.phase, { status: 'done', ...(a.detail ? { detail: a.detail } : {}) });
    case 'phase-skipped':
      return setPhase(s, a.phase, { status: 'skipped', skipReason: a.reason });
    case 'phase-failed':
      return setPhase(s, a.phase, { status: 'failed' });
    case 'file-written':
      return { ...s, files: [...s.files, a.file] };
    case 'unit-state':
      return { ...s, units: { ...s.units, [a.component]: a.state } };
    case 'health':
      return { ...s, health: { ...s.health, [a.component]: a.check } };
    case 'failed':
      return { ...s, stage: 'failed', failure: a.failure };
    case 'cancelled':
      return { ...s, stage: 'cancelled', cancelledState: a.after };
    case 'finished':
      return {
        ...s,
        result: a.result,
        stage:
          a.result.outcome === 'failed' ? 'failed' : a.result.outcome === 'cancelled' ? 'cancelled' : s.stage,
        currentUnit: a.result.outcome === 'healthy' ? null : s.currentUnit,
      };
    case 'checking':
      return { ...s, stage: 'checking' };
    case 'status':
      return {
        ...s,
        report: a.report,
        stage: s.stage === 'checking' || s.stage === 'running' ? 'done' : s.stage,
      };
    case 'unit-finished':
      return { ...s, finished: [...s.finished, a.block] };
    case 'rollback-start':
      return { ...s, stage: 'rolling-back', rollback: [], rollbackOk: null };
    case 'rollback-file':
    case 'rollback-command':
      return { ...s, rollback: [...s.rollback, a] };
    case 'rollback-done':
      return { ...s, rollback: [...s.rollback, a], rollbackOk: a.ok, stage: 'rolled-back' };
    case 'retry':
      return { ...initialApplyState(s.services), finished: s.finished };
    case 'command':
    case 'journal':
      return s;
  }
}
