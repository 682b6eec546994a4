import type { MessageKey, Params } from '../i18n/index.js';

/**
 * Profile names: 1 to 64 letters, digits, dots, underscores or hyphens, starting with a
 * letter or digit (so no name is hidden, empty, a path, or a key like __proto__).
 */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

/** null when the name is accepted, else the message saying what is accepted. */
export function profileNameProblem(name: string): { key: MessageKey; params: Params } | null {
  return isProfileName(name) ? null : { key: 'profiles.name.invalid', params: { name } };
}
