import { homedir } from 'node:os';
import { join } from 'node:path';

export const PROJECT_NAME = 'kmaster-wizard';
export const STORE_NAME = 'profiles';
export const STORE_FILE = `${STORE_NAME}.json`;

/**
 * Where profiles are kept when neither --config-dir nor KMW_CONFIG_DIR says: conf's own
 * location for the project on Linux (env-paths: $XDG_CONFIG_HOME/kmaster-wizard, else
 * ~/.config/kmaster-wizard).
 */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), PROJECT_NAME);
}
