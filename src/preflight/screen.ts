import { cutText, wrapText } from '../format/fit.js';
import type { Translate } from '../i18n/index.js';
import { markOf, say } from './format.js';
import type { CheckResult, PreflightReport } from './types.js';

/**
 * The preflight screen's rows, cut to the terminal's width: problems first (errors, then
 * warnings and ignored errors, each with its message and fix wrapped under it), then what
 * passed and what was skipped, one line each. Pure, so the view only draws.
 */

export type Tone = 'ok' | 'bad' | 'warn' | 'dim' | 'plain';

export interface ScreenLine {
  key: string;
  /** the mark column (✓ ✗ ! -), empty on continuation lines */
  mark: string;
  tone: Tone;
  text: string;
}

function rank(c: CheckResult): number {
  if (c.status === 'fail') return c.severity === 'error' ? 0 : 1;
  if (c.status === 'ignored') return 2;
  if (c.status === 'pass') return 3;
  return 4;
}

export function toneOf(c: CheckResult): Tone {
  if (c.status === 'pass') return 'ok';
  if (c.status === 'skip') return 'dim';
  if (c.status === 'fail' && c.severity === 'error') return 'bad';
  return 'warn';
}

export function screenLines(t: Translate, report: PreflightReport, width: number): ScreenLine[] {
  const checks = [...report.checks]
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i);
  const nameWidth = Math.min(36, Math.max(...report.checks.map((c) => c.name.length)));
  const body = width - 2; // after the mark and a space
  const lines: ScreenLine[] = [];
  for (const { c } of checks) {
    const tone = toneOf(c);
    const mark = markOf(c);
    if (c.status === 'fail' || c.status === 'ignored') {
      // a failed warning is just a warning; an error says whether it blocks (FAIL) or was ignored
      const severity = t(`preflight.severity.${c.severity}`);
      const head =
        c.severity === 'warning' && c.status === 'fail'
          ? `${c.name}  ${severity}`
          : `${c.name}  ${severity} · ${t(`preflight.status.${c.status}`)}`;
      lines.push({ key: `${c.name}`, mark, tone, text: cutText(head, body) });
      for (const [n, l] of wrapText(say(t, c.message), body - 2).entries())
        lines.push({ key: `${c.name}/m${n}`, mark: '', tone: 'plain', text: `  ${l}` });
      if (c.fix) {
        for (const [n, l] of wrapText(t('preflight.fixLine', { fix: say(t, c.fix) }), body - 2).entries())
          lines.push({ key: `${c.name}/f${n}`, mark: '', tone: 'dim', text: `  ${l}` });
      }
      continue;
    }
    const name = c.name.length > nameWidth ? cutText(c.name, nameWidth) : c.name.padEnd(nameWidth);
    lines.push({ key: c.name, mark, tone, text: cutText(`${name}  ${say(t, c.message)}`, body) });
  }
  return lines;
}
