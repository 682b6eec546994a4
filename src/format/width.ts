import stringWidth from 'string-width';

/** Columns a text takes in a terminal (wide CJK characters take two), as Ink measures it. */
export const displayWidth = (text: string): number => stringWidth(text);

/** The text padded with spaces to `width` terminal columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
let graphemes: Intl.Segmenter | undefined;

/**
 * The text cut to at most `width` terminal columns, ending in … when something was cut.
 * Printable ASCII is cut by length; other text grapheme by grapheme, so a wide character
 * is never split and the result is never wider than `width`.
 */
export function cutToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (PRINTABLE_ASCII.test(text)) return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
  if (displayWidth(text) <= width) return text;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}
