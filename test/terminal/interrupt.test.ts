import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, CLI_SH, requireBundle, Terminal } from './tmux.js';

let work: string;
const terms: Terminal[] = [];
beforeAll(requireBundle);
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kmw-term-quit-'));
});
afterEach(async () => {
  for (const t of terms.splice(0)) t.close();
  await rm(work, { recursive: true, force: true });
});

async function tree(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).map((e) =>
      join(e.parentPath, e.name),
    );
  } catch {
    return [];
  }
}

const ESC = /\u001b/;

describe('quitting', () => {
  it('Ctrl-C in the middle of typing quits at once with status 130 and writes nothing', async () => {
    const root = join(work, 'root');
    const t = Terminal.start(['--lang', 'en', '--root', root, '--config-dir', join(work, 'config')]);
    terms.push(t);
    await t.when('New setup', 'Enter');
    await t.when('--etcd-servers', 'Down', 'Down', 'Down');
    t.type('https://192.168.');
    await t.when(/1\. +\[https:\/\/192\.168\. +\] ✗/, 'C-c');
    expect(await t.exited()).toBe(130);
    expect(t.scrollback()).toContain('Nothing was written.');
    // not even the profile store was created
    expect(await tree(work)).toEqual([]);
  });

  it('q on a screen without a text field quits with nothing written', async () => {
    const root = join(work, 'root');
    const t = Terminal.start(['--lang', 'zh', '--root', root, '--config-dir', join(work, 'config')]);
    terms.push(t);
    await t.when('新建配置', 'q');
    expect(await t.exited()).toBe(0);
    expect(t.scrollback()).toContain('未写入任何文件。');
    expect(await tree(root)).toEqual([]);
  });
});

describe('without a terminal', () => {
  it('explains how to use apply, exits 2, and prints no escape codes into a pipe', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI'));
    const run = spawnSync('sh', ['-c', `${CLI_SH} --lang en < /dev/null 2>&1 | cat`], {
      encoding: 'utf8',
      env,
    });
    const direct = spawnSync(CLI[0]!, [...CLI.slice(1), '--lang', 'en'], {
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(direct.status).toBe(2);
    for (const out of [run.stdout + run.stderr, direct.stdout + direct.stderr]) {
      expect(out).toContain('kmaster-wizard apply --answers FILE');
      expect(out).not.toMatch(ESC);
    }
  });

  it('treats a terminal under CI as not interactive and says how to override it', async () => {
    const t = Terminal.start(['--lang', 'en'], { cwd: work, env: { CI: 'true' } });
    terms.push(t);
    expect(await t.exited()).toBe(2);
    const out = t.scrollback();
    expect(out).toContain('The interactive wizard needs a terminal');
    expect(out).toContain('Run with CI=false');
    expect(t.screenWithStyles()).not.toMatch(/\u001b\[[0-9;]*[A-HJKSTfhlm]/);
  });
});
