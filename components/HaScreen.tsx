import { Box, Text } from 'ink';
import type { MessageKey } from '../src/i18n/index.js';
import { SEED } from '../src/model/seed.js';
import { fieldText, haWanted } from '../src/wizard/draft.js';
import { AddRow, ContinueButton } from './Buttons.js';
import { FieldRow, problemText } from './FieldRow.js';
import type { FieldScreenProps } from './field-screen.js';
import { useColors } from './theme.js';

/**
 * The HA front, one step of its own: the VIP (empty: this master stands alone), every
 * master's advertise address as a list, haproxy's port, the VRRP interface (this host's to
 * pick with ←/→) and router id. The seed's sentence on why the apiserver can run on both
 * masters stands on top, its lesson about layer-4 balancers under it; each value is checked
 * as it is typed, and while the VIP is empty nothing below it is judged.
 */
const LABEL: Record<string, MessageKey> = {
  'ha.vip': 'wizard.ha.label.vip',
  'ha.port': 'wizard.ha.label.port',
  'ha.interface': 'wizard.ha.label.interface',
  'ha.virtualRouterId': 'wizard.ha.label.virtualRouterId',
};

const EXPLAIN: Record<string, MessageKey> = {
  'ha.vip': 'wizard.ha.explain.vip',
  'ha.port': 'wizard.ha.explain.port',
  'ha.interface': 'wizard.ha.explain.interface',
  'ha.virtualRouterId': 'wizard.ha.explain.virtualRouterId',
};

const LABEL_WIDTH = 20;

/** The seed's master for row i, as the example in an empty row. */
const seedMaster = (i: number) => [SEED.advertiseAddress, '192.168.50.102'][i % 2]!;

export function HaScreen({
  t,
  draft,
  rows,
  focus,
  cursor,
  problems,
  pending,
  width,
  height,
}: FieldScreenProps) {
  const c = useColors();
  const boxWidth = Math.max(12, Math.min(40, width - LABEL_WIDTH - 4));
  const on = haWanted(draft);
  // explanations for every field while they fit, else only for the focused one
  const tall = rows.length * 2 + 8 <= height;
  const firstMaster = rows.findIndex((r) => r.kind === 'field' && r.id.startsWith('ha.masters.'));
  const listProblem = on ? problems.get('ha.masters') : undefined;
  const problemOf = (id: string) => (on ? problems.get(id) : undefined);
  return (
    <Box flexDirection="column" width={width} marginTop={1}>
      <Text dimColor wrap="wrap">
        {t('wizard.ha.intro')}
      </Text>
      {tall ? (
        <Text dimColor wrap="wrap">
          {t('wizard.ha.lesson')}
        </Text>
      ) : null}
      <Text color={on ? undefined : c.accent} wrap="wrap">
        {t('wizard.ha.off')}
      </Text>
      {rows.map((row, i) => {
        const focused = i === focus;
        if (row.kind === 'field') {
          const master = /^ha\.masters\.(\d+)$/.exec(row.id);
          const hint =
            row.suggestions && row.suggestions.length > 0
              ? t('wizard.ha.pickInterface', { list: row.suggestions.join('  ') })
              : undefined;
          const field = (
            <FieldRow
              key={row.id}
              t={t}
              label={master ? `  ${Number(master[1]) + 1}.` : t(LABEL[row.id]!)}
              labelWidth={LABEL_WIDTH}
              value={fieldText(draft, row.id)}
              placeholder={
                master
                  ? t('wizard.ha.placeholder.master', { address: seedMaster(Number(master[1])) })
                  : row.id === 'ha.interface'
                    ? t('wizard.ha.placeholder.interface', { address: draft.advertiseAddress })
                    : ''
              }
              focused={focused}
              cursor={cursor}
              boxWidth={boxWidth}
              problem={problemOf(row.id)}
              // without a VIP nothing below it is judged: neither ✗ nor ✓
              pending={on ? pending.has(row.id) : row.id !== 'ha.vip'}
              {...(master || !(tall || focused) ? {} : { explain: t(EXPLAIN[row.id]!) })}
              {...(hint ? { hint } : {})}
            />
          );
          if (i !== firstMaster) return field;
          return (
            <Box key={row.id} flexDirection="column">
              <Text bold>{`  ${t('wizard.ha.label.masters')}`}</Text>
              {tall || focused ? (
                <Box paddingLeft={4}>
                  <Text dimColor wrap="wrap">
                    {t('wizard.ha.explain.masters')}
                  </Text>
                </Box>
              ) : null}
              {field}
            </Box>
          );
        }
        if (row.kind === 'addMaster') {
          return (
            <Box key="add" flexDirection="column">
              <AddRow
                label={t('wizard.ha.addMaster')}
                focused={focused}
                {...(listProblem ? { problem: problemText(t, listProblem) } : {})}
              />
            </Box>
          );
        }
        return <ContinueButton key="next" t={t} focused={focused} />;
      })}
    </Box>
  );
}
