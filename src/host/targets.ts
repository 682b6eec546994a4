import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MessageKey, Params, Translate } from '../i18n/index.js';

/**
 * Before the first file is written, every target is known good: no target is named twice
 * or lies inside another, nothing but a regular file stands where one goes, and what
 * stands where its directories go is a directory (or nothing yet). A write that fails
 * later anyway (the disk is full, permission denied) is reported the same way: a
 * WriteError names the file and what was already written, never as a stack trace.
 */

export class WriteError extends Error {
  override readonly name = 'WriteError';

  constructor(
    readonly key: MessageKey,
    readonly params: Params,
    /** targets already written when it failed (none when a check refused them first) */
    readonly written: string[] = [],
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }

  text(t: Translate): string {
    const lines = [t(this.key, this.params)];
    if (this.written.length === 0) lines.push(t('write.nothingWritten'));
    else lines.push(t('write.writtenBefore', { files: this.written.join(', ') }));
    return lines.join(' ');
  }
}

export type PathKind = 'file' | 'dir' | 'other' | 'missing';

/** What is at a path (following symlinks): a file, a directory, something else, nothing; or why it cannot be told. */
export async function pathKind(path: string): Promise<PathKind | NodeJS.ErrnoException> {
  try {
    const st = await stat(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // ENOTDIR: something above is a file; the walk up finds it
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return 'missing';
    return e;
  }
}

const within = (path: string, dir: string) => path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

/** Throws a WriteError for the first target that cannot be written as a file; else nothing. */
export async function checkTargets(targets: readonly string[]): Promise<void> {
  const seen = new Set<string>();
  for (const target of targets) {
    if (seen.has(target)) throw new WriteError('write.twice', { target });
    seen.add(target);
    const outer = targets.find((other) => other !== target && within(target, other));
    if (outer) throw new WriteError('write.insideTarget', { target, other: outer });
  }
  for (const target of targets) {
    const kind = await pathKind(target);
    if (kind instanceof Error) throw new WriteError('write.cannotCheck', { target, error: kind.message });
    if (kind === 'dir') throw new WriteError('write.isDir', { target });
    if (kind === 'other') throw new WriteError('write.notFile', { target });
    if (kind === 'file') continue;
    const above = await nearestExisting(dirname(target));
    if (above instanceof Error) throw new WriteError('write.cannotCheck', { target, error: above.message });
    if (above.kind !== 'dir') throw new WriteError('write.parentNotDir', { target, parent: above.path });
  }
}

/** The nearest path at or above `path` that exists, and what it is (the directories to create lie below it). */
export async function nearestExisting(
  path: string,
): Promise<{ path: string; kind: Exclude<PathKind, 'missing'> } | NodeJS.ErrnoException> {
  for (let at = path; ; at = dirname(at)) {
    const kind = await pathKind(at);
    if (kind instanceof Error) return kind;
    if (kind !== 'missing') return { path: at, kind };
    if (dirname(at) === at) return { path: at, kind: 'dir' };
  }
}
