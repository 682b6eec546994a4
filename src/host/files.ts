import { copyFile, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Files on this machine. Every write is atomic (temp file + rename, so a reader or a
 * crash never sees half a file) and an existing file is first copied to a timestamped
 * backup beside it. `root` redirects every path under a scratch directory (--root).
 */
export interface CurrentFile {
  content: string;
  mode: number;
}

export function underRoot(root: string, path: string): string {
  return root === '/' ? path : join(root, path);
}

/**
 * The first `max` bytes of a file (for answers files: a pipe or /dev/zero is read no
 * further than that) and whether there was more. Errors are the caller's to report.
 */
export async function readAtMost(path: string, max: number): Promise<{ bytes: Uint8Array; more: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(max + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return { bytes: buffer.subarray(0, Math.min(length, max)), more: length > max };
  } finally {
    await handle.close();
  }
}

export async function readCurrent(path: string): Promise<CurrentFile | null> {
  try {
    const [content, st] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { content, mode: st.mode & 0o7777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** 2026-11-25T22:40:01.123Z → 20261125T224001Z */
export function backupStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export function backupPathFor(path: string, stamp: string): string {
  return `${path}.bak-${stamp}`;
}

export async function backup(path: string, stamp: string): Promise<string> {
  let target = backupPathFor(path, stamp);
  // two runs within one second must not overwrite each other's backups
  for (let n = 1; await exists(target); n++) target = `${backupPathFor(path, stamp)}.${n}`;
  await copyFile(path, target);
  return target;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function writeAtomic(path: string, content: string, mode: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  // loaded when the first file is written: it brings node:crypto and worker_threads, which a
  // start that only reads (the wizard's first screen) has no use for
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(path, content, { mode, fsync: true });
}
