import { readFile, stat, unlink } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';

/**
 * Puts a backup back in place, byte for byte and with the backup's mode, atomically (the
 * target is never half-written). The backup itself is kept.
 */
export async function restoreBackup(target: string, backupPath: string): Promise<void> {
  const [content, st] = await Promise.all([readFile(backupPath), stat(backupPath)]);
  await writeFileAtomic(target, content, { mode: st.mode & 0o7777, fsync: true });
}

/** Removes a file this run created; a file already gone is fine. */
export async function removeCreated(target: string): Promise<void> {
  try {
    await unlink(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
