import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Translate } from '../src/i18n/index.js';
import type { BinaryView, HostView, StartChoice } from '../src/wizard/types.js';
import { useColors } from './theme.js';

export interface StartScreenProps {
  t: Translate;
  host: HostView;
  choices: StartChoice[];
  focus: number;
  profileIndex: number;
  width: number;
}

const LABEL = 11;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Box width={LABEL} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Box flexGrow={1}>{children}</Box>
    </Box>
  );
}

function binaryText(t: Translate, b: BinaryView): string {
  if (!b.found) return t('wizard.start.binaryMissing', { binary: b.component });
  if (b.version) return t('wizard.start.binaryVersion', { binary: b.component, version: b.version });
  return t('wizard.start.binaryUnknown', { binary: b.component, error: b.error ?? '' });
}

function ModeLine({ t, host }: { t: Translate; host: HostView }) {
  const c = useColors();
  const mode = host.mode;
  if (!mode) return <Text dimColor>{t('wizard.start.detecting')}</Text>;
  if (mode.kind === 'master') return <Text color={c.ok}>{t('wizard.start.master')}</Text>;
  if (mode.kind === 'root') return <Text color={c.warn}>{t('wizard.start.root', { root: mode.root })}</Text>;
  const why = mode.reasons.map((r) => t(`wizard.start.why.${r}`)).join(t('wizard.list.sep'));
  return <Text color={c.warn}>{t('wizard.start.scratch', { why, root: mode.root })}</Text>;
}

/** What was found on this host, where the files will go, and the choice: new, a profile, adopt. */
export function StartScreen({ t, host, choices, focus, profileIndex, width }: StartScreenProps) {
  const c = useColors();
  const yesNo = (ok: boolean, yes: string, no: string) => (
    <Text color={ok ? c.ok : c.warn}>{ok ? yes : no}</Text>
  );
  const addresses = host.addresses.filter((a) => !a.internal);
  const profile = host.profiles?.[profileIndex];
  const files = host.files;
  return (
    <Box flexDirection="column" width={width} marginTop={1}>
      <Text bold>{t('wizard.start.found')}</Text>
      <Fact label={t('wizard.start.user')}>
        {yesNo(host.isRoot, t('wizard.start.isRoot'), t('wizard.start.notRoot'))}
      </Fact>
      <Fact label="systemd">
        {yesNo(host.systemd, t('wizard.start.systemd'), t('wizard.start.noSystemd'))}
      </Fact>
      <Fact label={t('wizard.start.binaries')}>
        {host.binaries === null ? (
          <Text dimColor>{t('wizard.start.checking')}</Text>
        ) : (
          <Box flexDirection="column">
            {host.binaries.map((b) => (
              <Text key={b.component} color={b.found && b.version ? undefined : c.warn} wrap="truncate-end">
                {binaryText(t, b)}
              </Text>
            ))}
          </Box>
        )}
      </Fact>
      <Fact label={t('wizard.start.addresses')}>
        <Text wrap="truncate-end">
          {addresses.length > 0
            ? addresses.map((a) => `${a.address} (${a.iface})`).join('  ')
            : t('wizard.start.noAddresses')}
        </Text>
      </Fact>
      <Fact label={t('wizard.start.files')}>
        <Text wrap="truncate-end">
          {files.length > 0
            ? t('wizard.start.filesFound', { count: files.length, list: files.map((f) => f.path).join(' ') })
            : t('wizard.start.noFiles')}
        </Text>
      </Fact>
      <Fact label={t('wizard.start.profiles')}>
        <Text wrap="truncate-end" color={host.profilesError ? c.bad : undefined}>
          {host.profilesError ??
            (host.profiles === null
              ? t('wizard.start.checking')
              : host.profiles.length > 0
                ? host.profiles.map((p) => p.name).join('  ')
                : t('wizard.start.noProfiles'))}
        </Text>
      </Fact>
      <Box marginTop={1}>
        <ModeLine t={t} host={host} />
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text bold>{t('wizard.start.what')}</Text>
        {choices.map((choice, i) => {
          const on = i === focus;
          return (
            <Text key={choice} bold={on} color={on ? c.accent : undefined} wrap="truncate-end">
              {on ? '▸ ' : '  '}
              {choice === 'new' ? t('wizard.start.new') : null}
              {choice === 'profile'
                ? t('wizard.start.profile', { name: profile ? `◂ ${profile.name} ▸` : '' })
                : null}
              {choice === 'adopt' ? t('wizard.start.adopt', { count: host.adoptFiles?.length ?? 0 }) : null}
              {choice === 'diagnose'
                ? t('wizard.start.diagnose', { units: (host.failedUnits ?? []).join(', ') })
                : null}
            </Text>
          );
        })}
      </Box>
    </Box>
  );
}
