import { readCurrent, underRoot } from './files.js';

/**
 * Reads text files of this host, or of a tree standing for it (--root DIR, or a test's
 * temp dir): `path` is where the file is on the master, `target` where it was read.
 */
export interface HostText {
  path: string;
  target: string;
  content: string;
}

/** The file at `path` under `root`, or null when there is none. Other failures throw. */
export async function readTextUnder(root: string, path: string): Promise<HostText | null> {
  const target = underRoot(root, path);
  const current = await readCurrent(target);
  return current === null ? null : { path, target, content: current.content };
}

/** The first of `paths` that exists under `root` (in the order given), or null. */
export async function readFirstUnder(root: string, paths: readonly string[]): Promise<HostText | null> {
  for (const path of paths) {
    const found = await readTextUnder(root, path);
    if (found) return found;
  }
  return null;
}
