import { type CommandContext, ExitError } from './context.js';

/** The raw answers saved under a profile name (checked by the caller like an answers file). */
export async function loadProfileAnswers(ctx: CommandContext, name: string): Promise<unknown> {
  const { openProfileStore } = await import('../profiles/store.js');
  const store = openProfileStore(ctx.configDir);
  const answers = store.get(name);
  if (answers === undefined) {
    ctx.err(ctx.t('profiles.notFound', { name }));
    throw new ExitError(2);
  }
  return answers;
}
