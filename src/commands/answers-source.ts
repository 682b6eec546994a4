import { parse as parseYaml } from 'yaml';
import type { CommandContext } from '../context.js';
import { readText } from '../host/files.js';
import type { Answers } from '../model/answers.js';
import { describeProblem } from '../model/issues.js';
import { parseAnswers } from '../model/parse-answers.js';
import { ExitError } from './exit.js';
import { loadProfileAnswers } from './profile-source.js';

/** Reads an answers file (YAML or JSON: JSON is YAML) without checking it. */
export async function readAnswersFile(ctx: CommandContext, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    ctx.err(ctx.t('invalid.file', { file, error: (error as Error).message }));
    throw new ExitError(2);
  }
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    ctx.err(ctx.t('invalid.fileFormat', { file, error: (error as Error).message.split('\n')[0]! }));
    throw new ExitError(2);
  }
}

/** Checks raw answers; on problems prints each one (field, value, what is accepted) and exits 2. */
export function checkAnswers(ctx: CommandContext, raw: unknown): Answers {
  const result = parseAnswers(raw);
  if (result.ok) return result.answers;
  ctx.err(ctx.t('invalid.header'));
  for (const p of result.problems) ctx.err(`  ${describeProblem(p, ctx.t)}`);
  throw new ExitError(2);
}

/**
 * The raw answers named on the command line: `--answers FILE` or `--profile NAME` (not both;
 * exit 2). Without either, `fallback` decides (undefined: the caller reports what is missing).
 */
export async function readAnswersSource(
  ctx: CommandContext,
  source: { answers?: string | undefined; profile?: string | undefined },
  fallback?: () => Promise<unknown>,
): Promise<unknown> {
  if (source.answers && source.profile) {
    ctx.err(ctx.t('cli.bothSources'));
    throw new ExitError(2);
  }
  if (source.answers) return readAnswersFile(ctx, source.answers);
  if (source.profile) return loadProfileAnswers(ctx, source.profile);
  return fallback?.();
}
