import { cutText, wrapText } from '../format/fit.js';
import { displayWidth, padEnd } from '../format/width.js';
import type { Translate } from '../i18n/index.js';
import { terminalSafe } from '../i18n/terminal-text.js';
import type { HaStatus, Health, LeaderRow, StatusReport } from './types.js';

/**
 * The status report as a table that fits the terminal, like `kubectl get`: NAME, UNIT,
 * HEALTH and MESSAGE by default, with the message (the last column) wrapped or cut at the
 * width; `wide` adds ENDPOINT and LATENCY and never cuts or wraps anything.
 */
export interface TableOptions {
  /** columns available (ignored when wide) */
  width: number;
  wide: boolean;
  /** what a message too long for its column does: continue on the next lines, or end in … */
  overflow: 'wrap' | 'cut';
}

type Column = 'name' | 'unit' | 'endpoint' | 'health' | 'latency' | 'message';

const GAP = '  ';
/** a wrapped message column narrower than this goes under its row instead, indented */
const MIN_MESSAGE = 12;
const UNDER = '    ';

export function statusColumns(wide: boolean): Column[] {
  return wide
    ? ['name', 'unit', 'endpoint', 'health', 'latency', 'message']
    : ['name', 'unit', 'health', 'message'];
}

/** One line of the table: its cells, padded to their column (the last one is not). */
export interface StatusLine {
  cells: string[];
  /** the row's health, for colouring the health cell; absent on the header and continuation lines */
  health?: Health;
  header?: boolean;
}

export interface StatusTableLayout {
  lines: StatusLine[];
  /** index of the health cell in `cells` */
  healthColumn: number;
}

function cellOf(report: StatusReport, i: number, column: Column, t: Translate): string {
  const r = report.rows[i]!;
  switch (column) {
    case 'name':
      return r.name;
    case 'unit':
      return terminalSafe(r.unitState ?? '-');
    case 'endpoint':
      return r.endpoint;
    case 'health':
      return t(`status.health.${r.health}`);
    case 'latency':
      return r.latencyMs === null ? '-' : `${r.latencyMs}ms`;
    case 'message':
      // what came from outside (a unit state, an endpoint's answer) is shown escaped
      return terminalSafe(r.message);
  }
}

/** Text fitted to a width: wrapped into lines, or cut with …. */
function fitText(text: string, width: number, overflow: TableOptions['overflow']): string[] {
  return overflow === 'cut' ? [cutText(text, width)] : wrapText(text, width);
}

export function statusTable(report: StatusReport, t: Translate, opts: TableOptions): StatusTableLayout {
  const columns = statusColumns(opts.wide);
  const header = columns.map((c) => t(`status.col.${c}`));
  const rows = report.rows.map((_, i) => columns.map((c) => cellOf(report, i, c, t)));
  const widths = columns.map((_, k) =>
    Math.max(displayWidth(header[k]!), ...rows.map((r) => displayWidth(r[k]!))),
  );
  const fixed = widths.slice(0, -1).reduce((sum, w) => sum + w + GAP.length, 0);
  const room = opts.width - fixed;
  // too narrow a column for wrapping: each message goes on the lines under its row
  const under = !opts.wide && opts.overflow === 'wrap' && room < MIN_MESSAGE;
  const pad = (cells: string[]) => cells.map((c, k) => (k === cells.length - 1 ? c : padEnd(c, widths[k]!)));
  const lines: StatusLine[] = [{ cells: pad(header), header: true }];
  report.rows.forEach((r, i) => {
    const cells = rows[i]!;
    const text = cells.at(-1)!;
    const message = opts.wide
      ? [text]
      : under
        ? ['', ...fitText(text, opts.width - UNDER.length, 'wrap')]
        : fitText(text, Math.max(2, room), opts.overflow);
    lines.push({ cells: pad([...cells.slice(0, -1), message[0] ?? '']), health: r.health });
    for (const more of message.slice(1)) {
      lines.push({ cells: under ? [`${UNDER}${more}`] : pad([...cells.slice(0, -1).map(() => ''), more]) });
    }
  });
  return { lines, healthColumn: columns.indexOf('health') };
}

export const lineText = (l: StatusLine): string => l.cells.join(GAP).trimEnd();

/** A leader lock's line: its holder, and with ha: the master that is. */
export function leaderText(l: LeaderRow, t: Translate): string {
  if (!l.holder) return t('status.leader.rowNone', { lock: l.lock, message: l.message }).trimEnd();
  const master = l.master ? t('status.leader.master', { address: l.master }) : '';
  return t('status.leader.row', {
    lock: l.lock,
    holder: l.holder,
    kind: l.kind ?? '-',
    message: [master, l.message].filter(Boolean).join('; '),
  }).trimEnd();
}

/** The pair as a cluster: its title, then one row per master (header first), then the VIP's own answer. */
export function haLines(ha: HaStatus, t: Translate): { title: string; cells: string[][]; through: string } {
  const header = [
    t('status.ha.col.master'),
    t('status.ha.col.apiserver'),
    t('status.ha.col.vip'),
    t('status.ha.col.leases'),
    t('status.ha.col.haproxy'),
  ];
  const cells = ha.masters.map((m) => [
    m.self ? `${m.address} *` : m.address,
    t(`status.health.${m.apiserver.health}`),
    m.holdsVip === null ? '?' : m.holdsVip ? t('status.ha.holds') : '-',
    m.leases.join(', ') || '-',
    terminalSafe(m.backend ?? '?'),
  ]);
  return {
    title: t(ha.vipHolder ? 'status.ha.title' : 'status.ha.titleNoHolder', {
      url: ha.url,
      holder: ha.vipHolder ?? '',
    }),
    cells: [header, ...cells],
    through: t('status.ha.through', {
      url: ha.throughVip.endpoint,
      health: t(`status.health.${ha.throughVip.health}`),
      message: terminalSafe(ha.throughVip.message),
      latency: ha.throughVip.latencyMs,
    }),
  };
}

/** Cells padded to their column and joined, one line per row. */
export function aligned(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : padEnd(cell, widths[i]!)))
      .join(GAP)
      .trimEnd(),
  );
}

/** Text lines after the table (who probed, leader locks, get cs, notes), wrapped to the width. */
function indented(text: string, opts: TableOptions): string[] {
  if (opts.wide) return [text];
  const indent = /^ */.exec(text)![0];
  const body = fitText(
    text.slice(indent.length),
    Math.max(MIN_MESSAGE, opts.width - indent.length - 2),
    'wrap',
  );
  return body.map((l, i) => (i === 0 ? `${indent}${l}` : `${indent}  ${l}`));
}

/** The status report as plain lines: a table, leader locks, get cs or why it is left out. */
export function formatStatus(report: StatusReport, t: Translate, opts: TableOptions): string[] {
  const lines = [t('status.title', { version: report.version })];
  lines.push(...statusTable(report, t, opts).lines.map(lineText));
  const more: string[] = [];
  const api = report.rows.find((r) => r.kind === 'kube-apiserver');
  if (api?.auth) more.push(t('status.authLine', { auth: api.auth }));
  if (report.leaders.length > 0) {
    more.push(t('status.leaders'));
    for (const l of report.leaders) more.push(leaderText(l, t));
  }
  for (const m of more.splice(0)) lines.push(...indented(m, opts));
  if (report.ha) {
    // the masters' table stays a table: its rows are neither wrapped nor cut
    const ha = haLines(report.ha, t);
    lines.push(...indented(ha.title, opts), ...aligned(ha.cells).map((l) => `  ${l}`));
    lines.push(...indented(`  ${ha.through}`, opts));
    if (report.ha.haproxyError) lines.push(...indented(`  ${terminalSafe(report.ha.haproxyError)}`, opts));
  }
  if (report.componentStatuses) {
    more.push(t('status.cs'));
    for (const c of report.componentStatuses) {
      more.push(
        t('status.cs.row', {
          name: c.name,
          health: t(c.healthy ? 'status.health.healthy' : 'status.health.unhealthy'),
          message: c.message,
        }).trimEnd(),
      );
    }
  }
  more.push(...report.notes);
  more.push(t(report.healthy ? 'status.allHealthy' : 'status.notHealthy'));
  for (const m of more) lines.push(...indented(m, opts));
  return lines;
}
