import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersDir, isCompiledProgram } from '../../src/host/binary-answers.js';

// A compiled binary's answers to --help and --version are kept across runs while its file stays
// the same. Each run is a process of its own (within one, answers are kept in memory anyway).
let dir: string;
let asker: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kmw-binary-answers-'));
  asker = join(dir, 'ask.mjs');
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { binaryHelp } from ${JSON.stringify(new URL('../../src/host/binaries.ts', import.meta.url).pathname)};
process.stdout.write(JSON.stringify(await binaryHelp(process.argv[2])));
`,
  );
  await build({
    entryPoints: [entry],
    outfile: asker,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // bundled CommonJS (execa's dependencies) needs require
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },

    logLevel: 'warning',
  });
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cache = () => join(dir, 'cache');
const ask = (binary: string): { ok: boolean; text?: string } =>
  JSON.parse(
    execFileSync(process.execPath, [asker, binary], {
      encoding: 'utf8',
      cwd: new URL('../../', import.meta.url).pathname,
      env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: cache() },
    }),
  );
const saved = () => {
  const d = join(cache(), 'kmaster-wizard', 'binaries');
  return readdirSync(d).map((f) => join(d, f));
};

describe('answers kept across runs', () => {
  it('the next run reads the answer instead of asking; a replaced binary is asked again', () => {
    const bin = join(dir, 'kube-apiserver');
    copyFileSync('/bin/echo', bin); // an ELF program that answers --help
    const first = ask(bin);
    expect(first.ok).toBe(true);
    expect(first.text).toContain('echo');
    const [file] = saved();
    expect(saved()).toHaveLength(1);
    // the kept answer is what the next run gives: it does not ask the binary
    const kept = JSON.parse(readFileSync(file as string, 'utf8'));
    writeFileSync(
      file as string,
      JSON.stringify({ ...kept, text: JSON.stringify({ ok: true, text: 'kept' }) }),
    );
    expect(ask(bin)).toEqual({ ok: true, text: 'kept' });
    // a binary copied over is another file: asked again, its answer replaces the old one
    copyFileSync('/bin/echo', bin);
    expect(ask(bin).text).toContain('echo');
    expect(saved()).toHaveLength(1);
  });

  it('keeps nothing for a script, which may run another file', () => {
    rmSync(cache(), { recursive: true, force: true });
    const script = join(dir, 'kube-scheduler');
    writeFileSync(script, '#!/bin/sh\necho "      --secure-port int"\n', { mode: 0o755 });
    expect(ask(script).ok).toBe(true);
    expect(isCompiledProgram(script)).toBe(false);
    expect(isCompiledProgram(process.execPath)).toBe(true);
    expect(() => saved()).toThrow();
  });

  it('lives under XDG_CACHE_HOME, else ~/.cache', () => {
    expect(answersDir({ XDG_CACHE_HOME: '/c' }, () => '/h')).toBe('/c/kmaster-wizard/binaries');
    expect(answersDir({}, () => '/h')).toBe('/h/.cache/kmaster-wizard/binaries');
    expect(answersDir({}, () => '')).toBeNull();
  });
});
