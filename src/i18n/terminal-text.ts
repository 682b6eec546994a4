/**
 * Text from outside the program (an answers file, a profile store, a file on the host, a
 * journal line) made safe to show on a terminal. Anything a terminal acts on instead of
 * showing — C0 and C1 controls (ESC, NUL, newline, U+009B CSI), DEL — anything that
 * reorders or hides text (bidi controls like U+202E, zero-width and other format
 * characters, line and paragraph separators) and lone surrogates are written as visible
 * escapes in JSON's notation: `\n`, `\u001b`, `\u202e` (so an escaped JSON document is
 * still JSON). The zero-width joiner and emoji tag characters stay, so emoji sequences
 * survive.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const UNSAFE_ONE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function kept(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp === 0x200d || (cp >= 0xe0020 && cp <= 0xe007f);
}

/** The visible escape of one unsafe character: \n, \t, \r, else \uXXXX per UTF-16 unit. */
export function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  let out = '';
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** Whether the text holds a character a terminal would act on, reorder or hide. */
export function hasUnsafe(text: string): boolean {
  if (!UNSAFE_ONE.test(text)) return false;
  for (const m of text.matchAll(UNSAFE)) if (!kept(m[0])) return true;
  return false;
}

/** The text with every unsafe character written as its visible escape. */
export function terminalSafe(text: string): string {
  if (!UNSAFE_ONE.test(text)) return text;
  return text.replace(UNSAFE, (ch) => (kept(ch) ? ch : escapeChar(ch)));
}

/**
 * Output as a command prints it: line breaks and tabs are kept (the program's own text has
 * them), every other unsafe character is escaped. The last guard: whatever a command
 * prints, no control or bidi character from outside reaches the terminal.
 */
export function outputSafe(text: string): string {
  if (!UNSAFE_ONE.test(text)) return text;
  return text.replace(UNSAFE, (ch) => (ch === '\n' || ch === '\t' || kept(ch) ? ch : escapeChar(ch)));
}

/**
 * For an editor that keeps one cell per character (the wizard's text box): each unsafe
 * character becomes one visible stand-in — the control picture for C0 and DEL (␛, ␀, ␡),
 * else U+FFFD (one per UTF-16 unit) — so the cursor stays where the characters are.
 */
export function oneCellSafe(text: string): string {
  if (!UNSAFE_ONE.test(text)) return text;
  return text.replace(UNSAFE, (ch) => {
    if (kept(ch)) return ch;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20) return String.fromCodePoint(0x2400 + cp);
    if (cp === 0x7f) return '\u2421';
    return '\ufffd'.repeat(ch.length);
  });
}

/**
 * The text cut to at most `max` characters (code points, never half a surrogate pair),
 * ending in `...` when it was cut.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  // a character is one or two code units: more than 2·max units are surely more than max characters
  const chars = Array.from(text.length > 2 * max ? text.slice(0, 2 * max) : text);
  if (text.length <= 2 * max && chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 3)).join('')}...`;
}

/** Outside text as it is shown in a message: escaped, then cut to `max` characters. */
export function shownText(text: string, max: number): string {
  // cut the raw text first, so a huge value is never escaped whole
  const head = text.length > max * 2 + 8 ? text.slice(0, max * 2 + 8) : text;
  return cutText(terminalSafe(head), max);
}
