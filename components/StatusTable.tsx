import { Box, Text } from 'ink';
import { displayWidth, padEnd } from '../src/format/width.js';
import type { Translate } from '../src/i18n/index.js';
import { terminalSafe } from '../src/i18n/terminal-text.js';
import { haLines, leaderText, statusTable } from '../src/status/format.js';
import type { StatusReport } from '../src/status/types.js';
import { healthColor, useColors } from './theme.js';

export interface StatusTableProps {
  t: Translate;
  report: StatusReport;
  /** columns available: every line is cut at this width */
  width: number;
}

/**
 * The component-status table, in the spirit of the seed's `kubectl get cs`: one row per
 * etcd member and component with its unit state, health (coloured) and message, cut at the
 * width (the message gives way); then the leader locks, with ha: the masters of the pair,
 * `kubectl get cs` on one line where it tells the truth, and notes. `kmaster-wizard status -o wide` shows everything.
 */
export function StatusTable({ t, report, width }: StatusTableProps) {
  const c = useColors();
  const { lines, healthColumn } = statusTable(report, t, { width, wide: false, overflow: 'cut' });
  const api = report.rows.find((r) => r.kind === 'kube-apiserver');
  const cs = report.componentStatuses;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{t('status.title', { version: report.version })}</Text>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one table, in a fixed order
        <Text key={i} bold={line.header} wrap="truncate-end">
          {line.cells.map((cell, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the cells of one line
            <Text key={k}>
              {k > 0 ? '  ' : ''}
              <Text color={k === healthColumn && line.health ? healthColor(c, line.health) : undefined}>
                {cell}
              </Text>
            </Text>
          ))}
        </Text>
      ))}
      {api?.auth ? (
        <Text dimColor wrap="truncate-end">
          {t('status.authLine', { auth: api.auth })}
        </Text>
      ) : null}
      {report.leaders.length > 0 ? <Text>{t('status.leaders')}</Text> : null}
      {report.leaders.map((l) => (
        <Text key={l.lock} wrap="truncate-end">
          {leaderText(l, t)}
        </Text>
      ))}
      {report.ha ? <Pair t={t} report={report} width={width} /> : null}
      {cs ? (
        <Text wrap="truncate-end">
          {t('status.csShort')}{' '}
          {cs.map((row, i) => (
            <Text key={row.name}>
              {i > 0 ? '  ' : ''}
              {row.name}{' '}
              <Text color={row.healthy ? c.ok : c.bad}>
                {t(row.healthy ? 'status.health.healthy' : 'status.health.unhealthy')}
              </Text>
            </Text>
          ))}
        </Text>
      ) : null}
      {report.notes.map((n) => (
        <Text key={n} dimColor wrap="truncate-end">
          {n}
        </Text>
      ))}
      <Text color={report.healthy ? c.ok : c.bad}>
        {t(report.healthy ? 'status.allHealthy' : 'status.notHealthy')}
      </Text>
    </Box>
  );
}

/** The masters of the HA front: apiserver health coloured, who holds the VIP, the leases, haproxy's view. */
function Pair({ t, report, width }: StatusTableProps) {
  const c = useColors();
  const ha = report.ha!;
  const lines = haLines(ha, t);
  const widths = lines.cells[0]!.map((_, i) => Math.max(...lines.cells.map((r) => displayWidth(r[i]!))));
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">{lines.title}</Text>
      {lines.cells.map((r, i) => {
        const m = i === 0 ? null : ha.masters[i - 1]!;
        return (
          <Text key={r[0]} bold={i === 0} wrap="truncate-end">
            {`  ${padEnd(r[0]!, widths[0]!)}  `}
            <Text color={m ? healthColor(c, m.apiserver.health) : undefined}>
              {padEnd(r[1]!, widths[1]!)}
            </Text>
            {`  ${padEnd(r[2]!, widths[2]!)}  ${padEnd(r[3]!, widths[3]!)}  ${r[4]}`}
          </Text>
        );
      })}
      <Text color={healthColor(c, ha.throughVip.health)} wrap="truncate-end">{`  ${lines.through}`}</Text>
      {ha.haproxyError ? (
        <Text dimColor wrap="truncate-end">{`  ${terminalSafe(ha.haproxyError)}`}</Text>
      ) : null}
    </Box>
  );
}
