import { Box, Text } from 'ink';
import type { MessageKey } from '../src/i18n/index.js';
import { ADVANCED_FIELDS, fieldText } from '../src/wizard/draft.js';
import { FieldRow } from './FieldRow.js';
import type { FieldScreenProps } from './field-screen.js';
import { useColors } from './theme.js';

export type AdvancedViewProps = FieldScreenProps;

const LABEL = 30;

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
  width,
  height,
}: AdvancedViewProps) {
  const c = useColors();
  const h = Math.max(3, height - 4);
  const start = Math.max(0, Math.min(rows.length - h, focus - Math.floor(h / 2)));
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
          const f = ADVANCED_FIELDS.find((x) => x.id === row.id)!;
          return (
            <FieldRow
              key={row.id}
              t={t}
              label={`${t(`wizard.field.${row.id}` as MessageKey)}`}
              labelWidth={LABEL}
              value={fieldText(draft, row.id)}
              focused={focused}
              cursor={cursor}
              boxWidth={boxWidth}
              problem={problems.get(row.id)}
              pending={pending.has(row.id)}
              {...(focused ? { explain: f.flag } : {})}
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
