/**
 * Editing one line of text, as pure functions: the shell routes each key here, so typing,
 * correcting a typo and pasting are the same reducer steps in the terminal and in tests.
 */
export interface LineEdit {
  value: string;
  /** 0..value.length, in UTF-16 units (values are ASCII: addresses, URLs, paths) */
  cursor: number;
}

export type EditOp =
  | { op: 'insert'; text: string }
  | { op: 'erase' }
  | { op: 'eraseForward' }
  | { op: 'clear' }
  | { op: 'left' }
  | { op: 'right' }
  | { op: 'home' }
  | { op: 'end' };

/** Printable text only: control characters (and a pasted line break) are dropped. */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code !== 0x7f) out += ch;
  }
  return out;
}

export function applyEdit(e: LineEdit, op: EditOp): LineEdit {
  const cursor = Math.max(0, Math.min(e.cursor, e.value.length));
  const { value } = e;
  switch (op.op) {
    case 'insert': {
      const text = printable(op.text);
      return { value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length };
    }
    case 'erase':
      return cursor === 0
        ? { value, cursor }
        : { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
    case 'eraseForward':
      return { value: value.slice(0, cursor) + value.slice(cursor + 1), cursor };
    case 'clear':
      return { value: '', cursor: 0 };
    case 'left':
      return { value, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { value, cursor: Math.min(value.length, cursor + 1) };
    case 'home':
      return { value, cursor: 0 };
    case 'end':
      return { value, cursor: value.length };
  }
}
