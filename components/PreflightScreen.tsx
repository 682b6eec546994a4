import { Box, Text, useInput } from 'ink';
import Spinner from 'ink-spinner';
import { useState } from 'react';
import type { Translate } from '../src/i18n/index.js';
import { summaryLine } from '../src/preflight/format.js';
import { remainingErrors } from '../src/preflight/run.js';
import { type ScreenLine, screenLines, type Tone } from '../src/preflight/screen.js';
import type { PreflightReport } from '../src/preflight/types.js';
import { type Colors, useColors } from './theme.js';

export interface PreflightScreenProps {
  /** the translator of the wizard's language */
  t: Translate;
  /** the preflight's result; null while the checks are still running (a spinner is shown) */
  report: PreflightReport | null;
  /** Enter: called only when no error remains (apply would stop on one) */
  onContinue: () => void;
  /** Esc: back to the previous step (to change the answers) */
  onBack: () => void;
  /** columns to draw in; every line fits (default 80) */
  width?: number;
  /** rows for the list of checks; the list scrolls with ↑↓, PgUp/PgDn (default 14) */
  height?: number;
  /** whether this screen reads the keyboard (default true) */
  isActive?: boolean;
}

function colorOf(tone: Tone, c: Colors): string | undefined {
  return tone === 'ok' ? c.ok : tone === 'bad' ? c.bad : tone === 'warn' ? c.warn : undefined;
}

/**
 * The preflight checks before the review: one row per check with ✓ (passed), ✗ (error),
 * ! (warning, or an error ignored) or - (skipped). Problems come first, each with its message
 * and its fix in one line under it; the passed checks follow. Enter goes on when no error
 * remains; Esc goes back. Presentational: the checks are run by the caller.
 */
export function PreflightScreen({
  t,
  report,
  onContinue,
  onBack,
  width = 80,
  height = 14,
  isActive = true,
}: PreflightScreenProps) {
  const c = useColors();
  const [scroll, setScroll] = useState(0);
  const lines: ScreenLine[] = report ? screenLines(t, report, width) : [];
  const errors = report ? remainingErrors(report).length : 0;
  const maxScroll = Math.max(0, lines.length - height);
  const top = Math.min(scroll, maxScroll);

  useInput(
    (input, key) => {
      if (key.escape) return onBack();
      if (!report) return;
      if (key.return) {
        if (errors === 0) onContinue();
        return;
      }
      const page = Math.max(1, height - 1);
      // functional updates: keys typed faster than the screen redraws all count
      const by = (n: number) =>
        setScroll((s) => Math.max(0, Math.min(maxScroll, Math.min(s, maxScroll) + n)));
      if (key.downArrow || input === 'j') by(1);
      else if (key.upArrow || input === 'k') by(-1);
      else if (key.pageDown || input === ' ') by(page);
      else if (key.pageUp) by(-page);
    },
    { isActive },
  );

  if (!report) {
    return (
      <Box width={width} height={height + 3} flexDirection="column">
        <Text>
          <Text color={c.accent}>
            <Spinner type="dots" />
          </Text>{' '}
          {t('preflight.screen.running')}
        </Text>
      </Box>
    );
  }

  const shown = lines.slice(top, top + height);
  return (
    <Box width={width} flexDirection="column">
      <Box flexDirection="column" height={height}>
        {shown.map((l) => (
          <Text key={l.key} wrap="truncate-end">
            <Text color={colorOf(l.tone, c)} bold={l.tone === 'bad'}>
              {l.mark || ' '}
            </Text>{' '}
            <Text dimColor={l.tone === 'dim'}>{l.text}</Text>
          </Text>
        ))}
      </Box>
      <Text dimColor wrap="truncate-end">
        {lines.length > height
          ? t('preflight.screen.position', {
              from: top + 1,
              to: Math.min(lines.length, top + height),
              total: lines.length,
            })
          : ' '}
      </Text>
      <Text wrap="truncate-end">{summaryLine(t, report)}</Text>
      <Text color={errors > 0 ? c.bad : c.ok} wrap="wrap">
        {errors > 0 ? t('preflight.screen.blocked', { count: errors }) : t('preflight.screen.ready')}
      </Text>
    </Box>
  );
}
