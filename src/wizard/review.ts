import { type Change, diffWordsWithSpace } from 'diff';
import { modeText, type PlannedFile, unifiedDiff } from '../apply/plan.js';
import { terminalSafe } from '../i18n/terminal-text.js';
import type { DroppedFlag } from '../model/layout.js';
import type { ReviewDoc, ReviewLine } from './types.js';

/**
 * The review as lines: every file with its mode and what writing it does, as a diff against
 * the disk (a new file whole), the backup each replaced file gets, the flags the version
 * leaves out, and the commands. Pure: the plan was read from the disk before.
 */
type DiffLine = { kind: 'add' | 'del'; text: string; changed?: [number, number][] };

/** The character ranges of `parts` that are not common to both sides. */
function ranges(parts: Change[], side: 'added' | 'removed'): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  for (const p of parts) {
    const other = side === 'added' ? p.removed : p.added;
    if (other) continue;
    if (p[side]) out.push([at, at + p.value.length]);
    at += p.value.length;
  }
  return out;
}

/**
 * Lines removed and lines added in their place, paired in order: what differs between the two
 * of a pair is marked (a word diff), so a changed value stands out of its line.
 */
function markChanges(dels: DiffLine[], adds: DiffLine[]): void {
  for (let i = 0; i < Math.min(dels.length, adds.length); i++) {
    const parts = diffWordsWithSpace(dels[i]!.text, adds[i]!.text);
    dels[i]!.changed = ranges(parts, 'removed');
    adds[i]!.changed = ranges(parts, 'added');
  }
}

export function diffLines(file: PlannedFile): ReviewLine[] {
  const text = unifiedDiff(file);
  const out: ReviewLine[] = [];
  let inHunks = false;
  let dels: DiffLine[] = [];
  let adds: DiffLine[] = [];
  const pair = () => {
    markChanges(dels, adds);
    dels = [];
    adds = [];
  };
  for (const raw of text.split('\n')) {
    // what is on disk now may hold anything: its control and bidi characters are shown escaped
    const line = terminalSafe(raw);
    if (line.startsWith('@@')) {
      inHunks = true;
      pair();
      out.push({ kind: 'hunk', text: line });
    } else if (!inHunks || line === '') {
    } else if (line.startsWith('+')) {
      const l: DiffLine = { kind: 'add', text: line.slice(1) };
      adds.push(l);
      out.push(l);
    } else if (line.startsWith('-')) {
      if (adds.length > 0) pair();
      const l: DiffLine = { kind: 'del', text: line.slice(1) };
      dels.push(l);
      out.push(l);
    } else {
      pair();
      out.push({ kind: 'same', text: line.slice(1) });
    }
  }
  pair();
  return out;
}

export function reviewDoc(planned: PlannedFile[], commands: string[][], dropped: DroppedFlag[]): ReviewDoc {
  const lines: ReviewLine[] = [];
  const changed = planned.filter((f) => f.action !== 'unchanged').length;
  lines.push({ kind: 'heading', key: 'wizard.review.files', params: { changed, total: planned.length } });
  const first = planned[0];
  if (first && first.target !== first.path) {
    lines.push({
      kind: 'heading',
      key: 'wizard.review.under',
      params: { root: first.target.slice(0, -first.path.length) },
    });
  }
  for (const file of planned) {
    lines.push({
      kind: 'file',
      path: file.path,
      target: file.target,
      action: file.action,
      mode: modeText(file.mode),
      ...(file.current ? { oldMode: modeText(file.current.mode) } : {}),
    });
    if (file.action === 'unchanged') continue;
    if (file.current) lines.push({ kind: 'backup', path: `${file.target}.bak-<UTC>` });
    if (file.action !== 'mode') lines.push(...diffLines(file));
  }
  if (dropped.length > 0) {
    lines.push({ kind: 'blank' }, { kind: 'heading', key: 'wizard.review.dropped' });
    for (const d of dropped) {
      lines.push({ kind: 'dropped', component: d.component, flag: d.flag, reason: d.reason, since: d.since });
    }
  }
  lines.push({ kind: 'blank' }, { kind: 'heading', key: 'wizard.review.commands' });
  for (const cmd of commands) lines.push({ kind: 'cmd', text: cmd.join(' ') });
  return { lines, changed, commands };
}
