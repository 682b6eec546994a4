import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `$XDG_CACHE_HOME/kmaster-wizard/NAME`, else `~/.cache/kmaster-wizard/NAME`; null when there is
 * no home to put it in. What is kept there (the code cache, the binaries' answers) is only ever
 * a shortcut: without it the program does the work again.
 */
export function userCacheDir(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  home: () => string = homedir,
): string | null {
  let base = env.XDG_CACHE_HOME;
  if (!base) {
    try {
      const h = home();
      if (!h) return null;
      base = join(h, '.cache');
    } catch {
      return null;
    }
  }
  return join(base, 'kmaster-wizard', name);
}
