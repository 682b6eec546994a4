import wrapAnsi from 'wrap-ansi';
import { cutToWidth, displayWidth } from './width.js';

/** Text cut to a terminal width, ending in … where something was left out. */
export function cutText(text: string, width: number): string {
  return cutToWidth(text, Math.max(1, width));
}

/** Text wrapped at spaces into lines of a terminal width (a longer word, or CJK text, is broken anywhere). */
export function wrapText(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  return wrapAnsi(text, Math.max(1, width), { hard: true, trim: true }).split('\n');
}
