import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offline } from './offline.js';

// The package as a user gets it: `npm pack` in a copy of the checkout that has no dist/ (as a
// fresh clone), which must build first; then installed from the tarball into an empty prefix,
// and run through npx, with the network cut off and an empty npm cache, from a directory that
// is not the checkout.
const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const TARBALL = `kmaster-wizard-${pkg.version}.tgz`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kmw-pack-'));
  const clone = join(dir, 'clone');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && existsSync(join(ROOT, f)));
  for (const f of files) cpSync(join(ROOT, f), join(clone, f));
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  expect(existsSync(join(clone, 'dist'))).toBe(false);
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: clone,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  expect(packed?.filename).toBe(TARBALL);
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Only Node (for the bin's #!/usr/bin/env node) and the system's tools on PATH. */
const env = (extra: Record<string, string> = {}) => ({
  PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
  HOME: join(dir, 'home'),
  LANG: 'C.UTF-8',
  ...extra,
});

describe('npm pack', () => {
  it('ships the built single file, the README and package.json, and declares nothing to install', () => {
    const files = execFileSync('tar', ['-tzf', join(dir, TARBALL)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .sort();
    expect(files).toEqual(['package/README.md', 'package/dist/kmaster-wizard.mjs', 'package/package.json']);
    const packed = JSON.parse(
      execFileSync('tar', ['-xzOf', join(dir, TARBALL), 'package/package.json'], { encoding: 'utf8' }),
    );
    expect(packed.bin).toEqual({ 'kmaster-wizard': 'dist/kmaster-wizard.mjs' });
    expect(packed.dependencies ?? {}).toEqual({});
    expect(packed.engines.node).toBeTruthy();
  });

  it('the network is really cut off for the commands below', () => {
    const r = offline(
      process.execPath,
      ['-e', "fetch('https://registry.npmjs.org/').then(() => process.exit(0), () => process.exit(3))"],
      { env: env() },
    );
    expect(r.status).toBe(3);
  });

  it('installs from the tarball into an empty prefix offline, and the installed command runs', () => {
    const prefix = join(dir, 'prefix');
    const work = join(dir, 'work');
    mkdirSync(work, { recursive: true });
    const install = offline(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        '--cache',
        join(dir, 'npm-cache'),
        '--no-audit',
        '--no-fund',
        join(dir, TARBALL),
      ],
      { cwd: work, env: env() },
    );
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.status).toBe(0);
    const bin = join(prefix, 'bin', 'kmaster-wizard');

    const version = offline(bin, ['--version'], { cwd: work, env: env() });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);

    const help = offline(bin, ['--help'], { cwd: work, env: env() });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('kmaster-wizard apply (--answers FILE | --profile NAME)');
    expect(help.stdout).toContain('kmaster-wizard profiles list');

    const bare = offline(bin, [], { cwd: work, env: env() });
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('The interactive wizard needs a terminal');
    expect(bare.stderr).toContain('kmaster-wizard apply --answers FILE');
    expect(bare.stdout + bare.stderr).not.toContain('\u001b[');
  });

  it('npx --yes ./kmaster-wizard-VERSION.tgz --version runs it from the tarball, offline', () => {
    const r = offline('npx', ['--yes', `./${TARBALL}`, '--version'], {
      cwd: dir,
      env: env({ npm_config_cache: join(dir, 'npx-cache') }),
    });
    expect(r.stderr).not.toMatch(/ERR!/);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});
