import { basename, parse as parsePath } from 'node:path';
import { parseArgs } from 'node:util';
import { Document, stringify } from 'yaml';
import type { CommandContext } from '../context.js';
import { displayWidth, padEnd } from '../format/width.js';
import { backup, backupStamp, readCurrent, writeAtomic } from '../host/files.js';
import { shownText } from '../i18n/terminal-text.js';
import type { AnswersInput } from '../model/answers.js';
import { describeProblems } from '../model/issues.js';
import { parseAnswers } from '../model/parse-answers.js';
import {
  isProfileName,
  openProfileStore,
  type ProfileStore,
  ProfileStoreError,
  type ProfileSummary,
} from '../profiles/store.js';
import { readAnswersFile } from './answers-source.js';
import { ExitError, exitStatusOf } from './exit.js';

/**
 * `kmaster-wizard profiles list | show NAME | export NAME [FILE] | import FILE [--name NAME]
 * | delete NAME`. Exit status: 0 done, 1 the store cannot be used, 2 bad usage, an unknown
 * profile or invalid answers (nothing written).
 */
export async function profilesCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  try {
    return await run(ctx, argv);
  } catch (error) {
    const status = exitStatusOf(ctx, error, ctx.t('profiles.cmd.usage'));
    if (status !== undefined) return status;
    if (error instanceof ProfileStoreError) {
      for (const line of error.describe(ctx.t)) ctx.err(line);
      return error.key === 'profiles.name.invalid' || error.key === 'profiles.answers.invalid' ? 2 : 1;
    }
    throw error;
  }
}

async function run(ctx: CommandContext, argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'list':
      return list(ctx, positionals(ctx, 'list', rest, 0, 0));
    case 'show':
      return show(ctx, positionals(ctx, 'show', rest, 1, 1)[0]!);
    case 'export': {
      const [name, file] = positionals(ctx, 'export', rest, 1, 2);
      return exportProfile(ctx, name!, file);
    }
    case 'import':
      return importProfile(ctx, rest);
    case 'delete':
      return remove(ctx, positionals(ctx, 'delete', rest, 1, 1)[0]!);
    default:
      if (command !== undefined) ctx.err(ctx.t('profiles.cmd.unknown', { command }));
      ctx.err(ctx.t('profiles.cmd.usage'));
      return 2;
  }
}

function positionals(
  ctx: CommandContext,
  command: string,
  args: string[],
  min: number,
  max: number,
): string[] {
  const { positionals: words } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  if (words.length < min) {
    ctx.err(ctx.t('profiles.cmd.needName', { command }));
    ctx.err(ctx.t('profiles.cmd.usage'));
    throw new ExitError(2);
  }
  if (words.length > max) {
    ctx.err(ctx.t('profiles.cmd.tooMany', { command, extra: words.slice(max).join(' ') }));
    throw new ExitError(2);
  }
  return words;
}

function open(ctx: CommandContext): ProfileStore {
  return openProfileStore(ctx.configDir);
}

/** The saved answers of a profile; an unknown or invalid name exits 2. */
function answersOf(ctx: CommandContext, store: ProfileStore, name: string): unknown {
  if (!isProfileName(name)) {
    ctx.err(ctx.t('profiles.name.invalid', { name }));
    throw new ExitError(2);
  }
  const answers = store.get(name);
  if (answers === undefined) {
    ctx.err(ctx.t('profiles.notFound', { name }));
    throw new ExitError(2);
  }
  return answers;
}

/** The widest cell of a value from the store. */
const SHOWN_CELL = 40;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : padEnd(cell, widths[i]! + 2)))
      .join('')
      .trimEnd(),
  );
}

function list(ctx: CommandContext, _args: string[]): number {
  const store = open(ctx);
  const profiles = store.list();
  if (profiles.length === 0) {
    ctx.out(ctx.t('profiles.list.empty', { path: store.path }));
    return 0;
  }
  const unset = ctx.t('profiles.list.unset');
  const rows = [
    [
      ctx.t('profiles.list.header.name'),
      ctx.t('profiles.list.header.savedAt'),
      ctx.t('profiles.list.header.advertise'),
      ctx.t('profiles.list.header.version'),
    ],
    ...profiles.map((p: ProfileSummary) => [
      p.name,
      p.savedAt.replace(/\.\d+Z$/, 'Z'),
      // what the store holds is shown escaped and cut: a damaged store may hold anything
      p.advertiseAddress === undefined ? unset : shownText(p.advertiseAddress, SHOWN_CELL),
      p.kubernetesVersion === undefined ? unset : shownText(p.kubernetesVersion, SHOWN_CELL),
    ]),
  ];
  for (const line of table(rows)) ctx.out(line);
  ctx.out(ctx.t('profiles.list.store', { path: store.path }));
  return 0;
}

function show(ctx: CommandContext, name: string): number {
  const store = open(ctx);
  ctx.out(stringify(answersOf(ctx, store, name)).trimEnd());
  return 0;
}

/** The YAML of an export: a comment saying what it is, then the answers. */
export function exportText(ctx: CommandContext, name: string, savedAt: string, answers: unknown): string {
  const doc = new Document(answers);
  doc.commentBefore = ` ${ctx.t('profiles.export.header', { name, savedAt })}`;
  return doc.toString();
}

async function exportProfile(ctx: CommandContext, name: string, file: string | undefined): Promise<number> {
  const store = open(ctx);
  const answers = answersOf(ctx, store, name);
  const savedAt = store.list().find((p) => p.name === name)?.savedAt ?? '';
  const text = exportText(ctx, name, savedAt, answers);
  if (file === undefined) {
    ctx.out(text.trimEnd());
    return 0;
  }
  try {
    const current = await readCurrent(file);
    const saved = current ? await backup(file, backupStamp(new Date())) : null;
    await writeAtomic(file, text, current?.mode ?? 0o644);
    ctx.out(ctx.t('profiles.export.wrote', { name, file }));
    if (saved) ctx.out(ctx.t('profiles.export.backup', { file, backup: saved }));
  } catch (error) {
    ctx.err(ctx.t('profiles.export.failed', { file, error: (error as Error).message }));
    return 1;
  }
  return 0;
}

async function importProfile(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals: words } = parseArgs({
    args,
    options: { name: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (words.length === 0) {
    ctx.err(ctx.t('profiles.cmd.needFile'));
    ctx.err(ctx.t('profiles.cmd.usage'));
    return 2;
  }
  if (words.length > 1) {
    ctx.err(ctx.t('profiles.cmd.tooMany', { command: 'import', extra: words.slice(1).join(' ') }));
    return 2;
  }
  const file = words[0]!;
  const name = values.name ?? parsePath(file).name;
  if (!isProfileName(name)) {
    ctx.err(
      values.name === undefined
        ? ctx.t('profiles.import.nameFromFile', { file: basename(file) })
        : ctx.t('profiles.name.invalid', { name }),
    );
    return 2;
  }
  const raw = await readAnswersFile(ctx, file);
  const checked = parseAnswers(raw.data, raw.notes);
  if (!checked.ok) {
    ctx.err(ctx.t('profiles.answers.invalid', { name }));
    for (const line of describeProblems(checked.problems, ctx.t)) ctx.err(line);
    return 2;
  }
  const store = open(ctx);
  const existed = store.get(name) !== undefined;
  store.save(name, raw.data as AnswersInput);
  ctx.out(
    existed
      ? ctx.t('profiles.import.replaced', { file, name, path: store.path })
      : ctx.t('profiles.import.saved', { file, name }),
  );
  return 0;
}

function remove(ctx: CommandContext, name: string): number {
  const store = open(ctx);
  answersOf(ctx, store, name);
  store.delete(name);
  ctx.out(ctx.t('profiles.delete.done', { name, path: store.path }));
  return 0;
}
