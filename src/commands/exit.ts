import type { CommandContext } from '../context.js';

/** A failure already explained to the user: the CLI exits with this code and prints nothing more. */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
  }
}

/**
 * Turns what a command threw into its exit status: an ExitError's code (its message, if
 * any, printed), 2 for a bad option (with the usage), else undefined — not ours to handle.
 */
export function exitStatusOf(ctx: CommandContext, error: unknown, usage: string): number | undefined {
  if (error instanceof ExitError) {
    if (error.message) ctx.err(error.message);
    return error.exitCode;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    ctx.err(ctx.t('cli.badOption', { error: (error as Error).message }));
    ctx.err(usage);
    return 2;
  }
  return undefined;
}
