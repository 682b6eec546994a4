#!/usr/bin/env node
// Builds dist/kmaster-wizard-linux-x64: one executable that runs on a master without Node.
//
//   npm run build:exe
//
// A Node single executable application (SEA) on Node 24 LTS, whose binary comes from the npm
// registry (scripts/node-dist.mjs). Inside: a small main script (src/launch-exe.ts), the
// program (the same text as in the single file) and the code cache of its start. The cache is
// made here by the same Node: the single file runs in a pseudo-terminal until the wizard has
// drawn its first screen and loaded its checks, and V8's cache of that run is kept, so the
// executable starts fast from its first run and writes nothing. postject (from npm) puts the
// SEA blob into a copy of the Node binary.
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { chmod, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'postject';
import { buildLauncher, buildProgram } from './build-program.mjs';
import { ensureNode } from './node-dist.mjs';

/** The Node major the executable is built on: the newest LTS the registry package ships. */
export const EXE_NODE_MAJOR = 24;
/**
 * Node options the executable starts with (SEA `execArgv`). The start allocates about 15 MB
 * before the first frame; V8's young generation begins at 1 MiB semi-spaces and grows by
 * scavenging, five or six times before the first frame. Starting at 16 MiB it does not need
 * to (one scavenge later, at most), which measured 10–20 % off the first frame. The code cache
 * does not depend on it (V8 accepts a cache made without it), and NODE_OPTIONS may not set it.
 */
export const EXEC_ARGV = ['--min-semi-space-size=16'];
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join(ROOT, 'dist', 'kmaster-wizard-linux-x64');

/**
 * Runs the single file in a 100x30 pseudo-terminal (util-linux `script`) with its own cache and
 * config directories until the code cache appears, then quits it; returns the cache.
 */
async function trainCodeCache(node, single, cacheFile, work) {
  const run = join(work, 'run');
  mkdirSync(run, { recursive: true });
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => k !== 'CI' && !k.startsWith('CI_') && k !== 'NODE_DISABLE_COMPILE_CACHE',
    ),
  );
  Object.assign(env, {
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    XDG_CACHE_HOME: join(work, 'cache'),
    KMW_CONFIG_DIR: join(work, 'config'),
  });
  const child = spawn(
    'script',
    [
      '-qfec',
      `stty cols 100 rows 30; exec '${node}' ${EXEC_ARGV.join(' ')} '${single}' --lang en`,
      '/dev/null',
    ],
    {
      cwd: run,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  const exited = new Promise((r) => child.on('exit', r));
  try {
    const deadline = Date.now() + 60_000;
    while (!existsSync(cacheFile)) {
      if (Date.now() > deadline)
        throw new Error(
          `the wizard did not write its code cache within a minute; it showed:\n${output.slice(-2000)}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
    child.stdin.write('\u0003');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  } finally {
    child.kill('SIGKILL');
  }
  return readFileSync(cacheFile);
}

export async function buildExe() {
  const node = ensureNode(EXE_NODE_MAJOR);
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const program = await buildProgram();
  const work = mkdtempSync(join(tmpdir(), 'kmw-exe-'));
  try {
    const single = join(work, 'kmaster-wizard.mjs');
    writeFileSync(single, await buildLauncher('src/launch.ts', 'esm', program));
    const cache = await trainCodeCache(
      node,
      single,
      join(work, 'cache', 'kmaster-wizard', 'code-cache', `${program.hash}-${version}-x64.bin`),
      work,
    );
    const files = {
      main: join(work, 'main.cjs'),
      program: join(work, 'program.js'),
      hash: join(work, 'program.hash'),
      cache: join(work, 'code-cache.bin'),
      config: join(work, 'sea-config.json'),
      blob: join(work, 'sea.blob'),
    };
    writeFileSync(files.main, await buildLauncher('src/launch-exe.ts', 'cjs'));
    writeFileSync(files.program, program.code);
    writeFileSync(files.hash, program.hash);
    writeFileSync(files.cache, cache);
    writeFileSync(
      files.config,
      JSON.stringify({
        main: files.main,
        output: files.blob,
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: false,
        execArgv: EXEC_ARGV,
        assets: { 'program.js': files.program, 'program.hash': files.hash, 'code-cache.bin': files.cache },
      }),
    );
    execFileSync(node, ['--experimental-sea-config', files.config], { cwd: work, stdio: 'pipe' });
    const temporary = `${OUT}.${process.pid}.tmp`;
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    copyFileSync(node, temporary);
    await chmod(temporary, 0o755);
    // postject's ELF reader warns about note sections it does not need; say nothing of those
    const warn = console.warn;
    console.warn = (...args) => {
      if (!/^warning: Can't find string offset for section name '\.note/.test(String(args[0]))) warn(...args);
    };
    try {
      await inject(temporary, 'NODE_SEA_BLOB', readFileSync(files.blob), { sentinelFuse: FUSE });
    } finally {
      console.warn = warn;
    }
    await rename(temporary, OUT);
    return { file: OUT, node: version, bytes: statSync(OUT).size, cacheBytes: cache.length };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const built = await buildExe();
console.log(
  `${built.file}: ${(built.bytes / 1024 / 1024).toFixed(1)} MiB, Node ${built.node}, code cache ${(built.cacheBytes / 1024).toFixed(0)} KiB`,
);
