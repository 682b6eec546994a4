import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { decodeUtf8 } from '../format/utf8.js';
import type { AnswersInput } from '../model/answers.js';
import { normalisedInput, parseAnswers } from '../model/parse-answers.js';
import { backupStoreFile } from './backup.js';
import { ProfileStoreError } from './errors.js';
import { defaultConfigDir, STORE_FILE, STORE_NAME } from './location.js';
import { MIGRATIONS } from './migrations.js';
import { isProfileName, profileNameProblem } from './names.js';
import { parseStoreText, STORE_VERSION, type StoreData, type StoredProfile } from './shape.js';

export { ProfileStoreError } from './errors.js';
export { isProfileName, profileNameProblem } from './names.js';

/**
 * Saved answers by name, kept with conf in one JSON file (`profiles.json` in the config
 * directory). The file has a format version with migrations for older versions; a store
 * that cannot be read is reported and never reset; every overwrite is atomic (conf) and
 * keeps a backup of the previous file beside it.
 */
export interface ProfileSummary {
  name: string;
  /** ISO time of the last save */
  savedAt: string;
  advertiseAddress?: string;
  kubernetesVersion?: string;
}

export interface ProfileStore {
  /** the store file */
  path: string;
  /** every profile, sorted by name */
  list(): ProfileSummary[];
  /** the answers saved under the name, as they were saved (check them with parseAnswers) */
  get(name: string): unknown | undefined;
  /** checks the name and the answers, then saves them (replacing a profile of that name) */
  save(name: string, answers: AnswersInput): void;
  /** false when there was no such profile */
  delete(name: string): boolean;
}

export interface OpenOptions {
  now?: () => Date;
}

function ioError(path: string, error: unknown): ProfileStoreError {
  if (error instanceof ProfileStoreError) return error;
  return new ProfileStoreError('profiles.store.io', { path, error: (error as Error).message });
}

/**
 * The store file as it is, checked before conf sees it: conf reads text leniently (a byte
 * that is not UTF-8 would become U+FFFD, and the next save would write that back).
 */
function readExisting(path: string): { text: string; version: number } | null {
  if (!existsSync(path)) return null;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw ioError(path, error);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    throw new ProfileStoreError('profiles.store.badEncoding', {
      path,
      line: decoded.line,
      byte: decoded.byte,
    });
  }
  return { text: decoded.text, version: parseStoreText(path, decoded.text).version };
}

/**
 * Opens the store in `configDir` (from --config-dir or KMW_CONFIG_DIR), else in conf's
 * location for kmaster-wizard. Throws ProfileStoreError when the file cannot be used; the
 * file is then left untouched.
 */
export function openProfileStore(configDir?: string, options: OpenOptions = {}): ProfileStore {
  const now = options.now ?? (() => new Date());
  const dir = configDir ?? defaultConfigDir();
  const path = join(dir, STORE_FILE);

  // Check the file before conf sees it: conf would rewrite a store it is about to migrate.
  const before = readExisting(path);
  if (before && before.version < STORE_VERSION) {
    try {
      backupStoreFile(path, now());
    } catch (error) {
      throw ioError(path, error);
    }
  }

  // conf writes its defaults on opening: open it only once there is a store or something to
  // save, so that listing or reading an absent store creates nothing.
  let opened: Conf<StoreData> | undefined;
  const conf = (): Conf<StoreData> => {
    opened ??= openConf(dir, path);
    return opened;
  };
  if (before) conf();

  const read = (): Map<string, StoredProfile> => {
    if (!opened && !existsSync(path)) return new Map();
    try {
      return new Map(Object.entries(conf().get('profiles') ?? {}));
    } catch (error) {
      throw ioError(path, error);
    }
  };
  /** Replaces the profiles; the file before is backed up unless it held none. */
  const write = (
    before: Map<string, StoredProfile>,
    profiles: Map<string, StoredProfile>,
    at: Date,
  ): void => {
    const store = conf();
    try {
      if (before.size > 0) backupStoreFile(path, at);
      store.set('profiles', Object.fromEntries(profiles));
    } catch (error) {
      throw ioError(path, error);
    }
  };
  return {
    path,
    list() {
      return [...read()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, p]) => {
          const summary: ProfileSummary = { name, savedAt: p.savedAt };
          if (typeof p.answers.advertiseAddress === 'string')
            summary.advertiseAddress = p.answers.advertiseAddress;
          if (typeof p.answers.kubernetesVersion === 'string')
            summary.kubernetesVersion = p.answers.kubernetesVersion;
          return summary;
        });
    },
    get(name) {
      const p = read().get(name);
      return p === undefined ? undefined : structuredClone(p.answers);
    },
    save(name, answers) {
      const bad = profileNameProblem(name);
      if (bad) throw new ProfileStoreError(bad.key, bad.params);
      const checked = parseAnswers(answers);
      if (!checked.ok) {
        throw new ProfileStoreError('profiles.answers.invalid', { name }, { problems: checked.problems });
      }
      const before = read();
      const profiles = new Map(before);
      // the values as the checks normalised them, as a JSON copy: exactly what will be read back
      const saved = JSON.parse(JSON.stringify(normalisedInput(answers, checked.answers))) as Record<
        string,
        unknown
      >;
      const at = now();
      profiles.set(name, { savedAt: at.toISOString(), answers: saved });
      write(before, profiles, at);
    },
    delete(name) {
      if (!isProfileName(name)) return false;
      const before = read();
      const profiles = new Map(before);
      if (!profiles.delete(name)) return false;
      write(before, profiles, now());
      return true;
    },
  };
}

function openConf(dir: string, path: string): Conf<StoreData> {
  try {
    return new Conf<StoreData>({
      cwd: dir,
      configName: STORE_NAME,
      projectVersion: `${STORE_VERSION}.0.0`,
      migrations: MIGRATIONS,
      defaults: { profiles: {} },
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
      configFileMode: 0o600,
      serialize: (value) => `${JSON.stringify(value, null, 2)}\n`,
      deserialize: (text) => {
        const { version: _version, ...data } = parseStoreText(path, text);
        return data as StoreData;
      },
    });
  } catch (error) {
    if (error instanceof ProfileStoreError) throw error;
    const message = (error as Error).message;
    if (message.includes('migration')) {
      throw new ProfileStoreError('profiles.store.migrationFailed', {
        path,
        supported: STORE_VERSION,
        error: message,
      });
    }
    throw ioError(path, error);
  }
}
