import { Box, Text } from 'ink';
import type { Translate } from '../src/i18n/index.js';
import type { WriteResult } from '../src/wizard/types.js';
import { ContinueButton } from './Buttons.js';
import { useColors } from './theme.js';

export interface WrittenScreenProps {
  t: Translate;
  result: WriteResult | null;
  busy: boolean;
  /** the files went to this master (no pipeline to start the units here) */
  onHost: boolean;
  width: number;
  height: number;
  focused: boolean;
}

/**
 * The last step where the units are not started by the wizard (--root, the scratch
 * directory): the files written, each replaced file's backup, and the commands to run on the
 * master, which were not run.
 */
export function WrittenScreen({ t, result, busy, onHost, width, height, focused }: WrittenScreenProps) {
  const c = useColors();
  if (!result) {
    return (
      <Box marginTop={1} width={width}>
        <Text dimColor>{busy ? t('wizard.written.writing') : ' '}</Text>
      </Box>
    );
  }
  type Line = { key: string; text: string; color?: string | undefined; bold?: boolean };
  const files: Line[] = [];
  if (result.written.length === 0) files.push({ key: 'none', text: t('cli.nothingChanged') });
  for (const w of result.written) {
    const action = t(`cli.action.${w.action as 'create'}`);
    files.push({ key: w.target, text: t('cli.wrote', { target: w.target, action }), color: c.ok });
    if (w.backup)
      files.push({ key: `${w.target}.b`, text: t('cli.backup', { backup: w.backup }), color: c.warn });
  }
  const commands: Line[] = [
    { key: 'gap', text: ' ' },
    {
      key: 'head',
      text: onHost ? t('wizard.written.runNow') : t('wizard.written.notRun', { root: result.root }),
      bold: true,
    },
    ...result.commands.map((cmd) => ({ key: cmd.join(' '), text: `  $ ${cmd.join(' ')}` })),
  ];
  // the commands come next on the master: they always fit; the list of files gives way
  const room = Math.max(2, height - 3 - commands.length);
  const shown =
    files.length > room
      ? [
          ...files.slice(0, room - 1),
          { key: 'more', text: t('wizard.written.more', { count: files.length - (room - 1) }) },
          ...commands,
        ]
      : [...files, ...commands];
  return (
    <Box flexDirection="column" width={width} marginTop={1}>
      {shown.map((l) => (
        <Text key={l.key} color={l.color} bold={l.bold} wrap="truncate-end">
          {l.text}
        </Text>
      ))}
      <ContinueButton t={t} focused={focused} />
    </Box>
  );
}
