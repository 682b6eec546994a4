import { randomBytes } from 'node:crypto';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writing certificates and keys that did not exist: the content goes to a temporary file in
 * the same directory (with its final mode from the start, synced to disk), which is then
 * hard-linked to its name. link() fails when the name exists, so an existing file (above
 * all an existing key) is never replaced, and nobody ever sees half a file.
 */

export type CreateResult = 'created' | 'exists';

export async function createExclusive(
  path: string,
  content: string | Buffer,
  mode: number,
): Promise<CreateResult> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(content);
      // the process umask must not widen or narrow what was asked for
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw error;
    }
    await syncDir(dir);
    return 'created';
  } finally {
    await unlink(temp).catch(() => {});
  }
}

/** Makes the new name itself durable (the directory entry), as far as the file system allows. */
async function syncDir(dir: string): Promise<void> {
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {}
}
