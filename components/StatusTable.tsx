import { Box, Text } from 'ink';
import { displayWidth } from '../src/format/width.js';
import type { Translate } from '../src/i18n/index.js';
import { statusCells, statusHeader } from '../src/status/format.js';
import type { Health, StatusReport } from '../src/status/types.js';
import { healthColor, useColors } from './theme.js';

export interface StatusTableProps {
  t: Translate;
  report: StatusReport;
  /** columns available: every row is one line cut at this width */
  width: number;
}

const pad = (text: string, w: number) => text + ' '.repeat(Math.max(0, w - displayWidth(text)));

/**
 * The component-status table, in the spirit of the seed's `kubectl get cs`: one row per
 * etcd member and component with its unit state, endpoint, health (coloured), message and
 * latency; then the leader locks, `kubectl get cs` where it tells the truth, and notes.
 */
export function StatusTable({ t, report, width }: StatusTableProps) {
  const header = statusHeader(t);
  const cells = statusCells(report, t);
  // name, unit, endpoint, health, latency are aligned; the message comes last and is cut at the width
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i]!))));
  const api = report.rows.find((r) => r.kind === 'kube-apiserver');
  const c = useColors();
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{t('status.title', { version: report.version })}</Text>
      <Row cells={header} widths={widths} width={width} bold />
      {report.rows.map((row, i) => (
        <Row key={row.name} cells={cells[i]!} widths={widths} width={width} health={row.health} />
      ))}
      {api?.auth ? (
        <Text dimColor wrap="truncate-end">
          {t('status.authLine', { auth: api.auth })}
        </Text>
      ) : null}
      {report.leaders.length > 0 ? <Text>{t('status.leaders')}</Text> : null}
      {report.leaders.map((l) => (
        <Text key={l.lock} wrap="truncate-end">
          {t('status.leader.row', {
            lock: l.lock,
            holder: l.holder ?? t('status.leader.unknown'),
            kind: l.kind ?? '-',
            message: l.message,
          })}
        </Text>
      ))}
      {report.componentStatuses ? <Text>{t('status.cs')}</Text> : null}
      {report.componentStatuses?.map((cs) => (
        <Text key={cs.name} wrap="truncate-end">
          {'  '}
          {cs.name}{' '}
          <Text color={cs.healthy ? c.ok : c.bad}>
            {t(cs.healthy ? 'status.health.healthy' : 'status.health.unhealthy')}
          </Text>{' '}
          {cs.message}
        </Text>
      ))}
      {report.notes.map((n) => (
        <Text key={n} dimColor>
          {n}
        </Text>
      ))}
      <Text color={report.healthy ? c.ok : c.bad}>
        {t(report.healthy ? 'status.allHealthy' : 'status.notHealthy')}
      </Text>
    </Box>
  );
}

function Row({
  cells,
  widths,
  width,
  health,
  bold,
}: {
  cells: string[];
  widths: number[];
  width: number;
  health?: Health;
  bold?: boolean;
}) {
  const c = useColors();
  const [name, unit, endpoint, healthText, message, latency] = cells;
  // one line, cut at the width: the message (last) gives way first
  return (
    <Box width={width}>
      <Text bold={bold} wrap="truncate-end">
        {`${pad(name!, widths[0]!)}  ${pad(unit!, widths[1]!)}  ${pad(endpoint!, widths[2]!)}  `}
        <Text color={health ? healthColor(c, health) : undefined}>{pad(healthText!, widths[3]!)}</Text>
        {`  ${pad(latency!, widths[5]!)}  ${message}`}
      </Text>
    </Box>
  );
}
