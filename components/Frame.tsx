import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Translate } from '../src/i18n/index.js';
import type { Hint, Notice } from '../src/wizard/types.js';
import { Footer } from './Footer.js';
import { useColors } from './theme.js';

export interface FrameProps {
  t: Translate;
  title: string;
  /** "2/6" */
  progress?: string;
  notice: Notice | null;
  hints: Hint[];
  width: number;
  children: ReactNode;
}

/** Every screen: a title line, the screen, one line for a notice, and the keys. */
export function Frame({ t, title, progress, notice, hints, width, children }: FrameProps) {
  const c = useColors();
  const tone = notice?.tone === 'error' ? c.bad : notice?.tone === 'warn' ? c.warn : c.accent;
  const mark = notice?.tone === 'error' ? '✗ ' : notice?.tone === 'warn' ? '! ' : '';
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width}>
        <Box flexGrow={1} flexShrink={1} overflow="hidden">
          <Text wrap="truncate-end">
            <Text bold color={c.accent}>
              kmaster-wizard
            </Text>
            {'  '}
            <Text bold>{title}</Text>
          </Text>
        </Box>
        {progress ? (
          <Box flexShrink={0} marginLeft={1}>
            <Text dimColor>{progress}</Text>
          </Box>
        ) : null}
      </Box>
      {children}
      <Text color={tone} wrap="wrap">
        {notice ? mark + t(notice.key, notice.params) : ' '}
      </Text>
      <Footer t={t} hints={hints} width={width} />
    </Box>
  );
}
