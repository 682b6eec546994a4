import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasUnsafe } from '../../src/i18n/terminal-text.js';
import { BASE, CATALOGUE } from '../unit/helpers/bad-input-catalogue.js';
import { CLI, requireBundle } from './tmux.js';

// The bad-input catalogue through the single-file CLI, as bytes reach a terminal: exit 2,
// the field named, nothing under --root, no stack trace, no raw control or bidi character
// on stdout or stderr (apart from the line ends).
const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  requireBundle();
  dir = await mkdtemp(join(tmpdir(), 'kmw-bad-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(CLI[0]!, [...CLI.slice(1), ...args], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C' },
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

function expectSafe(text: string): void {
  expect(text).not.toMatch(/^\s+at .+\(.*\)$|^\s+at file:|Error: E[A-Z]+|\(node:\d+\)|YAMLWarning/m);
  for (const line of text.split('\n')) expect(hasUnsafe(line), JSON.stringify(line)).toBe(false);
}

describe('the built CLI on bad input', () => {
  it('refuses every case of the catalogue: exit 2, named, nothing written, nothing raw', async () => {
    // a few at a time: the machine is shared
    for (let i = 0; i < CATALOGUE.length; i += 4) {
      await Promise.all(
        CATALOGUE.slice(i, i + 4).map(async (c, j) => {
          const file = join(dir, `case-${i + j}.yaml`);
          const root = join(dir, `root-${i + j}`);
          await writeFile(file, c.file);
          const r = await cli(['apply', '--answers', file, '--root', root]);
          expect(r.code, c.name).toBe(2);
          expect(r.err, c.name).toContain(c.en);
          expectSafe(r.out + r.err);
          expect(existsSync(root), c.name).toBe(false);
        }),
      );
    }
  }, 240_000);

  it('refuses an empty --root and a --root that is a file, with exit 2 and one line', async () => {
    const answers = join(dir, 'good.yaml');
    await writeFile(answers, BASE);
    const empty = await cli(['apply', '--answers', answers, '--dry-run', '--root', '']);
    expect(empty.code).toBe(2);
    expect(empty.out).toBe('');
    expect(empty.err).toMatch(/^--root needs a directory: an empty value would mean \/ itself\./);
    const file = await cli(['preflight', '--answers', answers, '--root', answers]);
    expect(file.code).toBe(2);
    expect(file.err).toBe(
      `--root ${answers} is not a directory; give a directory (it is created when it does not exist).\n`,
    );
    expectSafe(empty.err + file.err);
  }, 60_000);
});
