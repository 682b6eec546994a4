import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, seedMustChangeAnswers } from '../../src/model/seed.js';

// The single file keeps V8's code cache under the user's cache directory. The wizard writes it
// at its first frame; a command (apply, status, preflight, doctor, profiles) once it has run, so
// a master where only `apply` is ever run starts compiled from its second run on.
const ROOT = new URL('../../', import.meta.url).pathname;
const BUNDLE = join(ROOT, 'dist', 'kmaster-wizard.mjs');
let dir: string;
let answers: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'kmw-cache-cmd-'));
  answers = join(dir, 'answers.json'); // JSON is YAML too
  writeFileSync(
    answers,
    JSON.stringify({ kubernetesVersion: SEED.kubernetesVersion, ...seedMustChangeAnswers() }),
  );
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cacheDir = () => join(dir, 'cache', 'kmaster-wizard', 'code-cache');
const cacheFiles = () => {
  try {
    return readdirSync(cacheDir());
  } catch {
    return [];
  }
};
const cli = (args: string[], extra: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BUNDLE, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      XDG_CACHE_HOME: join(dir, 'cache'),
      LANG: 'C.UTF-8',
      ...extra,
    },
  });

describe('the code cache of a command', () => {
  it('is written once a command has run, and the next run uses it without writing again', () => {
    expect(cacheFiles()).toEqual([]);
    const first = cli(['apply', '--answers', answers, '--dry-run']);
    expect(first.status).toBe(0);
    const files = cacheFiles();
    expect(files).toHaveLength(1);
    const written = statSync(join(cacheDir(), files[0] as string));
    expect(written.size).toBeGreaterThan(100_000);

    const second = cli(['apply', '--answers', answers, '--dry-run']);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(cacheFiles()).toEqual(files);
    expect(statSync(join(cacheDir(), files[0] as string)).mtimeMs).toBe(written.mtimeMs);
  });

  it('is not written with NODE_DISABLE_COMPILE_CACHE, and the command still runs', () => {
    rmSync(join(dir, 'cache'), { recursive: true, force: true });
    const r = cli(['apply', '--answers', answers, '--dry-run'], { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(r.status).toBe(0);
    expect(cacheFiles()).toEqual([]);
  });
});
