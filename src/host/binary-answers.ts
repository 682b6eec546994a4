import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { userCacheDir } from './user-cache.js';

/**
 * What a kube binary answered to `--version` and `--help`, kept across runs under
 * `$XDG_CACHE_HOME/kmaster-wizard/binaries/` (else `~/.cache/…`): the real 1.37 apiserver takes
 * 0.16–0.32 s to print its help, and preflight, doctor and the wizard ask it on every run. An
 * answer is named by the binary's path and the question, and holds the file's identity (device,
 * inode, size, modification and change times): a binary replaced, copied over or touched is asked
 * again, and its older answer is replaced. Only compiled programs (ELF files) are kept: a script
 * may run another file that changes while the script stays the same. Best effort: a directory
 * that cannot be read or written only means the binary is asked.
 */
export interface AnswerStore {
  read(binary: string, identity: string, args: readonly string[]): string | undefined;
  write(binary: string, identity: string, args: readonly string[], text: string): void;
}

/** Whether the file is an ELF program (not a script that may run another file). */
export function isCompiledProgram(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function answersDir(
  env: NodeJS.ProcessEnv = process.env,
  home: () => string = homedir,
): string | null {
  return userCacheDir('binaries', env, home);
}

const digest = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

export function fileAnswerStore(dir: string | null): AnswerStore {
  const nameOf = (binary: string, args: readonly string[]) => digest([binary, args]);
  return {
    read(binary, identity, args) {
      if (!dir) return undefined;
      try {
        const saved = JSON.parse(readFileSync(join(dir, `${nameOf(binary, args)}.json`), 'utf8')) as unknown;
        if (
          typeof saved === 'object' &&
          saved !== null &&
          (saved as { identity?: unknown }).identity === identity &&
          typeof (saved as { text?: unknown }).text === 'string'
        )
          return (saved as { text: string }).text;
      } catch {
        // none yet, or unreadable: ask the binary
      }
      return undefined;
    },
    write(binary, identity, args, text) {
      if (!dir) return;
      const file = join(dir, `${nameOf(binary, args)}.json`);
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temporary, JSON.stringify({ binary, args, identity, text }), { mode: 0o600 });
        renameSync(temporary, file);
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // nowhere to write: the next run asks again
        }
      }
    },
  };
}
