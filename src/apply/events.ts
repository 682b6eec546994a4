import type { UnitState } from '../host/systemd.js';
import type { Service } from '../model/ha-layout.js';
import type { Diagnosis } from './diagnose.js';
import type { LogLine } from './klog.js';
import type { WrittenFile } from './plan.js';

/**
 * What the apply pipeline tells its front ends: a discriminated union on `type`. The
 * interactive screen folds the events into its state (state.ts); `apply` prints them as
 * plain lines (print.ts). Both see exactly the same stream.
 */

/** The named phases of a run, in order. */
export type PhaseName = 'write' | 'daemon-reload' | 'enable' | 'start' | 'wait';

export interface PhaseId {
  name: PhaseName;
  /** set for the per-service phases (enable, start, wait): a component or one of the HA front's */
  component?: Service;
}

/** Why a phase did not run: nothing it would write changed, or the unit already runs. */
/** nothing to write; no unit file changed; every unit enabled; running with its files unchanged */
export type SkipReason = 'unchanged' | 'noUnitChange' | 'enabled' | 'running';

/** A stable string for a phase: "write", "daemon-reload", "kube-apiserver/start" … */
export function phaseKey(p: PhaseId): string {
  return p.component ? `${p.component}/${p.name}` : p.name;
}

/** What a component's health check said last. */
export interface HealthCheck {
  healthy: boolean;
  /** the endpoint probed, e.g. https://192.168.50.101:6443/healthz */
  endpoint: string;
  /** its answer or the error, one line */
  message: string;
}

export type Outcome = 'healthy' | 'failed' | 'cancelled';

/** A unit as it was before the run (what a rollback returns to). */
export interface UnitBefore {
  component: Service;
  unit: string;
  active: boolean;
  enabled: boolean;
  exists: boolean;
  mainPid: number;
}

export interface Failure {
  phase: PhaseId;
  component?: Service;
  unit?: string;
  state: UnitState | null;
  diagnosis: Diagnosis;
  /** the unit's last journal lines of this run */
  lastLines: LogLine[];
  /** since when the journal was read (ms since the epoch): `journalctl -u UNIT --since …` */
  since: number;
}

export interface ApplyResult {
  outcome: Outcome;
  written: WrittenFile[];
  /** services with at least one file written */
  changed: Service[];
  before: UnitBefore[];
  failure?: Failure;
  /**
   * every unit's state when the run ended, read when it did not end healthy (after a cancel:
   * what the host is left in); a healthy run has just seen each unit active and answering
   */
  after?: UnitState[];
}

export type ApplyEvent =
  | { type: 'phase-start'; phase: PhaseId; detail?: string }
  | { type: 'phase-done'; phase: PhaseId; detail?: string }
  | { type: 'phase-skipped'; phase: PhaseId; reason: SkipReason }
  | { type: 'phase-failed'; phase: PhaseId }
  | { type: 'command'; argv: string[]; exitCode: number; stderr: string }
  | { type: 'file-written'; file: WrittenFile }
  | { type: 'journal'; unit: string; lines: LogLine[] }
  | { type: 'unit-state'; component: Service; state: UnitState }
  | { type: 'health'; component: Service; check: HealthCheck }
  | { type: 'failed'; failure: Failure }
  | { type: 'cancelled'; written: WrittenFile[]; after: UnitState[] }
  | { type: 'finished'; result: ApplyResult };

export type Emit = (event: ApplyEvent) => void;

/** Events of a rollback. */
export type RollbackEvent =
  | { type: 'rollback-file'; path: string; action: 'restored' | 'removed'; from?: string }
  | { type: 'rollback-command'; argv: string[]; exitCode: number; stderr: string }
  | { type: 'rollback-done'; ok: boolean; after: UnitState[] };
