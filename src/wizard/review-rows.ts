import { displayWidth } from '../format/width.js';
import type { ReviewDoc, ReviewLine } from './types.js';

/**
 * The review as the rows it takes on screen at a width. A diff line or a command longer than
 * the width wraps: its next rows start with its sign and ↪ (`+↪…`, `-↪…`), so nothing is cut
 * and a continued line reads as one. The sign stands apart from the text (`- --flag=…`), so a
 * removed flag does not read as a diff header. Headings, file names and backups are one row.
 * Pure, and the same for the machine (how far the review scrolls) and the view.
 */
export interface ReviewPiece {
  text: string;
  /** differs from the line it replaces (or that replaces it) */
  changed: boolean;
}

export interface ReviewRow {
  line: ReviewLine;
  /** the sign column: "+ ", "- ", "  ", "  $ " (a continuation: "+↪", "-↪", " ↪", "   ↪") */
  gutter: string;
  /** the row's part of a diff line or command; empty for the other lines */
  pieces: ReviewPiece[];
}

const GUTTER: Partial<Record<ReviewLine['kind'], string>> = {
  hunk: '',
  add: '+ ',
  del: '- ',
  same: '  ',
  cmd: '  $ ',
};

const continuation = (gutter: string) => `${gutter.slice(0, -1) || ''}↪`;

/** The line's text split into pieces at the edges of its changed ranges. */
function piecesOf(text: string, changed: [number, number][] = []): ReviewPiece[] {
  const out: ReviewPiece[] = [];
  let at = 0;
  for (const [from, to] of changed) {
    if (from > at) out.push({ text: text.slice(at, from), changed: false });
    if (to > from) out.push({ text: text.slice(from, to), changed: true });
    at = to;
  }
  if (at < text.length) out.push({ text: text.slice(at), changed: false });
  return out;
}

/** Pieces cut into rows of at most `width` columns (a wide character never split). */
function wrapPieces(pieces: ReviewPiece[], width: number): ReviewPiece[][] {
  const rows: ReviewPiece[][] = [[]];
  let used = 0;
  for (const piece of pieces) {
    let text = '';
    const flush = () => {
      if (text) rows.at(-1)!.push({ text, changed: piece.changed });
      text = '';
    };
    for (const ch of piece.text) {
      const w = displayWidth(ch);
      if (used + w > width && used > 0) {
        flush();
        rows.push([]);
        used = 0;
      }
      text += ch;
      used += w;
    }
    flush();
  }
  return rows;
}

function rowsOfLine(line: ReviewLine, width: number): ReviewRow[] {
  const gutter = GUTTER[line.kind];
  if (gutter === undefined || !('text' in line)) return [{ line, gutter: '', pieces: [] }];
  const changed = 'changed' in line ? line.changed : undefined;
  const body = Math.max(8, width - Math.max(1, gutter.length));
  const wrapped = wrapPieces(piecesOf(line.text, changed), body);
  return wrapped.map((pieces, i) => ({ line, gutter: i === 0 ? gutter : continuation(gutter), pieces }));
}

const cache = new WeakMap<ReviewDoc, Map<number, ReviewRow[]>>();

/** The review's rows at `width` columns (worked out once per review and width). */
export function reviewRows(doc: ReviewDoc, width: number): ReviewRow[] {
  let byWidth = cache.get(doc);
  if (!byWidth) {
    byWidth = new Map();
    cache.set(doc, byWidth);
  }
  let rows = byWidth.get(width);
  if (!rows) {
    rows = doc.lines.flatMap((l) => rowsOfLine(l, width));
    byWidth.set(width, rows);
  }
  return rows;
}
