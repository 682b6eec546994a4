import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The single executable as a master without Node gets it: built by `npm run build:exe`, run
// with an environment that has nothing but a home directory and a PATH where no `node` is.
// (The terminal tests also run against it: KMW_CLI=dist/kmaster-wizard-linux-x64.)
const ROOT = new URL('../../', import.meta.url).pathname;
const EXE = join(ROOT, 'dist', 'kmaster-wizard-linux-x64');
const BUNDLE = join(ROOT, 'dist', 'kmaster-wizard.mjs');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

let dir: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-exe.mjs')], { cwd: ROOT, stdio: 'pipe' });
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'kmw-exe-'));
  mkdirSync(join(dir, 'home'));
  mkdirSync(join(dir, 'empty-path'));
}, 300_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** No Node: PATH is an empty directory; nothing else of this environment is passed on. */
const bare = (extra: Record<string, string> = {}) => ({
  PATH: join(dir, 'empty-path'),
  HOME: join(dir, 'home'),
  LANG: 'C.UTF-8',
  ...extra,
});
const run = (args: string[], env = bare()) => {
  const r = spawnSync(EXE, args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const ANSWERS = [
  'kubernetesVersion: "1.24"',
  'advertiseAddress: 192.168.50.101',
  'bindAddress: 192.168.50.101',
  'securePort: 6443',
  'etcdServers:',
  '  - https://192.168.50.101:2379',
  '  - https://192.168.50.102:2379',
  '  - https://192.168.50.1:2379',
  '',
].join('\n');

function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = join(e.parentPath, e.name);
    out[`${relative(root, file)} ${(statSync(file).mode & 0o777).toString(8)}`] = readFileSync(file, 'utf8');
  }
  return out;
}

describe('the single executable', () => {
  it('is a Linux x64 program of its own, Node inside', () => {
    const head = readFileSync(EXE).subarray(0, 4);
    expect(head.toString('latin1')).toBe('\u007fELF');
    expect(statSync(EXE).mode & 0o111).toBe(0o111);
    expect(spawnSync('/bin/sh', ['-c', 'command -v node'], { env: bare() }).status).not.toBe(0);
  });

  it('answers --version, --help and, without a terminal, how to use apply, with no Node on PATH', () => {
    const version = run(['--version']);
    expect(version).toMatchObject({ status: 0, stderr: '' });
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = run(['--help', '--lang', 'zh']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('用法');
    expect(help.stdout).toContain('kmaster-wizard profiles list');
    const noTerminal = run([]);
    expect(noTerminal.status).toBe(2);
    expect(noTerminal.stderr).toContain('The interactive wizard needs a terminal');
  });

  it('applies under --root exactly as the single file does, and prints the same dry run', () => {
    const answers = join(dir, 'answers.yaml');
    writeFileSync(answers, ANSWERS);
    const viaExe = join(dir, 'root-exe');
    const viaNode = join(dir, 'root-node');
    const a = run(['apply', '--answers', answers, '--root', viaExe, '--yes']);
    expect(a.status).toBe(0);
    const b = spawnSync(
      process.execPath,
      [BUNDLE, 'apply', '--answers', answers, '--root', viaNode, '--yes'],
      {
        cwd: dir,
        env: { ...bare(), PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
      },
    );
    expect(b.status).toBe(0);
    expect(a.stderr).toBe(b.stderr);
    expect(a.stdout.replaceAll(viaExe, 'ROOT')).toBe(b.stdout.replaceAll(viaNode, 'ROOT'));
    expect(Object.keys(tree(viaExe)).length).toBeGreaterThanOrEqual(8);
    expect(tree(viaExe)).toEqual(tree(viaNode));
    const dryExe = run(['apply', '--answers', answers, '--dry-run']);
    const dryNode = spawnSync(process.execPath, [BUNDLE, 'apply', '--answers', answers, '--dry-run'], {
      cwd: dir,
      env: { ...bare(), PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    expect(dryExe.status).toBe(dryNode.status);
    expect(dryExe.stdout).toBe(dryNode.stdout);
    expect(dryExe.stdout).toContain('--advertise-address=192.168.50.101');
  });

  it('draws the wizard in a terminal from the code cache it carries, writing no cache of its own', async () => {
    const cache = join(dir, 'cache');
    // util-linux `script` gives it a terminal; inside, the environment is as bare as above
    const child = spawn(
      '/usr/bin/script',
      [
        '-qfec',
        `/bin/stty cols 100 rows 30; exec '${EXE}' --lang en --config-dir '${join(dir, 'config')}'`,
        '/dev/null',
      ],
      {
        cwd: dir,
        env: bare({ TERM: 'xterm-256color', XDG_CACHE_HOME: cache, SHELL: '/bin/sh' }),
        stdio: 'pipe',
      },
    );
    let screen = '';
    child.stdout.on('data', (d) => {
      screen += d;
    });
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    const deadline = Date.now() + 30_000;
    const until = async (done: () => boolean) => {
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`the terminal shows:\n${screen.slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    // the frame after the host was looked at (binaries and profiles no longer "checking…"): a code
    // cache, had one been written, would be there before it. Both frames may come in one read.
    const newestFrame = () => screen.slice(screen.lastIndexOf('What is on this host'));
    await until(() => newestFrame().includes('quit') && !newestFrame().includes('checking…'));
    child.stdin.write('\u0003');
    expect(await exited).toBe(130); // Ctrl-C
    expect(screen).toContain('What is on this host');
    expect(existsSync(cache) ? readdirSync(cache, { recursive: true }) : []).toEqual([]);
  });
});
