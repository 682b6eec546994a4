import type { CommandContext } from '../context.js';
import { WriteError } from '../host/targets.js';

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
 * any, printed), 2 for a bad option (with the usage), 1 for a file that could not be
 * written or any other error of the file system (said in one line, never as a stack
 * trace), else undefined — not ours to handle.
 */
export function exitStatusOf(ctx: CommandContext, error: unknown, usage: string): number | undefined {
  if (error instanceof ExitError) {
    if (error.message) ctx.err(error.message);
    return error.exitCode;
  }
  if (error instanceof WriteError) {
    ctx.err(error.text(ctx.t));
    return 1;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    ctx.err(ctx.t('cli.badOption', { error: (error as Error).message }));
    ctx.err(usage);
    return 2;
  }
  // ENOENT, EACCES, ENOTDIR…: a system call failed; say which and stop
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    ctx.err(ctx.t('cli.systemError', { error: (error as Error).message }));
    return 1;
  }
  return undefined;
}
