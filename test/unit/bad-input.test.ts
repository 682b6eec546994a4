import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/commands/apply.js';
import { exitStatusOf } from '../../src/commands/exit.js';
import { preflightCommand } from '../../src/commands/preflight.js';
import { profilesCommand } from '../../src/commands/profiles.js';
import type { CommandContext } from '../../src/context.js';
import { hasUnsafe } from '../../src/i18n/terminal-text.js';
import { BASE, CATALOGUE } from './helpers/bad-input-catalogue.js';
import { captureContext } from './helpers/context.js';

// The bad-input catalogue through the commands as the CLI runs them: exit 2, the field (or
// what is wrong with the file) named in both languages, nothing written under --root and
// no profile saved, no stack trace, no raw control character in anything printed.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kmw-bad-input-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  lines: string[];
}

/** A command as `main` runs it: what it throws becomes its exit status, or is a crash. */
async function run(
  command: (ctx: CommandContext, argv: string[]) => Promise<number>,
  argv: string[],
  lang: 'en' | 'zh',
  configDir?: string,
): Promise<Run> {
  const { ctx, out, err } = captureContext(lang);
  const context = { ...ctx, configDir };
  let code: number;
  try {
    code = await command(context, argv);
  } catch (error) {
    const status = exitStatusOf(context, error, 'usage');
    if (status === undefined) throw error; // the CLI would print a stack trace here
    code = status;
  }
  return { code, lines: [...out, ...err] };
}

function expectClean(r: Run): void {
  for (const line of r.lines) {
    expect(hasUnsafe(line), JSON.stringify(line)).toBe(false);
    expect(line).not.toMatch(/^\s+at |Error:|Invalid input|\(node:\d+\)/);
    expect(line.length).toBeLessThan(2000);
  }
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe.each(CATALOGUE.map((c, i) => [c.name, c, i] as const))('bad input: %s', (_name, c, i) => {
  const file = () => join(dir, `case-${i}.yaml`);
  beforeAll(async () => {
    await writeFile(file(), c.file);
  });

  it.each(['en', 'zh'] as const)('apply --root: exit 2, named, nothing written (%s)', async (lang) => {
    const root = join(dir, `root-${i}-${lang}`);
    const r = await run(applyCommand, ['--answers', file(), '--root', root], lang);
    expect(r.code).toBe(2);
    expect(r.lines.join('\n')).toContain(lang === 'en' ? c.en : c.zh);
    expectClean(r);
    expect(await exists(root)).toBe(false);
  });

  it('apply --dry-run and preflight --root: exit 2, named', async () => {
    const root = join(dir, `pre-${i}`);
    for (const [command, argv] of [
      [applyCommand, ['--answers', file(), '--dry-run']],
      [preflightCommand, ['--answers', file(), '--root', root]],
    ] as const) {
      const r = await run(command, [...argv], 'en');
      expect(r.code).toBe(2);
      expect(r.lines.join('\n')).toContain(c.en);
      expect(r.lines.join('\n')).not.toMatch(/No preflight error/);
      expectClean(r);
    }
    expect(await exists(root)).toBe(false);
  });

  it('profiles import: exit 2, named, nothing saved', async () => {
    const configDir = join(dir, `config-${i}`);
    const r = await run(profilesCommand, ['import', file(), '--name', 'bad'], 'en', configDir);
    expect(r.code).toBe(2);
    expect(r.lines.join('\n')).toContain(c.en);
    expectClean(r);
    expect(await exists(configDir)).toBe(false);
  });
});

describe('--root that means what it says', () => {
  let answers: string;
  beforeAll(async () => {
    answers = join(dir, 'good.yaml');
    await writeFile(answers, BASE);
  });

  it.each([
    [
      'an empty --root',
      [''],
      '--root needs a directory: an empty value would mean / itself',
      '空值就等于 / 本身',
    ],
    ['a --root of spaces', ['  '], '--root needs a directory', '--root 需要一个目录'],
  ])('refuses %s with exit 2, in both languages', async (_what, [root], en, zh) => {
    for (const [command, extra] of [
      [applyCommand, ['--dry-run']],
      [applyCommand, []],
      [preflightCommand, []],
    ] as const) {
      const r = await run(command, ['--answers', answers, '--root', root!, ...extra], 'en');
      expect(r.code).toBe(2);
      expect(r.lines).toEqual([en + r.lines[0]!.slice(en.length)]);
      expect(r.lines.join('\n')).not.toMatch(/Would write \/etc/);
      const z = await run(command, ['--answers', answers, '--root', root!, ...extra], 'zh');
      expect(z.lines.join('\n')).toContain(zh);
    }
  });

  it('refuses a --root that names a file, or lies under one, with exit 2', async () => {
    const plain = join(dir, 'a-file');
    await writeFile(plain, 'x');
    for (const root of [plain, join(plain, 'sub')]) {
      for (const command of [applyCommand, preflightCommand]) {
        const r = await run(command, ['--answers', answers, '--root', root], 'en');
        expect(r.code).toBe(2);
        expect(r.lines).toEqual([
          `--root ${root} is not a directory; give a directory (it is created when it does not exist).`,
        ]);
      }
    }
    expect((await readdir(dir)).includes('sub')).toBe(false);
  });

  it('writes under a --root that does not exist yet', async () => {
    const root = join(dir, 'new-root', 'deeper');
    const r = await run(applyCommand, ['--answers', answers, '--root', root], 'en');
    expect(r.code).toBe(0);
    expect(await exists(join(root, 'etc/kubernetes/apiserver'))).toBe(true);
  });
});
