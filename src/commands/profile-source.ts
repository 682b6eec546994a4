import type { CommandContext } from '../context.js';
import { ExitError } from './exit.js';

/** The raw answers saved under a profile name (checked by the caller like an answers file). */
export async function loadProfileAnswers(ctx: CommandContext, name: string): Promise<unknown> {
  const { openProfileStore, ProfileStoreError } = await import('../profiles/store.js');
  let answers: unknown;
  try {
    answers = openProfileStore(ctx.configDir).get(name);
  } catch (error) {
    // a damaged store: say which file and why (it is left as it is), and stop
    if (!(error instanceof ProfileStoreError)) throw error;
    for (const line of error.describe(ctx.t)) ctx.err(line);
    throw new ExitError(1);
  }
  if (answers === undefined) {
    ctx.err(ctx.t('profiles.notFound', { name }));
    throw new ExitError(2);
  }
  return answers;
}
