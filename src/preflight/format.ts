import { displayWidth, padEnd } from '../format/width.js';
import type { Translate } from '../i18n/index.js';
import { summarise } from './run.js';
import type { CheckResult, PreflightReport, PreflightText } from './types.js';

/**
 * The report as plain lines (the preflight command, apply, --dry-run): one line per check —
 * mark, name, severity, result, message — and under each failure its fix.
 */

export type Mark = '✓' | '✗' | '!' | '-';

export function markOf(c: CheckResult): Mark {
  if (c.status === 'pass') return '✓';
  if (c.status === 'skip') return '-';
  if (c.status === 'ignored') return '!';
  return c.severity === 'error' ? '✗' : '!';
}

export function say(t: Translate, s: PreflightText): string {
  return t(s.key, s.params);
}

const pad = padEnd;

/** pass, FAIL (an error), WARN (a warning: it never blocks), skip, ignored. */
export function statusWord(t: Translate, c: CheckResult): string {
  if (c.status === 'fail' && c.severity === 'warning') return t('preflight.status.warn');
  return t(`preflight.status.${c.status}`);
}

export function severityWord(t: Translate, c: CheckResult): string {
  return t(`preflight.severity.${c.severity}`);
}

/** "40 passed, 0 errors, 1 warning, 0 ignored, 0 skipped.": each count in its own plural form. */
export function summaryLine(t: Translate, report: PreflightReport): string {
  const s = summarise(report);
  const parts = [
    t('preflight.summary.passed', { count: s.passed }),
    t('preflight.summary.errors', { count: s.errors }),
    t('preflight.summary.warnings', { count: s.warnings }),
    t('preflight.summary.ignored', { count: s.ignored }),
    t('preflight.summary.skipped', { count: s.skipped }),
  ];
  return t('preflight.summary', { parts: parts.join(t('preflight.summary.sep')) });
}

export function reportLines(t: Translate, report: PreflightReport, title: string): string[] {
  const nameW = Math.max(...report.checks.map((c) => c.name.length), 4);
  const sevW = Math.max(...report.checks.map((c) => displayWidth(severityWord(t, c))));
  const statW = Math.max(...report.checks.map((c) => displayWidth(statusWord(t, c))));
  const lines = [title];
  for (const c of report.checks) {
    lines.push(
      `  ${markOf(c)} ${pad(c.name, nameW)}  ${pad(severityWord(t, c), sevW)}  ${pad(statusWord(t, c), statW)}  ${say(t, c.message)}`,
    );
    if (c.fix && (c.status === 'fail' || c.status === 'ignored'))
      lines.push(`      ${t('preflight.fixLine', { fix: say(t, c.fix) })}`);
  }
  lines.push(summaryLine(t, report));
  return lines;
}

/** The report as JSON: the checks as they are (keys and parameters) plus their text in the language asked. */
export function reportJson(
  t: Translate,
  report: PreflightReport,
  ok: boolean,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify(
    {
      ok,
      ...extra,
      summary: summarise(report),
      checks: report.checks.map((c) => ({
        ...c,
        text: say(t, c.message),
        ...(c.fix ? { fixText: say(t, c.fix) } : {}),
      })),
    },
    null,
    2,
  );
}
