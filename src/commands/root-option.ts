import type { CommandContext } from '../context.js';
import { nearestExisting } from '../host/targets.js';
import { ExitError } from './exit.js';

/**
 * `--root DIR` as the commands take it (apply, preflight, the wizard): a directory, or a
 * path where one will be created. An empty value (which would mean / itself) and a path
 * that names a file are refused, exit 2.
 */
export async function rootOption(ctx: CommandContext, root: string | undefined): Promise<string | undefined> {
  if (root === undefined) return undefined;
  if (root.trim() === '') {
    ctx.err(ctx.t('cli.rootEmpty'));
    throw new ExitError(2);
  }
  const found = await nearestExisting(root);
  if (found instanceof Error) {
    ctx.err(ctx.t('cli.rootUnusable', { root, error: found.message }));
    throw new ExitError(2);
  }
  // the directory itself, or the nearest part of it that exists, must be a directory
  if (found.kind !== 'dir') {
    ctx.err(ctx.t('cli.rootNotDir', { root }));
    throw new ExitError(2);
  }
  return root;
}
