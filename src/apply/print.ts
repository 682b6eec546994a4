import type { Translate } from '../i18n/index.js';
import { causeText, fixText, phaseTitle, sinceText, stateText } from './describe.js';
import type { ApplyEvent, Failure, RollbackEvent } from './events.js';
import { unitLabel } from './klog.js';

/**
 * The plain-text front end of the pipeline (`kmaster-wizard apply`): one event → lines, no
 * cursor movement and no colour, so it reads the same in a terminal, a pipe or a CI log.
 * Journal lines are prefixed with their unit.
 */
export function eventLines(e: ApplyEvent, t: Translate, actions: Map<string, string> = new Map()): string[] {
  switch (e.type) {
    case 'phase-start': {
      if (e.detail) actions.set(`${e.phase.component}`, e.detail);
      return [t('apply.phaseLine.start', { phase: phaseTitle(e.phase, t, e.detail) })];
    }
    case 'phase-done': {
      const phase = phaseTitle(e.phase, t, actions.get(`${e.phase.component}`));
      if (e.phase.name === 'wait' && e.detail)
        return [t('apply.phaseLine.doneDetail', { phase, detail: e.detail })];
      return [t('apply.phaseLine.done', { phase })];
    }
    case 'phase-skipped':
      return [
        t('apply.phaseLine.skipped', {
          phase: phaseTitle(e.phase, t),
          reason: t(`apply.skipped.${e.reason}`),
        }),
      ];
    case 'phase-failed':
      return [
        t('apply.phaseLine.failed', { phase: phaseTitle(e.phase, t, actions.get(`${e.phase.component}`)) }),
      ];
    case 'command':
      return e.exitCode === 0
        ? [t('apply.command', { command: e.argv.join(' ') })]
        : [t('apply.commandFailed', { command: e.argv.join(' '), code: e.exitCode, stderr: e.stderr })];
    case 'file-written': {
      const lines = [t('apply.wrote', { target: e.file.target, action: t(`apply.action.${e.file.action}`) })];
      if (e.file.backup) lines.push(t('apply.backup', { backup: e.file.backup }));
      return lines;
    }
    case 'journal': {
      const label = unitLabel(e.unit);
      return e.lines.map((l) => `  ${label} | ${l.text}`);
    }
    case 'unit-state':
      return [
        t('apply.state', {
          unit: e.state.unit,
          active: e.state.activeState,
          sub: e.state.subState,
          pid: e.state.mainPid,
          restarts: e.state.nRestarts,
        }),
      ];
    case 'health':
      return [t('apply.health', { endpoint: e.check.endpoint, message: e.check.message })];
    case 'failed':
      return failureLines(e.failure, t);
    case 'cancelled': {
      const lines = [t('apply.cancelled')];
      lines.push(
        e.written.length
          ? t('apply.hostState.files', { count: e.written.length })
          : t('apply.hostState.noFiles'),
      );
      for (const w of e.written) lines.push(t('apply.hostState.file', { target: w.target }));
      for (const s of e.after) {
        lines.push(t('apply.hostState.unit', { unit: s.unit, active: s.activeState, sub: s.subState }));
      }
      return lines;
    }
    case 'finished':
      return [];
  }
}

/** The failure report: what failed, the last journal lines, the cause and the fix. */
export function failureLines(f: Failure, t: Translate, lastCount = 20): string[] {
  const lines: string[] = [];
  if (f.unit && f.state) lines.push(t('apply.failed', { unit: f.unit, state: stateText(f.state) }));
  else lines.push(t('apply.failedPhase', { phase: phaseTitle(f.phase, t) }));
  if (f.unit && f.lastLines.length > 0) {
    lines.push(t('apply.lastLines', { unit: f.unit }));
    for (const l of f.lastLines.slice(-lastCount)) lines.push(`  ${unitLabel(l.unit)} | ${l.text}`);
    lines.push(t('apply.moreLogs', { unit: f.unit, since: sinceText(f.since) }));
  } else {
    for (const l of f.lastLines) lines.push(`  ${l.text}`);
  }
  lines.push(t('apply.cause', { text: causeText(f.diagnosis, t) }));
  lines.push(t('apply.fix', { text: fixText(f.diagnosis, t) }));
  return lines;
}

export function rollbackLines(e: RollbackEvent, t: Translate): string[] {
  switch (e.type) {
    case 'rollback-file':
      return e.action === 'restored'
        ? [t('apply.rollback.restored', { path: e.path, from: e.from ?? '' })]
        : [t('apply.rollback.removed', { path: e.path })];
    case 'rollback-command':
      return e.exitCode === 0
        ? [t('apply.command', { command: e.argv.join(' ') })]
        : [t('apply.commandFailed', { command: e.argv.join(' '), code: e.exitCode, stderr: e.stderr })];
    case 'rollback-done':
      return [t(e.ok ? 'apply.rollback.done' : 'apply.rollback.incomplete')];
  }
}
