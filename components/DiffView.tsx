import { Box, Text } from 'ink';
import type { Translate } from '../src/i18n/index.js';
import type { ReviewRow } from '../src/wizard/review-rows.js';
import { type Colors, useColors } from './theme.js';

function colorOf(c: Colors, kind: ReviewRow['line']['kind']): string | undefined {
  return kind === 'add' ? c.add : kind === 'del' ? c.del : kind === 'hunk' ? c.hunk : undefined;
}

/** A diff line's or command's row: its sign, then its text with what changed in inverse. */
function Wrapped({ row }: { row: ReviewRow }) {
  const c = useColors();
  const kind = row.line.kind;
  return (
    <Text color={colorOf(c, kind)} dimColor={kind === 'same'}>
      {row.gutter}
      {row.pieces.map((p, i) =>
        p.changed ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one row, in order
          <Text key={i} inverse bold>
            {p.text}
          </Text>
        ) : (
          p.text
        ),
      )}
    </Text>
  );
}

function Line({ t, row }: { t: Translate; row: ReviewRow }) {
  const c = useColors();
  const line = row.line;
  switch (line.kind) {
    case 'heading':
      return <Text bold>{t(line.key, line.params)}</Text>;
    case 'file': {
      const mode = line.oldMode && line.oldMode !== line.mode ? `${line.oldMode} → ${line.mode}` : line.mode;
      return (
        <Text
          bold
          color={line.action === 'unchanged' ? undefined : c.accent}
          dimColor={line.action === 'unchanged'}
        >
          {t('wizard.review.file', { path: line.path, action: t(`cli.action.${line.action}`), mode })}
        </Text>
      );
    }
    case 'backup':
      return <Text color={c.warn}>{t('wizard.review.backup', { path: line.path })}</Text>;
    case 'dropped':
      return (
        <Text color={c.warn}>
          {`  ${line.flag} (${line.component}) — `}
          {t(`cli.why.${line.reason as 'removed'}`, { since: line.since })}
        </Text>
      );
    case 'blank':
      return <Text> </Text>;
    default:
      return <Wrapped row={row} />;
  }
}

/**
 * A window of `height` rows of the review from `scroll`: long diff lines and commands wrap onto
 * rows that start with their sign and ↪ (src/wizard/review-rows.ts), other lines are one row.
 */
export function DiffView({
  t,
  rows,
  scroll,
  height,
  width,
}: {
  t: Translate;
  rows: ReviewRow[];
  scroll: number;
  height: number;
  width: number;
}) {
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows.slice(scroll, scroll + height).map((row, i) => (
        // rows have no identity of their own; their place in the review is stable
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Box key={scroll + i} width={width} height={1} overflow="hidden">
          <Line t={t} row={row} />
        </Box>
      ))}
    </Box>
  );
}
