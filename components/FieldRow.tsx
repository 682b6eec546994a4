import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Translate } from '../src/i18n/index.js';
import type { FieldProblem } from '../src/model/issues.js';
import { showValue } from '../src/model/issues.js';
import { TextBox } from './TextBox.js';
import { useColors } from './theme.js';

export interface FieldRowProps {
  t: Translate;
  label: string;
  labelWidth: number;
  value: string;
  placeholder?: string;
  focused: boolean;
  cursor: number;
  boxWidth: number;
  /** the check's message, when the field is marked (edited, Continue pressed, or loaded) */
  problem: FieldProblem | undefined;
  /** refused but not marked yet (nobody typed in it): no ✗, and no ✓ either */
  pending?: boolean;
  /** the seed's explanation, shown under the field */
  explain?: string;
  /** one more line while focused (e.g. this host's addresses to pick from) */
  hint?: string;
}

/** What is refused and what is accepted, without repeating the field's name. */
export function problemText(t: Translate, p: FieldProblem): string {
  return t('wizard.invalid', { value: showValue(p.value), accepted: t(p.accepted.key, p.accepted.params) });
}

const sameProblem = (a: FieldProblem | undefined, b: FieldProblem | undefined) =>
  a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));

/**
 * Whether a row would draw the same: every key re-validates the answers (new problem objects
 * with the same content) and moves the cursor of the focused row only, so a screen of fields
 * redraws the one being typed in, not all of them.
 */
function drawsSame(a: FieldRowProps, b: FieldRowProps): boolean {
  for (const k of Object.keys({ ...a, ...b }) as (keyof FieldRowProps)[]) {
    if (
      k === 'problem'
        ? !sameProblem(a.problem, b.problem)
        : k === 'cursor'
          ? a.focused && a.cursor !== b.cursor
          : a[k] !== b[k]
    )
      return false;
  }
  return true;
}

/**
 * One field: `▸ label  [value]  ✓`, then its explanation, the hint while focused, and the
 * check's message while the value is refused and marked.
 */
export const FieldRow = memo(function FieldRow(p: FieldRowProps) {
  const c = useColors();
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={p.labelWidth} flexShrink={0}>
          <Text bold={p.focused} color={p.focused ? c.accent : undefined} wrap="truncate-end">
            {p.focused ? '▸ ' : '  '}
            {p.label}
          </Text>
        </Box>
        <TextBox
          value={p.value}
          placeholder={p.placeholder}
          focused={p.focused}
          cursor={p.cursor}
          width={p.boxWidth}
        />
        <Text color={p.problem ? c.bad : c.ok}>{p.problem ? ' ✗' : p.pending ? '  ' : ' ✓'}</Text>
      </Box>
      {p.explain ? (
        <Box paddingLeft={4}>
          <Text dimColor wrap="wrap">
            {p.explain}
          </Text>
        </Box>
      ) : null}
      {p.focused && p.hint ? (
        <Box paddingLeft={4}>
          <Text color={c.accent} wrap="truncate-end">
            {p.hint}
          </Text>
        </Box>
      ) : null}
      {p.problem ? (
        <Box paddingLeft={4}>
          <Text color={c.bad} wrap="wrap">
            {problemText(p.t, p.problem)}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}, drawsSame);
