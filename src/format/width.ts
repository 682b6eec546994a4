import stringWidth from 'string-width';

/** Columns a text takes in a terminal (wide CJK characters take two), as Ink measures it. */
export const displayWidth = (text: string): number => stringWidth(text);

/** The text padded with spaces to `width` terminal columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
