import { Box, Text } from 'ink';
import type { Translate } from '../src/i18n/index.js';
import type { SaveButton } from '../src/wizard/rows.js';
import type { ProfileView } from '../src/wizard/types.js';
import { TextBox } from './TextBox.js';
import { useColors } from './theme.js';

export interface SaveScreenProps {
  t: Translate;
  name: string;
  cursor: number;
  /** 0: the name, then the buttons */
  focus: number;
  buttons: SaveButton[];
  profiles: ProfileView[];
  busy: boolean;
  saved: string | null;
  width: number;
}

/** The answers as a named profile, for the next master or a later change. */
export function SaveScreen({
  t,
  name,
  cursor,
  focus,
  buttons,
  profiles,
  busy,
  saved,
  width,
}: SaveScreenProps) {
  const c = useColors();
  const exists = profiles.some((p) => p.name === name);
  return (
    <Box flexDirection="column" width={width} marginTop={1}>
      <Text wrap="wrap">{t('wizard.save.intro')}</Text>
      <Box marginTop={1}>
        <Text bold={focus === 0} color={focus === 0 ? c.accent : undefined}>
          {focus === 0 ? '▸ ' : '  '}
          {t('wizard.save.name')}{' '}
        </Text>
        <TextBox value={name} placeholder="master-1" focused={focus === 0} cursor={cursor} width={30} />
      </Box>
      <Box paddingLeft={4} height={1}>
        <Text dimColor wrap="truncate-end">
          {exists && !saved ? t('wizard.save.replaces', { name }) : t('wizard.save.nameRule')}
        </Text>
      </Box>
      <Box marginTop={1} columnGap={2}>
        {buttons.map((b, i) => (
          <Text
            key={b}
            bold={focus === i + 1}
            inverse={focus === i + 1}
            color={focus === i + 1 ? undefined : c.accent}
          >
            {` ${b === 'save' ? t('wizard.save.save') : t('wizard.save.skip')} `}
          </Text>
        ))}
      </Box>
      {busy ? <Text dimColor>{t('wizard.save.saving')}</Text> : null}
    </Box>
  );
}
