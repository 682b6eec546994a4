import { Box, Text } from 'ink';
import type { Translate } from '../src/i18n/index.js';
import { useColors } from './theme.js';

/** The row that goes on to the next screen, inverse while focused. */
export function ContinueButton({ t, focused }: { t: Translate; focused: boolean }) {
  return (
    <Box marginTop={1}>
      <Text bold={focused} inverse={focused}>
        {` ${t('wizard.continue')} `}
      </Text>
    </Box>
  );
}

/** The row under a list that adds an entry, with the list's own problem above it. */
export function AddRow({ label, focused, problem }: { label: string; focused: boolean; problem?: string }) {
  const c = useColors();
  return (
    <>
      {problem ? <Text color={c.bad}>{`    ${problem}`}</Text> : null}
      <Text bold={focused} color={focused ? c.accent : undefined}>
        {focused ? '▸ ' : '  '}
        {label}
      </Text>
    </>
  );
}
