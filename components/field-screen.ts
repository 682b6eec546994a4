import type { Translate } from '../src/i18n/index.js';
import type { Draft } from '../src/wizard/draft.js';
import type { Row } from '../src/wizard/rows.js';
import type { ProblemMap } from '../src/wizard/types.js';

/** What a screen of editable fields is given: the draft, its rows, focus and cursor, the problems, its size. */
export interface FieldScreenProps {
  t: Translate;
  draft: Draft;
  rows: Row[];
  focus: number;
  cursor: number;
  problems: ProblemMap;
  width: number;
  /** lines this screen may use */
  height: number;
}
