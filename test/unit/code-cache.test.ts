import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFileName, codeCacheDir } from '../../src/host/code-cache.js';

// V8 keeps every script it compiled in the process, and a second compile of the same text never
// looks at the cache it is given; so each run here is a process of its own, as on a master: a
// launcher like src/launch.ts, bundled from src/host/code-cache.ts.
let dir: string;
let launcher: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kmw-code-cache-'));
  launcher = join(dir, 'launch.mjs');
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { fileStore, runProgram } from ${JSON.stringify(new URL('../../src/host/code-cache.ts', import.meta.url).pathname)};
import { markStarted } from ${JSON.stringify(new URL('../../src/host/started.ts', import.meta.url).pathname)};
const [stores, hash, marker, started] = process.argv.slice(2);
const helpers = Array.from({ length: 40 }, (_, i) => 'function f' + i + '(x) { return x * ' + i + ' + 1; }').join('\\n');
const code = '(async function (require, __filename, __dirname, __kmwUrl) {\\n' + helpers +
  '\\nglobalThis.ran = [' + JSON.stringify(marker) + ', typeof require("node:path").join, __filename, __dirname, __kmwUrl, f39(1)];\\nawait 0;\\nreturn "finished";\\n})';
const filename = ${JSON.stringify(join(dir, 'kmaster-wizard.mjs'))};
const { report, done } = runProgram(
  { code, hash, filename, url: 'file://' + filename },
  stores === '-' ? [] : stores.split(',').map((d) => fileStore(d, hash)),
);
const result = await done;
if (started === 'started') { markStarted(); markStarted(); }
process.stdout.write(JSON.stringify({ cache: report.cache, result, ran: globalThis.ran }));
`,
  );
  await build({
    entryPoints: [entry],
    outfile: launcher,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const HASH = '0123456789abcdef';
interface Run {
  cache: string;
  result: string;
  ran: unknown[];
}
const run = (stores: string, started = true, hash = HASH, marker = 'm'): Run =>
  JSON.parse(
    execFileSync(process.execPath, [launcher, stores, hash, marker, started ? 'started' : 'not yet'], {
      encoding: 'utf8',
    }),
  );

describe('where the code cache lives', () => {
  it('under XDG_CACHE_HOME, else ~/.cache; nowhere when NODE_DISABLE_COMPILE_CACHE is set or there is no home', () => {
    expect(codeCacheDir({ XDG_CACHE_HOME: '/c' }, () => '/home/u')).toBe('/c/kmaster-wizard/code-cache');
    expect(codeCacheDir({}, () => '/home/u')).toBe('/home/u/.cache/kmaster-wizard/code-cache');
    expect(codeCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1', XDG_CACHE_HOME: '/c' }, () => '/h')).toBeNull();
    expect(codeCacheDir({}, () => '')).toBeNull();
    expect(
      codeCacheDir({}, () => {
        throw new Error('no passwd entry');
      }),
    ).toBeNull();
  });

  it('one file per build, Node version and architecture', () => {
    expect(cacheFileName(HASH, 'v20.20.2', 'x64')).toBe(`${HASH}-v20.20.2-x64.bin`);
  });
});

describe('running the program from its code cache', () => {
  it('runs it with require, its file and URL; writes the cache once the program says it has started; the next run uses it', () => {
    const cache = join(dir, 'a');
    const first = run(cache, false);
    expect(first).toEqual({
      cache: 'none',
      result: 'finished',
      ran: [
        'm',
        'function',
        join(dir, 'kmaster-wizard.mjs'),
        dir,
        `file://${join(dir, 'kmaster-wizard.mjs')}`,
        40,
      ],
    });
    expect(readdirSync(dir)).not.toContain('a');
    expect(run(cache).cache).toBe('none');
    const file = join(cache, cacheFileName(HASH));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = statSync(file).mtimeMs;
    expect(run(cache)).toMatchObject({ cache: 'used', result: 'finished' });
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it('a damaged cache is refused by V8, the program still runs, and the cache is written anew', () => {
    const cache = join(dir, 'b');
    run(cache);
    const file = join(cache, cacheFileName(HASH));
    writeFileSync(file, Buffer.from('not a code cache at all'));
    expect(run(cache)).toMatchObject({ cache: 'rejected', result: 'finished' });
    expect(run(cache).cache).toBe('used');
  });

  it("another build's cache is not read, and writing removes it (and nothing else)", () => {
    const cache = join(dir, 'c');
    run(cache, true, 'aaaaaaaaaaaaaaaa');
    writeFileSync(join(cache, 'notes.txt'), 'kept');
    expect(run(cache, true, 'bbbbbbbbbbbbbbbb').cache).toBe('none');
    expect(readdirSync(cache).sort()).toEqual([cacheFileName('bbbbbbbbbbbbbbbb'), 'notes.txt']);
  });

  it('reads the first store that has a cache, and writes only to the first store', () => {
    const shipped = join(dir, 'shipped');
    const user = join(dir, 'user');
    run(shipped);
    expect(run(`${user},${shipped}`).cache).toBe('used');
    expect(readdirSync(dir)).not.toContain('user');
  });

  it('a cache directory that cannot be written is left as it is, and the program runs', () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the directory would be');
    expect(run(join(blocked, 'code-cache'))).toMatchObject({ cache: 'none', result: 'finished' });
    expect(readFileSync(blocked, 'utf8')).toBe('a file where the directory would be');
  });

  it('without a store nothing is cached', () => {
    expect(run('-')).toMatchObject({ cache: 'off', result: 'finished' });
  });
});
