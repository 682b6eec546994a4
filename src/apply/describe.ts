import type { UnitState } from '../host/systemd.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { unitOfService } from '../model/ha-layout.js';
import type { Diagnosis } from './diagnose.js';
import type { PhaseId } from './events.js';
import type { PhaseView } from './state.js';

/** Words for phases and diagnoses, shared by the plain printer and the Ink screen. */

/** A phase's title; `detail`: what the phase said when it began (start: start or restart; enable: the units). */
export function phaseTitle(p: PhaseId, t: Translate, detail?: string): string {
  const unit = p.component ? unitOfService(p.component) : '';
  if (p.name === 'start' && detail === 'restart') return t('apply.phase.restart', { unit });
  if (p.name === 'enable')
    return detail ? t('apply.phase.enable', { unit: detail }) : t('apply.phase.enableNone');
  return t(`apply.phase.${p.name}`, { unit, component: p.component ?? '' });
}

/** The message key of a diagnosis' cause (its parameters are the diagnosis' own). */
export function causeKey(d: Diagnosis): MessageKey {
  if (d.cause === 'unknown-flag')
    return `apply.cause.unknown-flag.${d.params.known ?? 'never'}` as MessageKey;
  if (d.cause === 'file-missing')
    return `apply.cause.file-missing.${d.params.kind === 'cert' ? 'cert' : 'file'}` as MessageKey;
  return `apply.cause.${d.cause}` as MessageKey;
}

export function causeText(d: Diagnosis, t: Translate): string {
  return t(causeKey(d), d.params);
}

export function fixText(d: Diagnosis, t: Translate): string {
  const fix = t(`apply.fix.${d.cause}` as MessageKey, d.params);
  if (d.params.binaryVersion && d.params.answersVersion)
    return `${t('apply.fix.versionMismatch', d.params)} ${fix}`;
  return fix;
}

export function stateText(s: Pick<UnitState, 'activeState' | 'subState' | 'result'>): string {
  return `${s.activeState} (${s.subState}${s.result && s.result !== 'success' ? `, ${s.result}` : ''})`;
}

/** "2026-11-25 22:40:01" in local time, as journalctl --since takes it. */
export function sinceText(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * What a healthy run did, in one line: the files written, then the units started, restarted
 * and left running as they were.
 */
export function applySummary(phases: readonly PhaseView[], files: number, t: Translate): string {
  const by = (pick: (p: PhaseView) => boolean) =>
    phases
      .filter((p) => p.phase.name === 'start' && p.phase.component && pick(p))
      .map((p) => p.phase.component!);
  const parts = [
    files > 0 ? t('apply.summary.files', { count: files }) : t('apply.summary.noFiles'),
    ...(
      [
        ['started', by((p) => p.status === 'done' && p.detail === 'start')],
        ['restarted', by((p) => p.status === 'done' && p.detail === 'restart')],
        ['left', by((p) => p.status === 'skipped')],
      ] as const
    ).flatMap(([key, units]) =>
      units.length > 0 ? [t(`apply.summary.${key}`, { units: units.join(', ') })] : [],
    ),
  ];
  return t('apply.summary', { parts: parts.join(t('apply.summary.sep')) });
}
