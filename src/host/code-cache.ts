import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { onStarted } from './started.js';
import { userCacheDir } from './user-cache.js';

/**
 * Start-up from V8's code cache. The single file and the executable carry the program as one
 * script (scripts/build.mjs), which is compiled here with vm.Script: given the bytecode V8
 * produced on an earlier run (`cachedData`), V8 skips parsing and compiling what that run
 * compiled, which is most of the time before the first frame. The cache is made once the
 * program says its first screen is up (markStarted in ./started.ts), so it holds every
 * function the start needed, not only the top level, and nothing that only runs later (a
 * bigger cache takes longer to read).
 *
 * It is the same V8 cache that `module.enableCompileCache()` keeps for files Node loads itself
 * (Node 22.1+). Kept here it works the same on Node 20, 22 and 24 and in the executable, and it
 * measured faster: Node's is written at exit, with everything the run compiled.
 */

/** The program: called with what an ESM bundle's banner would give it. */
export type ProgramMain = (
  require: NodeJS.Require,
  filename: string,
  dirname: string,
  url: string,
) => Promise<unknown>;

export interface Program {
  /** one expression, `(async function (require, __filename, __dirname, __kmwUrl) {…})` */
  code: string;
  /** a digest of `code`: names its cache, so a new build never reads an old build's cache */
  hash: string;
  /** the file it runs from: stack traces name it, `require` resolves from it */
  filename: string;
  url: string;
}

/** Where a cache is read from and written to. */
export interface CodeCacheStore {
  read(): Buffer | undefined;
  /** best effort: a store that cannot be written stays as it is */
  write(data: Buffer): void;
}

/**
 * `$XDG_CACHE_HOME/kmaster-wizard/code-cache`, else `~/.cache/…`; null when
 * NODE_DISABLE_COMPILE_CACHE is set (Node's own switch for its compile cache) or there is no home.
 */
export function codeCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  home: () => string = homedir,
): string | null {
  if (env.NODE_DISABLE_COMPILE_CACHE) return null;
  return userCacheDir('code-cache', env, home);
}

/** The cache file of this program on this Node: the program's digest, Node's version and arch. */
export function cacheFileName(hash: string, version = process.version, arch = process.arch): string {
  return `${hash}-${version}-${arch}.bin`;
}

/**
 * A cache in `dir`. Written beside and renamed into place (a run reading it meanwhile sees all
 * of an old one or all of the new one); writing removes the caches of other builds.
 */
export function fileStore(dir: string, hash: string): CodeCacheStore {
  const name = cacheFileName(hash);
  const file = join(dir, name);
  return {
    read() {
      try {
        return readFileSync(file);
      } catch {
        return undefined;
      }
    },
    write(data) {
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileSync(temporary, data, { mode: 0o600 });
        renameSync(temporary, file);
        for (const other of readdirSync(dir)) {
          if (other.endsWith('.bin') && !other.startsWith(`${hash}-`))
            rmSync(join(dir, other), { force: true });
        }
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // nowhere to write: the next run compiles again
        }
      }
    },
  };
}

export interface RunReport {
  /** what the cache did for this run */
  cache: 'off' | 'none' | 'used' | 'rejected';
}

/**
 * Compiles and runs the program, with the first store that has a cache. When none had one
 * (or V8 refused it: another Node, other V8 flags), the cache is written to the first store
 * once the program calls markStarted().
 */
export function runProgram(
  program: Program,
  stores: readonly CodeCacheStore[],
): { report: RunReport; done: Promise<unknown> } {
  let cachedData: Buffer | undefined;
  for (const s of stores) {
    cachedData = s.read();
    if (cachedData) break;
  }
  const script = new Script(program.code, {
    filename: program.filename,
    ...(cachedData ? { cachedData } : {}),
  });
  const report: RunReport = {
    cache:
      stores.length === 0 ? 'off' : !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used',
  };
  if (report.cache === 'none' || report.cache === 'rejected') {
    onStarted(() => {
      onStarted(undefined);
      stores[0]?.write(script.createCachedData());
    });
  }
  const main = script.runInThisContext() as ProgramMain;
  const done = main(
    createRequire(program.filename),
    program.filename,
    dirname(program.filename),
    program.url,
  );
  return { report, done };
}
