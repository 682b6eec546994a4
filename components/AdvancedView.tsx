import { Box, Text } from 'ink';
import { displayWidth } from '../src/format/width.js';
import type { MessageKey } from '../src/i18n/index.js';
import { ADVANCED_FIELDS, fieldText } from '../src/wizard/draft.js';
import { advancedWindow } from '../src/wizard/rows.js';
import type { AdvancedUse } from '../src/wizard/types.js';
import { FieldRow } from './FieldRow.js';
import type { FieldScreenProps } from './field-screen.js';
import { useColors } from './theme.js';

export interface AdvancedViewProps extends FieldScreenProps {
  /** where each value goes in the chosen version (`component --flag`, a kubeconfig) */
  uses: readonly AdvancedUse[];
}

/** the label column: "▸ " and the longest label shown, and a space before the box */
const labelWidth = (labels: string[]) => 3 + Math.max(...labels.map(displayWidth));

/**
 * The values the seed keeps fixed, editable: service range, NodePort range, admission
 * plugins, certificate paths, audit log, verbosity. One line per value; the focused one
 * also shows what it is for and, when refused, what is accepted.
 */
export function AdvancedView({
  t,
  draft,
  rows,
  focus,
  cursor,
  problems,
  pending,
  uses,
  width,
  height,
}: AdvancedViewProps) {
  const c = useColors();
  const h = advancedWindow(height);
  const start = Math.max(0, Math.min(rows.length - h, focus - Math.floor(h / 2)));
  const label = (id: string) => t(`wizard.field.${id}` as MessageKey);
  const fields = rows.flatMap((r) => (r.kind === 'field' ? [r.id] : []));
  const LABEL = labelWidth(fields.map(label));
  // the box and its mark (" ✓") fit beside the labels
  const boxWidth = Math.max(12, Math.min(50, width - LABEL - 4));
  return (
    <Box flexDirection="column" width={width} marginTop={1}>
      <Text dimColor wrap="truncate-end">
        {t('wizard.advanced.intro')}
      </Text>
      {rows.slice(start, start + h).map((row, k) => {
        const i = start + k;
        const focused = i === focus;
        if (row.kind === 'field') {
          const where = uses.find((u) => u.id === row.id)?.carriers ?? [
            ADVANCED_FIELDS.find((x) => x.id === row.id)!.flag,
          ];
          return (
            <FieldRow
              key={row.id}
              t={t}
              label={label(row.id)}
              labelWidth={LABEL}
              value={fieldText(draft, row.id)}
              focused={focused}
              cursor={cursor}
              boxWidth={boxWidth}
              problem={problems.get(row.id)}
              pending={pending.has(row.id)}
              {...(focused ? { explain: where.join(', ') } : {})}
            />
          );
        }
        return (
          <Box key="close" marginTop={1}>
            <Text bold={focused} inverse={focused} color={focused ? undefined : c.accent}>
              {` ${t('wizard.advanced.done')} `}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
