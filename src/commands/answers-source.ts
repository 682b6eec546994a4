import type { ParseArgsConfig } from 'node:util';
import type { CommandContext } from '../context.js';
import { readAtMost } from '../host/files.js';
import type { Answers } from '../model/answers.js';
import { MAX_ANSWERS_BYTES, readAnswersBytes } from '../model/answers-file.js';
import { acceptedText, describeProblems } from '../model/issues.js';
import { parseAnswers, type ReadNotes } from '../model/parse-answers.js';
import { applySets, parseSets, type SetProblem, type SetValue, touches } from '../model/set-values.js';
import { ExitError } from './exit.js';
import { loadProfileAnswers } from './profile-source.js';

/** Raw answers (not yet checked) and what reading their file noted (see answers-file.ts). */
export interface RawAnswers {
  data: unknown;
  notes: ReadNotes;
}

/**
 * Reads an answers file (YAML or JSON: JSON is YAML) without checking its values. A file
 * that is not an answers file (too large, not UTF-8, not YAML, several documents, too
 * deep, empty) is reported in one sentence naming it, and the command exits 2.
 */
export async function readAnswersFile(ctx: CommandContext, file: string): Promise<RawAnswers> {
  let read: Awaited<ReturnType<typeof readAtMost>>;
  try {
    read = await readAtMost(file, MAX_ANSWERS_BYTES);
  } catch (error) {
    ctx.err(ctx.t('invalid.file', { file, error: (error as Error).message }));
    throw new ExitError(2);
  }
  const result = read.more
    ? ({ ok: false, problem: { key: 'invalid.tooBig', params: { max: '1 MiB' } } } as const)
    : readAnswersBytes(read.bytes);
  if (!result.ok) {
    const { problem } = result;
    ctx.err(acceptedText({ ...problem, params: { ...problem.params, file } }, ctx.t));
    throw new ExitError(2);
  }
  return { data: result.data, notes: { written: result.written, problems: result.problems } };
}

/**
 * Checks raw answers; on problems prints each one (field, value, what is accepted) and exits 2.
 * `writes`: the command would write files, so the header says that nothing was (status and
 * preflight only read, and say nothing about writing).
 */
export function checkAnswers(ctx: CommandContext, raw: RawAnswers, writes: boolean): Answers {
  const result = parseAnswers(raw.data, raw.notes);
  if (result.ok) return result.answers;
  ctx.err(ctx.t(writes ? 'invalid.header' : 'invalid.headerRead'));
  for (const line of describeProblems(result.problems, ctx.t)) ctx.err(line);
  throw new ExitError(2);
}

export interface AnswersSource {
  answers?: string | undefined;
  profile?: string | undefined;
  /** --set KEY=VALUE, in the order given */
  set?: string[] | undefined;
}

/**
 * The raw answers named on the command line: `--answers FILE` or `--profile NAME` (not both;
 * exit 2), with every `--set KEY=VALUE` applied on top. Without either, `fallback` decides
 * (undefined: the caller reports what is missing; --set alone is then not enough).
 */
export async function readAnswersSource(
  ctx: CommandContext,
  source: AnswersSource,
): Promise<RawAnswers | undefined>;
export async function readAnswersSource(
  ctx: CommandContext,
  source: AnswersSource,
  fallback: () => Promise<object>,
): Promise<RawAnswers>;
export async function readAnswersSource(
  ctx: CommandContext,
  source: AnswersSource,
  fallback?: () => Promise<object>,
): Promise<RawAnswers | undefined> {
  if (source.answers && source.profile) {
    ctx.err(ctx.t('cli.bothSources'));
    throw new ExitError(2);
  }
  const sets = checkSets(ctx, source.set ?? []);
  let raw: RawAnswers | undefined;
  if (source.answers !== undefined) raw = await readAnswersFile(ctx, source.answers);
  else {
    const data =
      source.profile !== undefined ? await loadProfileAnswers(ctx, source.profile) : await fallback?.();
    raw = data === undefined ? undefined : { data, notes: {} };
  }
  if (raw === undefined || sets.length === 0) return raw;
  return { data: withSets(ctx, raw.data, sets), notes: notesWithout(raw.notes, sets) };
}

/** What reading the file noted, except at the fields a --set replaced. */
function notesWithout(notes: ReadNotes, sets: readonly SetValue[]): ReadNotes {
  const replaced = (field: string) => sets.some((s) => touches(field, s.key));
  const out: ReadNotes = {};
  const written = notes.written;
  if (written) out.written = (path) => (replaced(path.map(String).join('.')) ? undefined : written(path));
  if (notes.problems) out.problems = notes.problems.filter((p) => !replaced(p.field));
  return out;
}

/** The --set values, parsed; a malformed one is reported (exit 2) before anything is read. */
export function checkSets(ctx: CommandContext, given: readonly string[]): SetValue[] {
  const parsed = parseSets(given);
  if (parsed.ok) return parsed.sets;
  for (const p of parsed.problems) ctx.err(describeSetProblem(p, ctx.t));
  throw new ExitError(2);
}

/** Raw answers with the sets applied; a key that runs through a plain value exits 2. */
export function withSets(ctx: CommandContext, raw: unknown, sets: readonly SetValue[]): unknown {
  const r = applySets(raw, sets);
  if (r.ok) return r.raw;
  ctx.err(describeSetProblem(r.problem, ctx.t));
  throw new ExitError(2);
}

export function describeSetProblem(p: SetProblem, t: CommandContext['t']): string {
  switch (p.kind) {
    case 'syntax':
      return t('cli.set.syntax', { given: p.given });
    case 'key':
      return t('cli.set.key', { given: p.given, key: p.key });
    case 'value':
      return t('cli.set.value', { given: p.given, error: p.error });
    case 'path':
      return t('cli.set.path', { key: p.key, at: p.at });
  }
}

/**
 * For the wizard, which applies the sets to whatever answers it starts from: each set value
 * checked on its own (on the seed's example answers), so that a refused value stops the
 * wizard before it starts, exactly as it stops `apply`. Values that are refused only together
 * with the loaded answers are shown at their field in the wizard.
 */
export async function checkSetsAlone(ctx: CommandContext, sets: readonly SetValue[]): Promise<void> {
  if (sets.length === 0) return;
  const raw = withSets(ctx, await seedMustChange(), sets);
  const result = parseAnswers(raw);
  if (result.ok) return;
  const mine = result.problems.filter((p) => sets.some((s) => touches(p.field, s.key)));
  if (mine.length === 0) return;
  ctx.err(ctx.t('invalid.setHeader'));
  for (const line of describeProblems(mine, ctx.t)) ctx.err(line);
  throw new ExitError(2);
}

/** Without answers, the seed's must-change values (what the seed's hosts run). */
export async function seedMustChange(): Promise<object> {
  return (await import('../model/seed.js')).seedMustChangeAnswers();
}

/** The options that name the answers: --answers FILE or --profile NAME, and any --set KEY=VALUE. */
export const ANSWERS_OPTIONS = {
  answers: { type: 'string' },
  profile: { type: 'string' },
  set: { type: 'string', multiple: true, default: [] as string[] },
} satisfies ParseArgsConfig['options'];
