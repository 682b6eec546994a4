import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitStatusOf } from '../../src/commands/exit.js';
import { preflightCommand } from '../../src/commands/preflight.js';
import { statusCommand } from '../../src/commands/status.js';
import { outputWidth } from '../../src/context.js';
import { captureContext } from './helpers/context.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kmw-status-cmd-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function run(command: typeof statusCommand, argv: string[], lang: 'en' | 'zh' = 'en') {
  const c = captureContext(lang);
  let code: number;
  try {
    code = await command(c.ctx, argv);
  } catch (error) {
    const status = exitStatusOf(c.ctx, error, 'usage');
    if (status === undefined) throw error;
    code = status;
  }
  return { code, ...c };
}

describe('commands that only read, given invalid answers', () => {
  it('status and preflight name the refused field and say nothing about writing, in both languages', async () => {
    const file = join(work, 'bad.yaml');
    await writeFile(file, 'advertiseAddress: 0.0.0.0\n');
    for (const command of [statusCommand, preflightCommand]) {
      const en = await run(command, ['--answers', file]);
      expect(en.code).toBe(2);
      expect(en.err[0]).toBe('The answers are not valid:');
      expect(en.err.join('\n')).toContain('advertiseAddress: "0.0.0.0" is not accepted');
      const zh = await run(command, ['--answers', file], 'zh');
      expect(zh.err[0]).toBe('应答无效:');
      expect(zh.err.join('\n')).not.toContain('未写入');
    }
  });

  it('status refuses an output format it does not have', async () => {
    const r = await run(statusCommand, ['-o', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['-o yaml: the output formats are wide and json.']);
  });
});

describe('the width printed tables fit', () => {
  it('is the terminal’s, else $COLUMNS, else 80', () => {
    expect(outputWidth({ isTTY: true, columns: 100 }, { COLUMNS: '132' })).toBe(100);
    expect(outputWidth({ isTTY: false }, { COLUMNS: '132' })).toBe(132);
    expect(outputWidth({}, { COLUMNS: 'wide' })).toBe(80);
    expect(outputWidth({}, {})).toBe(80);
  });
});
