import { Box, Text } from 'ink';
import type { Translate } from '../src/i18n/index.js';
import type { FixedFlag, FixedMark, FixedRow } from '../src/wizard/types.js';
import { type Colors, useColors } from './theme.js';

export function markText(t: Translate, m: FixedMark): string {
  switch (m.kind) {
    case 'removed':
      return t('wizard.mark.removed', { since: m.since });
    case 'no-effect':
      return t('wizard.mark.noEffect', { since: m.since });
    case 'deprecated':
      return t('wizard.mark.deprecated', { since: m.since });
    case 'added':
      return t('wizard.mark.added', { since: m.since });
    case 'renamed':
      return t('wizard.mark.renamed', { to: m.to, since: m.since });
    case 'unknown':
      return t('wizard.mark.unknown');
  }
}

function markColor(c: Colors, m: FixedMark): string | undefined {
  if (m.kind === 'added') return c.ok;
  if (m.kind === 'removed' || m.kind === 'unknown') return c.bad;
  return c.warn;
}

export function whyText(t: Translate, f: FixedFlag): string {
  return f.why ? t(f.why) : t('wizard.why.own');
}

const flagText = (f: FixedFlag) => (f.value === null ? f.flag : `${f.flag}=${f.value}`);

/**
 * The stays-fixed flags, one line each (`flag=value  [mark]  reason`, cut to the width), a
 * window of `height` lines that follows the focus.
 */
export function FixedList({
  t,
  rows,
  focus,
  width,
  height,
}: {
  t: Translate;
  rows: FixedRow[];
  /** index into rows, or -1 when the focus is elsewhere */
  focus: number;
  width: number;
  height: number;
}) {
  const c = useColors();
  const h = Math.max(1, height);
  const start = Math.max(0, Math.min(rows.length - h, (focus < 0 ? 0 : focus) - Math.floor(h / 2)));
  const shown = rows.slice(start, start + h);
  const flagWidth = Math.min(46, Math.max(20, Math.floor(width * 0.45)));
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((row, k) => {
        const i = start + k;
        const on = i === focus;
        if (row.kind === 'group') {
          return (
            <Text key={`g-${row.component}`} bold color={on ? c.accent : undefined}>
              {on ? '▸ ' : '  '}
              {row.component}
            </Text>
          );
        }
        const struck = row.mark && row.mark.kind !== 'added' && row.mark.kind !== 'unknown';
        return (
          <Box key={`${row.component}${row.flag}`}>
            <Box width={flagWidth} flexShrink={0} marginRight={1}>
              <Text
                bold={on}
                color={on ? c.accent : undefined}
                dimColor={Boolean(struck) && !on}
                wrap="truncate-end"
              >
                {on ? '▸   ' : '    '}
                {flagText(row)}
              </Text>
            </Box>
            <Text wrap="truncate-end">
              {row.mark ? <Text color={markColor(c, row.mark)}>{`[${markText(t, row.mark)}] `}</Text> : null}
              <Text dimColor>{whyText(t, row)}</Text>
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
