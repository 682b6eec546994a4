import { constants, copyFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { backupPathFor, backupStamp } from '../host/files.js';

/** How many backups of the store are kept beside it; older ones are removed. */
export const STORE_BACKUPS_KEPT = 10;

/**
 * Copies the store file to `profiles.json.bak-<UTC time>` beside it before it is overwritten
 * (the same naming as every other backup the wizard makes), then keeps only the newest
 * STORE_BACKUPS_KEPT backups. Returns the backup's path.
 */
export function backupStoreFile(path: string, now: Date): string {
  const base = backupPathFor(path, backupStamp(now));
  // within one second: base, base.1, base.2 … — numbered after the highest one still there,
  // so the order of the names stays the order of the saves even after pruning
  const taken = storeBackups(path)
    .filter((b) => b === base || b.startsWith(`${base}.`))
    .map((b) => (b === base ? 0 : Number(b.slice(base.length + 1))));
  let n = taken.length ? Math.max(...taken) + 1 : 0;
  for (;;) {
    const target = n === 0 ? base : `${base}.${n}`;
    try {
      copyFileSync(path, target, constants.COPYFILE_EXCL);
      pruneBackups(path);
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      n++;
    }
  }
}

export function storeBackups(path: string): string[] {
  const prefix = `${basename(path)}.bak-`;
  return readdirSync(dirname(path))
    .filter((name) => name.startsWith(prefix))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => join(dirname(path), name));
}

function pruneBackups(path: string): void {
  const all = storeBackups(path);
  for (const old of all.slice(0, Math.max(0, all.length - STORE_BACKUPS_KEPT))) rmSync(old, { force: true });
}
