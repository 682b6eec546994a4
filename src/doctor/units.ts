import { causeKey } from '../apply/describe.js';
import { type Diagnosis, diagnose } from '../apply/diagnose.js';
import type { LogLine } from '../apply/klog.js';
import type { UnitState } from '../host/systemd.js';
import type { MessageKey } from '../i18n/index.js';
import type { Component } from '../model/components.js';
import { minorString } from '../model/version.js';
import type { Finding, Text } from './types.js';

/**
 * Each unit as systemd has it: not loaded, failed, restarting, stopped, running but not
 * healthy, or running but not enabled at boot — with the diagnosis of its journal (the causes
 * the apply diagnosis knows). Pure: the states and lines are read before.
 */
export interface UnitInput {
  component: Component;
  unit: string;
  /** the unit file systemd would load; null when there is none */
  unitFile: string | null;
  state: UnitState | null;
  /** the newest lines of the unit's journal */
  lines: readonly LogLine[];
  /** the binary's minor version (what an unknown flag is judged by) */
  minor: number | null;
  etcdServers: readonly string[];
  /** the health check's answer, when the unit runs but the check fails */
  health?: string;
}

/** The unit needs its journal read: it is not running as it should. */
export function needsJournal(state: UnitState | null, unhealthy: boolean): boolean {
  if (state?.loadState !== 'loaded') return false;
  return state.activeState !== 'active' || unhealthy;
}

function diagnosisOf(input: UnitInput, health?: string): Diagnosis {
  return diagnose({
    component: input.component,
    minor: input.minor ?? 0,
    lines: input.lines,
    state: input.state,
    etcdServers: input.etcdServers,
    ...(health ? { health } : {}),
  });
}

/** What fixes a diagnosed cause: the flags are fixed by rewriting the files; else apply's fix. */
function causeFix(d: Diagnosis, minor: number | null): Text {
  if ((d.cause === 'unknown-flag' || d.cause === 'required-flag') && minor !== null)
    return { key: 'doctor.fix.seeFlags', params: { version: minorString(minor) } };
  return { key: `apply.fix.${d.cause}` as MessageKey, params: d.params };
}

function withDiagnosis(
  input: UnitInput,
  base: Pick<Finding, 'kind' | 'severity' | 'what'>,
  after: Text,
  health?: string,
): Finding {
  const d = diagnosisOf(input, health);
  const first: Text =
    d.cause === 'unknown'
      ? { key: 'doctor.fix.journal', params: { unit: input.unit } }
      : causeFix(d, input.minor);
  // no line names the cause: the unit's own last line is the best evidence there is
  const evidence = d.evidence ?? input.lines.findLast((l) => !l.fromSystemd)?.text;
  return {
    ...base,
    subject: input.unit,
    evidence: evidence ? [{ unit: input.unit, text: evidence }] : [],
    cause: { key: causeKey(d), params: d.params },
    fix: [first, after],
  };
}

export function unitFindings(input: UnitInput): Finding[] {
  const { state, unit } = input;
  if (!state) return [];
  if (state.loadState === 'not-found') {
    return [
      {
        kind: 'unit',
        severity: 'error',
        subject: unit,
        what: input.unitFile
          ? { key: 'doctor.unit.notLoaded', params: { unit, file: input.unitFile } }
          : { key: 'doctor.unit.noUnit', params: { unit, component: input.component } },
        evidence: [],
        fix: [
          input.unitFile
            ? { key: 'doctor.fix.daemonReload', params: { unit } }
            : { key: 'doctor.fix.noUnit', params: { unit } },
        ],
      },
    ];
  }
  if (state.loadState !== 'loaded') {
    return [
      {
        kind: 'unit',
        severity: 'error',
        subject: unit,
        what: { key: 'doctor.unit.badLoad', params: { unit, load: state.loadState } },
        evidence: [],
        fix: [{ key: 'doctor.fix.verify', params: { unit, file: input.unitFile ?? unit } }],
      },
    ];
  }
  const params = {
    unit,
    active: state.activeState,
    sub: state.subState,
    result: state.result,
    restarts: state.nRestarts,
  };
  const restart: Text = { key: 'doctor.fix.restart', params: { unit } };
  if (state.activeState === 'failed') {
    const key = state.nRestarts > 0 ? 'doctor.unit.failedAfter' : 'doctor.unit.failed';
    return [withDiagnosis(input, { kind: 'unit', severity: 'error', what: { key, params } }, restart)];
  }
  if (state.activeState === 'activating' && state.subState === 'auto-restart')
    return [
      withDiagnosis(
        input,
        { kind: 'unit', severity: 'error', what: { key: 'doctor.unit.restarting', params } },
        restart,
      ),
    ];
  if (state.activeState === 'inactive')
    return [
      withDiagnosis(
        input,
        { kind: 'unit', severity: 'error', what: { key: 'doctor.unit.inactive', params } },
        { key: 'doctor.fix.start', params: { unit } },
      ),
    ];
  if (state.activeState !== 'active')
    return [
      withDiagnosis(
        input,
        { kind: 'unit', severity: 'warning', what: { key: 'doctor.unit.changing', params } },
        restart,
      ),
    ];
  const findings: Finding[] = [];
  if (input.health !== undefined) {
    findings.push(
      withDiagnosis(
        input,
        {
          kind: 'unhealthy',
          severity: 'error',
          what: { key: 'doctor.unit.unhealthy', params: { unit, message: input.health } },
        },
        restart,
        input.health,
      ),
    );
  }
  if (!['enabled', 'static', 'generated', 'alias', 'indirect', 'transient'].includes(state.unitFileState)) {
    findings.push({
      kind: 'unit',
      severity: 'warning',
      subject: unit,
      what: { key: 'doctor.unit.notEnabled', params: { unit, enabled: state.unitFileState || '-' } },
      evidence: [],
      fix: [{ key: 'doctor.fix.enable', params: { unit } }],
    });
  }
  return findings;
}
