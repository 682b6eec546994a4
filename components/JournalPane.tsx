import { Box, Text } from 'ink';
import { memo } from 'react';
import type { LogLine, Severity } from '../src/apply/klog.js';

/** klog severity → colour: errors red, fatal red on bold, warnings yellow, systemd's own lines dim. */
export const SEVERITY_COLOR: Record<Severity, string | undefined> = {
  I: undefined,
  W: 'yellow',
  E: 'red',
  F: 'red',
  '-': undefined,
};

const ASCII = /^[\x20-\x7e]*$/;

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
 * A bounded live view of one unit's journal: exactly `height` rows of single-line,
 * truncated text, coloured by klog severity (I/W/E/F). It renders what it is given: the
 * caller batches lines (src/apply/controller.ts flushes every ~80 ms) so that a unit
 * logging 50,000 lines a second costs one render per flush, not one per line.
 */
export const JournalPane = memo(function JournalPane({
  lines,
  height,
  width,
  title,
  placeholder,
}: JournalPaneProps) {
  const rows = Math.max(1, height);
  const shown = lines.length > rows ? lines.slice(lines.length - rows) : lines;
  // lines are cut before layout, so Ink measures and tokenizes only what fits: plain ASCII
  // exactly as Ink's truncate-end would cut it, anything else to twice the width first
  const cut = (text: string) =>
    text.length <= width
      ? text
      : ASCII.test(text)
        ? `${text.slice(0, width - 1)}…`
        : text.slice(0, width * 2);
  const empty = rows - shown.length;
  return (
    <Box flexDirection="column" width={width} height={rows + (title ? 1 : 0)} overflow="hidden">
      {title ? (
        <Text dimColor wrap="truncate-end">
          {title}
        </Text>
      ) : null}
      {shown.map((l) => (
        <Text
          key={l.id}
          wrap="truncate-end"
          color={SEVERITY_COLOR[l.severity]}
          bold={l.severity === 'F'}
          dimColor={l.fromSystemd || l.severity === '-'}
        >
          {cut(l.text)}
        </Text>
      ))}
      {empty > 0
        ? Array.from({ length: empty }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: filler rows have no identity
            <Text key={`empty-${i}`} dimColor wrap="truncate-end">
              {i === 0 && shown.length === 0 && placeholder ? placeholder : ' '}
            </Text>
          ))
        : null}
    </Box>
  );
});
