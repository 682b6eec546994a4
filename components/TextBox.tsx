import { Text } from 'ink';
import { oneCellSafe } from '../src/i18n/terminal-text.js';

export interface TextBoxProps {
  value: string;
  /** shown dim while the value is empty */
  placeholder?: string;
  focused: boolean;
  cursor: number;
  /** cells for the value; a longer value scrolls to keep the cursor in view */
  width: number;
}

/**
 * One line of editable text: `[value▌   ]`, the cursor drawn inverse where the next key goes.
 * A value loaded from outside (a profile, the host's files) may hold control or bidi
 * characters: each is drawn as one visible stand-in (␛, �), never sent to the terminal.
 */
export function TextBox({ value: raw, placeholder, focused, cursor, width }: TextBoxProps) {
  const value = oneCellSafe(raw);
  const w = Math.max(4, width);
  const c = Math.max(0, Math.min(cursor, value.length));
  const start = Math.max(0, c - w + 1);
  const shown = value.slice(start, start + w);
  const at = c - start;
  if (!focused) {
    const text = value.length > w ? `${value.slice(0, w - 1)}…` : value;
    return (
      <Text>
        [{value ? text : <Text dimColor>{(placeholder ?? '').slice(0, w)}</Text>}
        {' '.repeat(Math.max(0, w - (value ? text.length : (placeholder ?? '').slice(0, w).length)))}]
      </Text>
    );
  }
  const before = shown.slice(0, at);
  const under = shown[at] ?? ' ';
  const after = shown.slice(at + 1);
  const pad = Math.max(0, w - before.length - 1 - after.length);
  return (
    <Text>
      [{before}
      <Text inverse>{under}</Text>
      {after}
      {' '.repeat(pad)}]
    </Text>
  );
}
