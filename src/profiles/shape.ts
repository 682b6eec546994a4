import { z } from 'zod';
import type { MessageKey } from '../i18n/index.js';
import { ProfileStoreError } from './errors.js';
import { isProfileName } from './names.js';

/**
 * The store file: `{"profiles": {NAME: {"savedAt": ISO time, "answers": {...}}},
 * "__internal__": {"migrations": {"version": "N.0.0"}}}`. The format version N is the
 * major part of conf's migration version; a file without one is version 1.
 */
export const STORE_VERSION = 2;

export interface StoredProfile {
  savedAt: string;
  answers: Record<string, unknown>;
}

export interface StoreData {
  profiles: Record<string, StoredProfile>;
}

const plainObject = z.custom<Record<string, unknown>>(
  (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
);

const entry = z.strictObject({
  savedAt: z.iso.datetime({ offset: true }),
  answers: plainObject,
});

const fileShape = z.strictObject({
  profiles: z.record(z.string(), entry).optional(),
  __internal__: z
    .looseObject({
      migrations: z.looseObject({ version: z.string().regex(/^\d+\.\d+\.\d+$/) }).optional(),
    })
    .optional(),
});

type FileShape = z.infer<typeof fileShape>;

function expectedAt(path: readonly PropertyKey[]): MessageKey {
  if (path.length === 0) return 'profiles.expected.root';
  if (path[0] === '__internal__') return 'profiles.expected.internal';
  if (path.length === 1) return 'profiles.expected.profiles';
  if (path.length === 2) return 'profiles.expected.entry';
  return path[2] === 'savedAt' ? 'profiles.expected.savedAt' : 'profiles.expected.answers';
}

/** The format version a parsed file declares (1 when it declares none). */
export function versionOf(data: FileShape): number {
  const v = data.__internal__?.migrations?.version;
  return v === undefined ? 1 : Number(v.split('.')[0]);
}

/**
 * Reads the text of the store file. Bad JSON, a wrong shape, a name that is not a profile
 * name, or a format newer than this program reads: a ProfileStoreError naming the file.
 */
export function parseStoreText(path: string, text: string): FileShape & { version: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ProfileStoreError('profiles.store.badJson', { path, error: (error as Error).message });
  }
  const result = fileShape.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    throw new ProfileStoreError(
      'profiles.store.badShape',
      { path, where },
      { nested: { expected: expectedAt(issue.path) } },
    );
  }
  for (const name of Object.keys(result.data.profiles ?? {})) {
    if (!isProfileName(name)) throw new ProfileStoreError('profiles.store.badName', { path, name });
  }
  const version = versionOf(result.data);
  if (version > STORE_VERSION) {
    throw new ProfileStoreError('profiles.store.newer', {
      path,
      version,
      supported: STORE_VERSION,
    });
  }
  return { ...result.data, version };
}
