import type { Draft } from './draft.js';
import type { FixedRow, ProblemMap } from './types.js';

/**
 * The checks and the version knowledge the machine needs once the user has left the start
 * screen. They pull in the answers schema (zod) and the flag table, so they are loaded after
 * the first frame and handed to the machine (see kit.ts).
 */
export interface Kit {
  /** every refused value of the draft, by field (advertiseAddress, etcdServers.1, certs.caFile …) */
  validate(draft: Draft): ProblemMap;
  /** the stays-fixed list for the draft's version, grouped per component */
  fixedRows(draft: Draft): FixedRow[];
}
