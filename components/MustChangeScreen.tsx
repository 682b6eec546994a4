import { Box, Text } from 'ink';
import type { MessageKey } from '../src/i18n/index.js';
import { SEED } from '../src/model/seed.js';
import { fieldText } from '../src/wizard/draft.js';
import type { AddressView } from '../src/wizard/types.js';
import { AddRow, ContinueButton } from './Buttons.js';
import { FieldRow, problemText } from './FieldRow.js';
import type { FieldScreenProps } from './field-screen.js';

export interface MustChangeScreenProps extends FieldScreenProps {
  /** this host's addresses, offered for the address fields */
  addresses: AddressView[];
}

const FLAG: Record<string, string> = {
  advertiseAddress: '--advertise-address',
  bindAddress: '--bind-address',
  securePort: '--secure-port',
};

const EXPLAIN: Record<string, MessageKey> = {
  advertiseAddress: 'wizard.explain.advertiseAddress',
  bindAddress: 'wizard.explain.bindAddress',
  securePort: 'wizard.explain.securePort',
};

const LABEL = 22;

/**
 * The seed's "以下参数需要改动" for kube-apiserver: advertise and bind address (this host's
 * addresses to pick with ←/→, or typed), the secure port, and the etcd servers as a list.
 * Each value is checked as it is typed; the seed's explanation stands under each field.
 */
/** The seed's etcd member for row i, as the example in an empty row. */
const seedEtcdExample = (i: number): string => SEED.etcdServers[i % SEED.etcdServers.length]!;

export function MustChangeScreen({
  t,
  draft,
  rows,
  focus,
  cursor,
  problems,
  pending,
  addresses,
  width,
  height,
}: MustChangeScreenProps) {
  const boxWidth = Math.max(12, Math.min(40, width - LABEL - 4));
  const iface = (a: string) => addresses.find((x) => x.address === a)?.iface;
  // explanations for every field while they fit, else only for the focused one: each row, the
  // three explanations, the etcd heading and its explanation, the focused hint, two blank lines
  // and a line per refused value shown
  const tall = rows.length + 8 + problems.size <= height;
  const firstEtcd = rows.findIndex((r) => r.kind === 'field' && r.id.startsWith('etcdServers.'));
  const listProblem = problems.get('etcdServers');
  return (
    <Box flexDirection="column" width={width} marginTop={1}>
      {rows.map((row, i) => {
        const focused = i === focus;
        if (row.kind === 'field') {
          const etcd = /^etcdServers\.(\d+)$/.exec(row.id);
          const hint =
            row.suggestions && row.suggestions.length > 0
              ? t('wizard.mustChange.pick', {
                  list: row.suggestions.map((a) => (iface(a) ? `${a} (${iface(a)})` : a)).join('  '),
                })
              : undefined;
          const field = (
            <FieldRow
              key={row.id}
              t={t}
              label={etcd ? `  ${Number(etcd[1]) + 1}.` : FLAG[row.id]!}
              labelWidth={LABEL}
              value={fieldText(draft, row.id)}
              placeholder={
                etcd ? t('wizard.mustChange.etcdPlaceholder', { url: seedEtcdExample(Number(etcd[1])) }) : ''
              }
              focused={focused}
              cursor={cursor}
              boxWidth={boxWidth}
              problem={problems.get(row.id)}
              pending={pending.has(row.id)}
              {...(etcd || !(tall || focused) ? {} : { explain: t(EXPLAIN[row.id]!) })}
              {...(hint ? { hint } : {})}
            />
          );
          if (i !== firstEtcd) return field;
          return (
            <Box key={row.id} flexDirection="column">
              <Text bold>{'  --etcd-servers'}</Text>
              <Box paddingLeft={4}>
                <Text dimColor wrap="wrap">
                  {t('wizard.explain.etcdServers')}
                </Text>
              </Box>
              {field}
            </Box>
          );
        }
        if (row.kind === 'addEtcd') {
          return (
            <Box key="add" flexDirection="column">
              {firstEtcd < 0 ? <Text bold>{'  --etcd-servers'}</Text> : null}
              <AddRow
                label={t('wizard.mustChange.addEtcd')}
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
