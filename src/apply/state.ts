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
import { phasesOf } from './phases.js';
import type { WrittenFile } from './plan.js';

/**
 * The apply screen's state, folded from the pipeline's events by a pure reducer: the
 * Ink view only renders it. Journal lines do not pass through here (see journal-buffer.ts):
 * the state says whose journal the live pane shows, the units being started right now.
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

export type Stage = 'running' | 'failed' | 'cancelled' | 'checking' | 'done' | 'rolling-back' | 'rolled-back';

export interface ApplyViewState {
  stage: Stage;
  /** what the run starts, in order: the components, then the HA front's services */
  services: readonly Service[];
  phases: PhaseView[];
  /**
   * the units being started now, whose journal the live pane shows: from their start phase
   * to the end of their wait (none for a unit left running, whose health alone is checked)
   */
  liveUnits: string[];
  files: WrittenFile[];
  units: Partial<Record<Service, UnitState>>;
  health: Partial<Record<Service, HealthCheck>>;
  failure: Failure | null;
  result: ApplyResult | null;
  /** what the host is left in after a cancel */
  cancelledState: UnitState[] | null;
  rollback: RollbackEvent[];
  rollbackOk: boolean | null;
  report: StatusReport | null;
}

export type ApplyAction =
  | ApplyEvent
  | RollbackEvent
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
    liveUnits: [],
    files: [],
    units: {},
    health: {},
    failure: null,
    result: null,
    cancelledState: null,
    rollback: [],
    rollbackOk: null,
    report: null,
  };
}

function setPhase(s: ApplyViewState, phase: PhaseId, patch: Partial<PhaseView>): ApplyViewState {
  const key = phaseKey(phase);
  return { ...s, phases: s.phases.map((p) => (p.key === key ? { ...p, ...patch } : p)) };
}

const phaseOf = (s: ApplyViewState, component: Service, name: PhaseId['name']) =>
  s.phases.find((p) => p.phase.component === component && p.phase.name === name)?.status;

const withUnit = (units: readonly string[], unit: string) =>
  units.includes(unit) ? [...units] : [...units, unit];

/** A unit's wait is over (or was skipped): its journal leaves the pane. */
function ended(s: ApplyViewState, phase: PhaseId): ApplyViewState {
  if (phase.name !== 'wait' || !phase.component) return s;
  const unit = unitOfService(phase.component);
  return { ...s, liveUnits: s.liveUnits.filter((u) => u !== unit) };
}

export function applyReducer(s: ApplyViewState, a: ApplyAction): ApplyViewState {
  switch (a.type) {
    case 'phase-start': {
      const next = setPhase(s, a.phase, { status: 'running', ...(a.detail ? { detail: a.detail } : {}) });
      const c = a.phase.component;
      // the wait of a unit left running follows no journal: nothing was started to log
      const started =
        c && (a.phase.name === 'start' || (a.phase.name === 'wait' && phaseOf(s, c, 'start') !== 'skipped'));
      return started ? { ...next, liveUnits: withUnit(next.liveUnits, unitOfService(c)) } : next;
    }
    case 'phase-done':
      return ended(
        setPhase(s, a.phase, { status: 'done', ...(a.detail ? { detail: a.detail } : {}) }),
        a.phase,
      );
    case 'phase-skipped':
      return ended(setPhase(s, a.phase, { status: 'skipped', skipReason: a.reason }), a.phase);
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
        liveUnits: a.result.outcome === 'healthy' ? [] : s.liveUnits,
      };
    case 'checking':
      return { ...s, stage: 'checking' };
    case 'status':
      return {
        ...s,
        report: a.report,
        stage: s.stage === 'checking' || s.stage === 'running' ? 'done' : s.stage,
      };
    case 'rollback-start':
      return { ...s, stage: 'rolling-back', rollback: [], rollbackOk: null };
    case 'rollback-file':
    case 'rollback-command':
      return { ...s, rollback: [...s.rollback, a] };
    case 'rollback-done':
      return { ...s, rollback: [...s.rollback, a], rollbackOk: a.ok, stage: 'rolled-back' };
    case 'retry':
      return initialApplyState(s.services);
    case 'command':
    case 'journal':
      return s;
  }
}
