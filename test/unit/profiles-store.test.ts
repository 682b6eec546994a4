import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { STORE_BACKUPS_KEPT } from '../../src/profiles/backup.js';
import { defaultConfigDir } from '../../src/profiles/location.js';
import { groupCertPaths } from '../../src/profiles/migrations.js';
import { openProfileStore, ProfileStoreError } from '../../src/profiles/store.js';

const answers = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: ['https://192.168.50.101:2379', 'https://192.168.50.102:2379', 'https://192.168.50.1:2379'],
};

let dir: string;
const clock = () => {
  let t = Date.parse('2026-01-31T12:00:00.000Z');
  return () => {
    t += 1000;
    return new Date(t);
  };
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kmw-profiles-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const storeFile = () => join(dir, 'profiles.json');
const backups = () => readdirSync(dir).filter((f) => f.startsWith('profiles.json.bak-'));

function catchError(fn: () => unknown): ProfileStoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProfileStoreError) return error;
    throw error;
  }
  throw new Error('expected a ProfileStoreError');
}

describe('profile store', () => {
  it('saves, lists and reads back answers across openings', () => {
    const store = openProfileStore(dir, { now: clock() });
    expect(store.path).toBe(storeFile());
    expect(store.list()).toEqual([]);
    store.save('master-2', { ...answers, advertiseAddress: '192.168.50.102', bindAddress: '0.0.0.0' });
    store.save('master-1', answers);

    const again = openProfileStore(dir);
    expect(again.get('master-1')).toEqual(answers);
    expect(again.get('nope')).toBeUndefined();
    expect(again.list()).toEqual([
      {
        name: 'master-1',
        savedAt: '2026-01-31T12:00:02.000Z',
        advertiseAddress: '192.168.50.101',
        kubernetesVersion: '1.13',
      },
      {
        name: 'master-2',
        savedAt: '2026-01-31T12:00:01.000Z',
        advertiseAddress: '192.168.50.102',
        kubernetesVersion: '1.13',
      },
    ]);
    const file = JSON.parse(readFileSync(storeFile(), 'utf8'));
    expect(file.__internal__.migrations.version).toBe('2.0.0');
    expect(statSync(storeFile()).mode & 0o777).toBe(0o600);
    expect(Object.keys(file.profiles).sort()).toEqual(['master-1', 'master-2']);
    // the copy handed out is not the stored one
    (again.get('master-1') as { securePort: number }).securePort = 1;
    expect((again.get('master-1') as { securePort: number }).securePort).toBe(6443);
  });

  it('keeps a backup of the previous file at every overwrite', () => {
    const store = openProfileStore(dir, { now: clock() });
    store.save('a', answers);
    expect(backups()).toEqual([]);
    const first = readFileSync(storeFile(), 'utf8');
    store.save('a', { ...answers, securePort: 7443 });
    expect(backups()).toHaveLength(1);
    expect(readFileSync(join(dir, backups()[0]!), 'utf8')).toBe(first);
    const second = readFileSync(storeFile(), 'utf8');
    expect(store.delete('a')).toBe(true);
    expect(backups()).toHaveLength(2);
    expect(backups().map((b) => readFileSync(join(dir, b), 'utf8'))).toContain(second);
    expect(store.get('a')).toBeUndefined();
    expect(store.delete('a')).toBe(false);
    expect(backups()).toHaveLength(2);
  });

  it(`keeps the newest ${STORE_BACKUPS_KEPT} backups`, () => {
    const store = openProfileStore(dir, { now: () => new Date('2026-01-31T12:00:00Z') });
    for (let i = 0; i < STORE_BACKUPS_KEPT + 5; i++) store.save('a', { ...answers, securePort: 7000 + i });
    const kept = backups();
    expect(kept).toHaveLength(STORE_BACKUPS_KEPT);
    // the newest backup holds the file before the last save
    const ports = kept.map(
      (b) => JSON.parse(readFileSync(join(dir, b), 'utf8')).profiles.a.answers.securePort,
    );
    expect(Math.max(...ports)).toBe(7000 + STORE_BACKUPS_KEPT + 3);
    expect(Math.min(...ports)).toBe(7000 + 4);
  });

  it('migrates a version 1 store (flat certificate paths) and keeps the old file as a backup', () => {
    const v1 = `${JSON.stringify(
      {
        profiles: {
          'master-1': {
            savedAt: '2025-06-01T08:00:00.000Z',
            answers: {
              ...answers,
              caFile: '/srv/pki/ca.pem',
              etcdCertFile: '/srv/pki/etcd.pem',
              etcdKeyFile: '/srv/pki/etcd-key.pem',
            },
          },
        },
        __internal__: { migrations: { version: '1.0.0' } },
      },
      null,
      '\t',
    )}\n`;
    writeFileSync(storeFile(), v1);
    const store = openProfileStore(dir, { now: clock() });
    const migrated = store.get('master-1');
    expect(migrated).toEqual({
      ...answers,
      certs: {
        caFile: '/srv/pki/ca.pem',
        etcdCertFile: '/srv/pki/etcd.pem',
        etcdKeyFile: '/srv/pki/etcd-key.pem',
      },
    });
    const parsed = parseAnswers(migrated);
    expect(parsed.ok && parsed.answers.certs.etcdCertFile).toBe('/srv/pki/etcd.pem');
    expect(store.list()[0]!.savedAt).toBe('2025-06-01T08:00:00.000Z');
    expect(JSON.parse(readFileSync(storeFile(), 'utf8')).__internal__.migrations.version).toBe('2.0.0');
    expect(backups()).toHaveLength(1);
    expect(readFileSync(join(dir, backups()[0]!), 'utf8')).toBe(v1);
    // opening a current store again changes nothing
    const now = readFileSync(storeFile(), 'utf8');
    openProfileStore(dir).list();
    expect(readFileSync(storeFile(), 'utf8')).toBe(now);
    expect(backups()).toHaveLength(1);
  });

  it('treats a store without a format version as version 1', () => {
    writeFileSync(
      storeFile(),
      JSON.stringify({
        profiles: {
          m: { savedAt: '2025-06-01T08:00:00.000Z', answers: { ...answers, caKeyFile: '/k/ca-key.pem' } },
        },
      }),
    );
    expect(openProfileStore(dir).get('m')).toEqual({ ...answers, certs: { caKeyFile: '/k/ca-key.pem' } });
  });

  it('the version 1 migration never loses a value that conflicts with the certs group', () => {
    expect(
      groupCertPaths({ caFile: '/a.pem', certs: { caFile: '/b.pem', etcdCaFile: '/e.pem' }, x: 1 }),
    ).toEqual({
      caFile: '/a.pem',
      x: 1,
      certs: { caFile: '/b.pem', etcdCaFile: '/e.pem' },
    });
    expect(groupCertPaths({ caFile: '/a.pem', certs: { caFile: '/a.pem' } })).toEqual({
      certs: { caFile: '/a.pem' },
    });
    expect(groupCertPaths({ securePort: 6443 })).toEqual({ securePort: 6443 });
  });

  const corrupt: Array<[string, string, string]> = [
    ['bad JSON', '{"profiles": {"a": ', 'profiles.store.badJson'],
    ['an array', '[]', 'profiles.store.badShape'],
    ['profiles not an object', '{"profiles": [1, 2]}', 'profiles.store.badShape'],
    ['an entry without savedAt', '{"profiles": {"a": {"answers": {}}}}', 'profiles.store.badShape'],
    [
      'answers not an object',
      '{"profiles": {"a": {"savedAt": "2026-01-01T00:00:00Z", "answers": "x"}}}',
      'profiles.store.badShape',
    ],
    ['an unknown top-level key', '{"profiles": {}, "other": 1}', 'profiles.store.badShape'],
    [
      'a bad profile name',
      '{"profiles": {"../x": {"savedAt": "2026-01-01T00:00:00Z", "answers": {}}}}',
      'profiles.store.badName',
    ],
    [
      'a newer format',
      '{"profiles": {}, "__internal__": {"migrations": {"version": "3.0.0"}}}',
      'profiles.store.newer',
    ],
  ];
  it.each(corrupt)(
    'refuses a store holding %s, naming the file, and leaves it byte for byte',
    (_what, text, key) => {
      writeFileSync(storeFile(), text);
      const error = catchError(() => openProfileStore(dir));
      expect(error.key).toBe(key);
      expect(error.message).toContain(storeFile());
      expect(error.describe(translator('zh'))[0]).toContain(storeFile());
      expect(readFileSync(storeFile(), 'utf8')).toBe(text);
      expect(readdirSync(dir)).toEqual(['profiles.json']);
    },
  );

  it('refuses a store damaged after it was opened, without overwriting it', () => {
    const store = openProfileStore(dir);
    store.save('a', answers);
    writeFileSync(storeFile(), '{ not json');
    expect(catchError(() => store.list()).key).toBe('profiles.store.badJson');
    expect(catchError(() => store.save('b', answers)).key).toBe('profiles.store.badJson');
    expect(catchError(() => store.delete('a')).key).toBe('profiles.store.badJson');
    expect(readFileSync(storeFile(), 'utf8')).toBe('{ not json');
  });

  it.each(['', 'a'.repeat(65), '../etc', 'with space', '__proto__', '.hidden', '-x', 'a/b', '名字'])(
    'refuses the profile name %j and writes nothing',
    (name) => {
      const store = openProfileStore(dir);
      store.save('master-101', answers);
      const before = readFileSync(storeFile(), 'utf8');
      const error = catchError(() => store.save(name, answers));
      expect(error.key).toBe('profiles.name.invalid');
      expect(error.message).toContain('1 to 64 letters, digits');
      expect(error.text(translator('zh'))).toContain('1 到 64 个字母');
      expect(readFileSync(storeFile(), 'utf8')).toBe(before);
      expect(store.get(name)).toBeUndefined();
      expect(store.delete(name)).toBe(false);
    },
  );

  it('accepts names of 1 to 64 letters, digits, dots, underscores and hyphens', () => {
    const store = openProfileStore(dir);
    for (const name of ['m', 'master-1', 'prod.master_2', 'a'.repeat(64), '1st']) store.save(name, answers);
    expect(store.list().map((p) => p.name)).toEqual([
      '1st',
      'a'.repeat(64),
      'm',
      'master-1',
      'prod.master_2',
    ]);
  });

  it('refuses invalid answers, naming each field, and writes nothing', () => {
    const store = openProfileStore(dir);
    store.save('a', answers);
    const before = readFileSync(storeFile(), 'utf8');
    const error = catchError(() =>
      store.save('a', { ...answers, advertiseAddress: '300.1.1.1', securePort: 0 } as never),
    );
    expect(error.key).toBe('profiles.answers.invalid');
    expect(new Set(error.problems.map((p) => p.field))).toEqual(new Set(['advertiseAddress', 'securePort']));
    const lines = error.describe(translator('en'));
    expect(lines[0]).toContain('"a"');
    expect(lines.some((l) => l.includes('advertiseAddress: "300.1.1.1" is not accepted'))).toBe(true);
    expect(readFileSync(storeFile(), 'utf8')).toBe(before);
    expect(backups()).toEqual([]);
  });

  it('uses the directory conf itself would choose when no config directory is given', () => {
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = join(dir, 'xdg');
    try {
      const conf = new Conf({ projectName: 'kmaster-wizard', projectSuffix: '' });
      expect(dirname(conf.path)).toBe(defaultConfigDir());
      expect(defaultConfigDir()).toBe(join(dir, 'xdg', 'kmaster-wizard'));
      const store = openProfileStore();
      expect(store.path).toBe(join(dir, 'xdg', 'kmaster-wizard', 'profiles.json'));
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  });
});

describe('an absent store', () => {
  it('is listed and read as empty without creating any file', () => {
    const store = openProfileStore(join(dir, 'nothing-yet'));
    expect(store.list()).toEqual([]);
    expect(store.get('master-101')).toBeUndefined();
    expect(store.delete('master-101')).toBe(false);
    expect(() => statSync(join(dir, 'nothing-yet'))).toThrow();
  });
});
