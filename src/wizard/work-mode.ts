import { resolve } from 'node:path';
import { type BinaryFact, masterGaps, type QuickFacts } from '../host/detect.js';
import type { WorkMode } from './types.js';

/** Where the wizard works when this host is not a master and no --root was given. */
export const SCRATCH_DIR = '.kmw-scratch';

/** --root wins; a master works on /; anything else in the scratch directory. null: not known yet. */
export function workMode(
  rootFlag: string | undefined,
  f: Pick<QuickFacts, 'isRoot' | 'systemd'>,
  binaries: BinaryFact[] | null,
  cwd: string,
): WorkMode | null {
  if (rootFlag !== undefined) return { kind: 'root', root: resolve(cwd, rootFlag) };
  const reasons = masterGaps(f, binaries);
  if (reasons.length > 0) return { kind: 'scratch', root: resolve(cwd, SCRATCH_DIR), reasons };
  return binaries ? { kind: 'master' } : null;
}
