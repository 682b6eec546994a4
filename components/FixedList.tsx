import { Box, Text } from 'ink';
import { cutText, wrapText } from '../src/format/fit.js';
import { displayWidth } from '../src/format/width.js';
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

export const flagText = (f: FixedFlag) => (f.value === null ? f.flag : `${f.flag}=${f.value}`);

const INDENT = 4;

/** The lines the focused flag takes: its whole `flag=value`, wrapped to the width. */
export function focusedLines(row: FixedRow | undefined, width: number): string[] {
  return row?.kind === 'flag' ? wrapText(flagText(row), Math.max(8, width - INDENT)) : [];
}

/**
 * The stays-fixed flags, a window of `height` lines that follows the focus: each flag on one
 * line (`flag=value  [mark]  reason`, cut to the width with …), the focused one with its whole
 * value over as many lines as it needs (its reason stands under the list).
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
  const whole = focusedLines(rows[focus], width);
  // the focused flag's extra lines come out of the window
  const h = Math.max(1, height - Math.max(0, whole.length - 1));
  const start = Math.max(0, Math.min(rows.length - h, (focus < 0 ? 0 : focus) - Math.floor(h / 2)));
  const shown = rows.slice(start, start + h);
  // as wide as the widest flag that fits while the reason keeps some 40 columns (a longer one,
  // like the admission plugins, is cut; focused, it is shown whole)
  const cap = Math.max(24, width - 40);
  const widths = rows.flatMap((r) => (r.kind === 'flag' ? [INDENT + displayWidth(flagText(r))] : []));
  const flagWidth = Math.max(24, ...widths.filter((w) => w <= cap));
  const reasonWidth = Math.max(1, width - flagWidth - 1);
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
        if (on) {
          return (
            <Box key={`${row.component}${row.flag}`} flexDirection="column">
              {whole.map((line, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one value, in order
                <Text key={n} bold color={c.accent}>
                  {n === 0 ? '▸   ' : '    '}
                  {line}
                </Text>
              ))}
            </Box>
          );
        }
        const struck = row.mark && row.mark.kind !== 'added' && row.mark.kind !== 'unknown';
        // cut here, to the columns left (wide characters and all), not left to the layout
        const mark = row.mark ? cutText(`[${markText(t, row.mark)}] `, reasonWidth) : '';
        const why = cutText(whyText(t, row), reasonWidth - displayWidth(mark));
        return (
          <Box key={`${row.component}${row.flag}`}>
            <Box width={flagWidth} flexShrink={0} marginRight={1}>
              <Text dimColor={Boolean(struck)}>{cutText(`    ${flagText(row)}`, flagWidth)}</Text>
            </Box>
            <Text>
              {row.mark ? <Text color={markColor(c, row.mark)}>{mark}</Text> : null}
              <Text dimColor>{why}</Text>
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
