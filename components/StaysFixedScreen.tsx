import { Box, Text } from 'ink';
import { wrapText } from '../src/format/fit.js';
import type { Translate } from '../src/i18n/index.js';
import { showField } from '../src/model/issues.js';
import { isAdvancedField } from '../src/wizard/draft.js';
import { fixedListHeight, type Row } from '../src/wizard/rows.js';
import type { FixedRow, ProblemMap } from '../src/wizard/types.js';
import { ContinueButton } from './Buttons.js';
import { problemText } from './FieldRow.js';
import { FixedList, markText, whyText } from './FixedList.js';
import { useColors } from './theme.js';

export interface StaysFixedScreenProps {
  t: Translate;
  version: string;
  /** what the binary on this host says, if anything */
  detectedVersion: string | null;
  rows: Row[];
  focus: number;
  problems: ProblemMap;
  width: number;
  height: number;
}

/**
 * The seed's "以下参数不需要改动": every flag that stays as the seed has it, per component,
 * with its reason and what the chosen version does to it (removed, added, renamed); the
 * version picker; the way into the advanced editor.
 */
export function StaysFixedScreen({
  t,
  version,
  detectedVersion,
  rows,
  focus,
  problems,
  width,
  height,
}: StaysFixedScreenProps) {
  const c = useColors();
  const fixed = rows.flatMap((r) => (r.kind === 'fixed' ? [r.row] : [])) as FixedRow[];
  const listStart = rows.findIndex((r) => r.kind === 'fixed');
  const focused = rows[focus];
  const current = focused?.kind === 'fixed' && focused.row.kind === 'flag' ? focused.row : null;
  // problems the advanced editor does not show (they are on the must-change screen)
  const other = [...problems.values()].filter((p) => !isAdvancedField(p.field));
  // the focused flag's reason, whole, under the list: two lines are kept for it, a longer one
  // takes its extra lines from the list
  const reason = current
    ? `${whyText(t, current)}${current.mark ? ` (${markText(t, current.mark)})` : ''}`
    : t('wizard.fixed.help');
  const reasonLines = wrapText(reason, Math.max(8, width - 4));
  const listHeight = fixedListHeight(height, other.length) - Math.max(0, reasonLines.length - 2);
  const on = (kind: Row['kind']) => focused?.kind === kind;
  return (
    <Box flexDirection="column" width={width} marginTop={1}>
      <Text bold={on('version')} color={on('version') ? c.accent : undefined} wrap="truncate-end">
        {on('version') ? '▸ ' : '  '}
        {t('wizard.fixed.version', { version: `◂ ${version} ▸` })}
        <Text dimColor>
          {'  '}
          {detectedVersion
            ? t('wizard.fixed.detected', { version: detectedVersion })
            : t('wizard.fixed.notDetected')}
        </Text>
      </Text>
      {other.slice(0, 3).map((p) => (
        <Text key={p.field} color={c.bad} wrap="truncate-end">
          {`  ✗ ${showField(p, t)}: ${problemText(t, p)}`}
        </Text>
      ))}
      <FixedList
        t={t}
        rows={fixed}
        focus={current || focused?.kind === 'fixed' ? focus - listStart : -1}
        width={width}
        height={listHeight}
      />
      <Box paddingLeft={4} flexDirection="column" height={Math.max(2, reasonLines.length)}>
        {reasonLines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one reason, in order
          <Text key={i} dimColor>
            {line}
          </Text>
        ))}
      </Box>
      <Text bold={on('advanced')} color={on('advanced') ? c.accent : undefined}>
        {on('advanced') ? '▸ ' : '  '}
        {t('wizard.fixed.advanced')}
      </Text>
      <ContinueButton t={t} focused={on('next')} />
    </Box>
  );
}
