import type { Translate } from '../src/i18n/index.js';
import type { Draft } from '../src/wizard/draft.js';
import { markedProblems } from '../src/wizard/marks.js';
import { type Row, rowsOf } from '../src/wizard/rows.js';
import type { State } from '../src/wizard/state.js';
import type { ProblemMap } from '../src/wizard/types.js';

/** What a screen of editable fields is given: the draft, its rows, focus and cursor, the problems, its size. */
export interface FieldScreenProps {
  t: Translate;
  draft: Draft;
  rows: Row[];
  focus: number;
  cursor: number;
  /** the refused values shown now (a field nobody touched yet is not marked) */
  problems: ProblemMap;
  /** fields whose value is refused but not marked yet: neither ✗ nor ✓ */
  pending: ReadonlySet<string>;
  width: number;
  /** lines this screen may use */
  height: number;
}

/** The field-screen props of the machine's state. */
export function fieldScreenProps(t: Translate, s: State, width: number, height: number): FieldScreenProps {
  const problems = markedProblems(s);
  return {
    t,
    draft: s.draft,
    rows: rowsOf(s),
    focus: s.focus,
    cursor: s.cursor,
    problems,
    pending: new Set([...s.problems.keys()].filter((f) => !problems.has(f))),
    width,
    height,
  };
}
