import { displayWidth, padEnd } from '../format/width.js';
import type { Translate } from '../i18n/index.js';
import { terminalSafe } from '../i18n/terminal-text.js';
import type { StatusReport } from './types.js';

const pad = padEnd;

/** The table's cells, shared by the plain printer and the Ink view. */
/** One row per member and component; what came from outside (a unit state, an endpoint's answer) shown escaped. */
export function statusCells(report: StatusReport, t: Translate): string[][] {
  return report.rows.map((r) => [
    r.name,
    terminalSafe(r.unitState ?? '-'),
    r.endpoint,
    t(`status.health.${r.health}`),
    terminalSafe(r.message),
    r.latencyMs === null ? '-' : `${r.latencyMs}ms`,
  ]);
}

export function statusHeader(t: Translate): string[] {
  return [
    t('status.col.name'),
    t('status.col.unit'),
    t('status.col.endpoint'),
    t('status.col.health'),
    t('status.col.message'),
    t('status.col.latency'),
  ];
}

/** The status report as plain lines: a table, leader locks, get cs or why it is left out. */
export function formatStatus(report: StatusReport, t: Translate): string[] {
  const rows = [statusHeader(t), ...statusCells(report, t)];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  const lines = [t('status.title', { version: report.version })];
  for (const r of rows) {
    lines.push(
      r
        .map((cell, i) => (i === r.length - 1 ? cell : pad(cell, widths[i]!)))
        .join('  ')
        .trimEnd(),
    );
  }
  const api = report.rows.find((r) => r.kind === 'kube-apiserver');
  if (api?.auth) lines.push(t('status.authLine', { auth: api.auth }));
  if (report.leaders.length > 0) {
    lines.push(t('status.leaders'));
    for (const l of report.leaders) {
      lines.push(
        t('status.leader.row', {
          lock: l.lock,
          holder: l.holder ?? t('status.leader.unknown'),
          kind: l.kind ?? '-',
          message: l.message,
        }).trimEnd(),
      );
    }
  }
  if (report.componentStatuses) {
    lines.push(t('status.cs'));
    for (const c of report.componentStatuses) {
      lines.push(
        t('status.cs.row', {
          name: c.name,
          health: t(c.healthy ? 'status.health.healthy' : 'status.health.unhealthy'),
          message: c.message,
        }).trimEnd(),
      );
    }
  }
  for (const n of report.notes) lines.push(n);
  lines.push(t(report.healthy ? 'status.allHealthy' : 'status.notHealthy'));
  return lines;
}
