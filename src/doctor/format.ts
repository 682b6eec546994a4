import { stateText } from '../apply/describe.js';
import { displayWidth } from '../format/width.js';
import type { Translate } from '../i18n/index.js';
import { describeProblem } from '../model/issues.js';
import { formatStatus } from '../status/format.js';
import type { ComponentFacts, DoctorReport, Evidence, Finding, Text } from './types.js';

/**
 * The doctor's report as plain lines (what it read, each finding with its evidence, cause and
 * fix, then the status table) and as JSON (the same, with each text in the language asked
 * beside the facts it was made from).
 */

export function sayText(t: Translate, x: Text): string {
  return 'problem' in x ? describeProblem(x.problem, t) : t(x.key, x.params);
}

export function evidenceText(t: Translate, e: Evidence): string {
  if (e.unit) return t('doctor.evidence.journal', { unit: e.unit, text: e.text });
  if (e.file && e.line !== undefined)
    return t('doctor.evidence.line', { file: e.file, line: e.line, text: e.text });
  if (e.file) return t('doctor.evidence.file', { file: e.file });
  return e.text;
}

export function counts(report: DoctorReport): { errors: number; warnings: number } {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: report.findings.length - errors };
}

export function findingLines(t: Translate, f: Finding, n: number): string[] {
  const mark = f.severity === 'error' ? '✗' : '!';
  const lines = [`${mark} ${n}. ${f.subject}: ${sayText(t, f.what)}`];
  const label = (key: 'doctor.label.evidence' | 'doctor.label.cause' | 'doctor.label.fix') => `   ${t(key)} `;
  for (const e of f.evidence) lines.push(`${label('doctor.label.evidence')}${evidenceText(t, e)}`);
  if (f.cause) lines.push(`${label('doctor.label.cause')}${sayText(t, f.cause)}`);
  const fixLabel = label('doctor.label.fix');
  const indent = ' '.repeat(displayWidth(fixLabel));
  f.fix.forEach((fix, i) => {
    const step = f.fix.length > 1 ? `${i + 1}) ` : '';
    lines.push(`${i === 0 ? fixLabel : indent}${step}${sayText(t, fix)}`);
  });
  return lines;
}

function componentLine(t: Translate, c: ComponentFacts): string {
  const version = c.version ?? t('doctor.versionUnknown', { error: c.versionError ?? '-' });
  return t('doctor.component', {
    component: c.component,
    binary: c.binary ?? '-',
    version,
    state: c.state ? stateText(c.state) : '-',
    files: [c.unitFile, ...c.envFiles].filter(Boolean).join(', ') || '-',
  });
}

/** The report as lines; the status table at its end fits `width` columns. */
export function doctorLines(report: DoctorReport, t: Translate, width = 80): string[] {
  const lines: string[] = [];
  const { errors, warnings } = counts(report);
  if (report.findings.length === 0) {
    lines.push(t('doctor.none', { count: report.files.length }));
  } else {
    lines.push(t('doctor.title', { count: report.files.length }));
    for (const c of report.components) lines.push(componentLine(t, c));
    lines.push(
      '',
      t('doctor.found', {
        errors: t('doctor.errors', { count: errors }),
        warnings: t('doctor.warnings', { count: warnings }),
      }),
    );
    report.findings.forEach((f, i) => {
      lines.push('', ...findingLines(t, f, i + 1));
    });
  }
  lines.push('');
  if (report.status) lines.push(...formatStatus(report.status, t, { width, wide: false, overflow: 'wrap' }));
  else lines.push(t('doctor.noStatus'));
  return lines;
}

function textJson(t: Translate, x: Text) {
  return 'problem' in x
    ? { text: sayText(t, x), problem: x.problem }
    : { text: sayText(t, x), key: x.key, params: x.params ?? {} };
}

export function doctorJson(report: DoctorReport, t: Translate): string {
  return JSON.stringify(
    {
      ok: report.findings.length === 0,
      summary: counts(report),
      files: report.files,
      components: report.components,
      findings: report.findings.map((f) => ({
        kind: f.kind,
        severity: f.severity,
        subject: f.subject,
        what: textJson(t, f.what),
        evidence: f.evidence.map((e) => ({ ...e, shown: evidenceText(t, e) })),
        ...(f.cause ? { cause: textJson(t, f.cause) } : {}),
        fix: f.fix.map((x) => textJson(t, x)),
      })),
      status: report.status,
    },
    null,
    2,
  );
}
