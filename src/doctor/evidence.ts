import type { GivenFlag } from '../adopt/given-flags.js';
import type { Evidence, Text } from './types.js';

/** Evidence and fixes the findings share. */

/** Where a flag is written: its file and line, and the flag as one argument. */
export function evidenceOf(flag: GivenFlag): Evidence {
  return { file: flag.file, ...(flag.line === undefined ? {} : { line: flag.line }), text: flag.arg };
}

/**
 * Adopting the files and writing them again for the binary's version fixes every flag at once:
 * the fix after a fix by hand (`or`), or the only one.
 */
export function rewriteFix(version: string, or = true): Text {
  return { key: or ? 'doctor.fix.rewrite' : 'doctor.fix.rewriteFiles', params: { version } };
}
