import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import type { LogLine } from '../src/apply/klog.js';
import { cutToWidth } from '../src/format/width.js';
import { severityColor, useColors } from './theme.js';

export interface JournalPaneProps {
  /** the unit's newest lines, oldest first; only the last `height` are shown */
  lines: readonly LogLine[];
  /** rows of log the pane shows: it is always exactly this tall, never taller */
  height: number;
  /** columns: every line is cut to this width, never wrapped */
  width: number;
  /** heading row above the lines (the unit, how many lines so far); none when absent */
  title?: string;
  /** shown in the first row while there is no line yet */
  placeholder?: string;
}

/**
 * A bounded live view of one unit's journal: exactly `height` rows of single-line text cut to
 * the width, coloured by klog severity (errors and fatal lines in the theme's bad colour, fatal
 * also bold, warnings in its warn colour, systemd's own lines dim). It renders what it is given: the caller
 * batches lines (src/apply/controller.ts flushes every ~80 ms), so a unit logging 50,000
 * lines a second costs one render per flush, not one per line.
 *
 * What a render costs is Ink's work per row and per character, so the rows are one text
 * block (one node to lay out and write, each row a coloured span of it), already cut to the
 * width (nothing for Ink to wrap, truncate or clip sideways).
 */
export const JournalPane = memo(function JournalPane({
  lines,
  height,
  width,
  title,
  placeholder,
}: JournalPaneProps) {
  const c = useColors();
  const rows = Math.max(1, height);
  const shown = lines.length > rows ? lines.slice(lines.length - rows) : lines;
  const block: ReactNode[] = [];
  for (const l of shown) {
    if (block.length > 0) block.push('\n');
    block.push(
      <Text
        key={l.id}
        color={severityColor(c, l.severity)}
        bold={l.severity === 'F'}
        dimColor={l.fromSystemd || l.severity === '-'}
      >
        {cutToWidth(l.text, width)}
      </Text>,
    );
  }
  if (shown.length === 0)
    block.push(
      <Text key="placeholder" dimColor>
        {cutToWidth(placeholder || ' ', width)}
      </Text>,
    );
  for (let i = Math.max(1, shown.length); i < rows; i++) block.push('\n ');
  return (
    <Box flexDirection="column" width={width} height={rows + (title ? 1 : 0)} overflowY="hidden">
      {title ? (
        <Text dimColor wrap="truncate-end">
          {title}
        </Text>
      ) : null}
      <Text>{block}</Text>
    </Box>
  );
});
