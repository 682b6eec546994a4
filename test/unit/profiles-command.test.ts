import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ExitError } from '../../src/commands/exit.js';
import { loadProfileAnswers } from '../../src/commands/profile-source.js';
import { profilesCommand } from '../../src/commands/profiles.js';
import { type CommandContext, makeContext } from '../../src/context.js';
import { openProfileStore } from '../../src/profiles/store.js';

const answers = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: ['https://192.168.50.101:2379', 'https://192.168.50.102:2379', 'https://192.168.50.1:2379'],
  apiserver: { extraArgs: ['--profiling=false'] },
};

let dir: string;
let configDir: string;
let out: string[];
let err: string[];

function context(lang: 'en' | 'zh' = 'en'): CommandContext {
  const ctx = makeContext(lang, configDir, {});
  return { ...ctx, out: (l) => out.push(l), err: (l) => err.push(l) };
}
const run = (argv: string[], lang: 'en' | 'zh' = 'en') => profilesCommand(context(lang), argv);
const storeText = () => readFileSync(join(configDir, 'profiles.json'), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kmw-profiles-cmd-'));
  configDir = join(dir, 'config');
  out = [];
  err = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('kmaster-wizard profiles', () => {
  it('imports a file under its base name, lists, shows and deletes it', async () => {
    const file = join(dir, 'master-1.yaml');
    writeFileSync(file, `# first master\n${JSON.stringify(answers)}\n`);
    expect(await run(['import', file])).toBe(0);
    expect(out.join('\n')).toContain('as profile "master-1"');
    expect(openProfileStore(configDir).get('master-1')).toEqual(answers);

    out = [];
    expect(await run(['list'])).toBe(0);
    expect(out[0]).toMatch(/^NAME\s+SAVED\s+ADVERTISE ADDRESS\s+VERSION$/);
    expect(out[1]).toMatch(/^master-1\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+192\.168\.50\.101\s+1\.13$/);
    expect(out.at(-1)).toContain(join(configDir, 'profiles.json'));

    out = [];
    expect(await run(['show', 'master-1'])).toBe(0);
    expect(parseYaml(out.join('\n'))).toEqual(answers);

    out = [];
    expect(await run(['delete', 'master-1'])).toBe(0);
    expect(out[0]).toContain('Deleted profile "master-1"');
    expect(await run(['show', 'master-1'])).toBe(2);
    expect(err.at(-1)).toContain('No profile named "master-1"');
    expect(await run(['delete', 'master-1'])).toBe(2);
    out = [];
    expect(await run(['list'])).toBe(0);
    expect(out[0]).toContain('No saved profiles');
  });

  it('refuses an invalid file: exit 2, every problem printed, the store unchanged', async () => {
    openProfileStore(configDir).save('kept', answers);
    const before = storeText();
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'advertiseAddress: 192.168.50.300',
        'bindAddress: 192.168.50.101',
        'securePort: 70000',
        'etcdServers: [http://192.168.50.101:2379]',
        'apiserver:',
        '  eventTtl: soon',
        'colour: blue',
      ].join('\n'),
    );
    expect(await run(['import', file])).toBe(2);
    const text = err.join('\n');
    expect(err[0]).toContain('profile "bad" are not valid; nothing was saved');
    for (const field of [
      'advertiseAddress:',
      'securePort:',
      'etcdServers.0:',
      'apiserver.eventTtl:',
      'colour:',
    ]) {
      expect(text).toContain(`  ${field}`);
    }
    expect(text).toContain('"192.168.50.300" is not accepted');
    expect(storeText()).toBe(before);
    expect(openProfileStore(configDir).get('bad')).toBeUndefined();
    expect(readdirSync(configDir)).toEqual(['profiles.json']);

    err = [];
    expect(await run(['import', file], 'zh')).toBe(2);
    expect(err[0]).toContain('未保存任何内容');
    expect(storeText()).toBe(before);
  });

  it('refuses a file that is not YAML, a missing file and a bad --name with exit 2', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'advertiseAddress: [unclosed\n');
    expect(await run(['import', broken])).toBe(2);
    expect(err.join('\n')).toContain('is not valid YAML or JSON: line 2, column 1');
    expect(await run(['import', join(dir, 'absent.yaml')])).toBe(2);
    expect(err.join('\n')).toContain('Cannot read the answers file');
    const good = join(dir, 'good.yaml');
    writeFileSync(good, JSON.stringify(answers));
    expect(await run(['import', good, '--name', 'no/slash'])).toBe(2);
    expect(err.at(-1)).toContain('Profile name "no/slash" is not accepted');
    const badBase = join(dir, '.hidden.yaml');
    writeFileSync(badBase, JSON.stringify(answers));
    expect(await run(['import', badBase])).toBe(2);
    expect(err.at(-1)).toContain('--name NAME');
    expect(await run(['import', good, '--name', 'ok'])).toBe(0);
    expect(
      openProfileStore(configDir)
        .list()
        .map((p) => p.name),
    ).toEqual(['ok']);
  });

  it('round-trips export and import, and backs up an existing export file', async () => {
    openProfileStore(configDir).save('m1', answers);
    const file = join(dir, 'out', 'm1.yaml');
    expect(await run(['export', 'm1', file])).toBe(0);
    const exported = readFileSync(file, 'utf8');
    expect(exported.startsWith('# kmaster-wizard profile "m1", saved ')).toBe(true);
    expect(parseYaml(exported)).toEqual(answers);
    expect(statSync(file).mode & 0o777).toBe(0o644);

    expect(await run(['import', file, '--name', 'm2'])).toBe(0);
    const store = openProfileStore(configDir);
    expect(store.get('m2')).toEqual(store.get('m1'));

    // to stdout: the same text
    out = [];
    expect(await run(['export', 'm2'])).toBe(0);
    expect(parseYaml(out.join('\n'))).toEqual(answers);

    // exporting over an existing file keeps the old one
    writeFileSync(file, 'old content\n');
    out = [];
    expect(await run(['export', 'm1', file])).toBe(0);
    const backups = readdirSync(join(dir, 'out')).filter((f) => f.startsWith('m1.yaml.bak-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, 'out', backups[0]!), 'utf8')).toBe('old content\n');
    expect(out.join('\n')).toContain(backups[0]!);
    expect(parseYaml(readFileSync(file, 'utf8'))).toEqual(answers);
  });

  it('replaces a profile of the same name on import, keeping a backup of the store', async () => {
    openProfileStore(configDir).save('m', answers);
    const before = storeText();
    const file = join(dir, 'm.json');
    writeFileSync(file, JSON.stringify({ ...answers, securePort: 7443 }));
    expect(await run(['import', file])).toBe(0);
    expect(out.join('\n')).toContain('replacing the one saved before');
    expect((openProfileStore(configDir).get('m') as { securePort: number }).securePort).toBe(7443);
    const backups = readdirSync(configDir).filter((f) => f.startsWith('profiles.json.bak-'));
    expect(backups.map((b) => readFileSync(join(configDir, b), 'utf8'))).toEqual([before]);
  });

  it('reports a damaged store with exit 1 and leaves it untouched', async () => {
    openProfileStore(configDir).save('m', answers);
    writeFileSync(join(configDir, 'profiles.json'), '{"profiles": {"m": {"answers": {}}}}');
    for (const argv of [['list'], ['show', 'm'], ['delete', 'm'], ['export', 'm']]) {
      err = [];
      expect(await run(argv)).toBe(1);
      expect(err[0]).toContain(join(configDir, 'profiles.json'));
      expect(err[0]).toContain('profiles.m.savedAt');
    }
    const file = join(dir, 'x.yaml');
    writeFileSync(file, JSON.stringify(answers));
    expect(await run(['import', file])).toBe(1);
    expect(storeText()).toBe('{"profiles": {"m": {"answers": {}}}}');
    err = [];
    expect(await run(['list'], 'zh')).toBe(1);
    expect(err[0]).toContain('已损坏');
  });

  it('--profile on a damaged store (apply, status): the message naming the file and exit 1', async () => {
    openProfileStore(configDir).save('m', answers);
    expect(await loadProfileAnswers(context(), 'm')).toEqual(answers);
    writeFileSync(join(configDir, 'profiles.json'), '[]');
    const failure = await loadProfileAnswers(context(), 'm').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExitError);
    expect((failure as ExitError).exitCode).toBe(1);
    expect(err[0]).toContain(`The profile store ${join(configDir, 'profiles.json')} is damaged`);
    expect(storeText()).toBe('[]');
  });

  it('answers bad usage with exit 2', async () => {
    expect(await run([])).toBe(2);
    expect(err.at(-1)).toContain('Usage: kmaster-wizard profiles');
    expect(await run(['rename', 'a', 'b'])).toBe(2);
    expect(err.join('\n')).toContain('Unknown profiles command "rename"');
    expect(await run(['show'])).toBe(2);
    expect(await run(['show', 'a', 'b'])).toBe(2);
    expect(err.join('\n')).toContain('Too many arguments');
    expect(await run(['import'])).toBe(2);
    expect(await run(['list', '--bogus'])).toBe(2);
    expect(await run(['show', '../x'])).toBe(2);
    expect(err.at(-1)).toContain('is not accepted');
  });

  it('lines up the list in Chinese, where headers are double width', async () => {
    openProfileStore(configDir).save('master-1', answers);
    expect(await run(['list'], 'zh')).toBe(0);
    const [header, row] = out;
    // "版本" starts in the same terminal column as "1.13"
    const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    expect(width(header!.slice(0, header!.indexOf('版本')))).toBe(row!.indexOf('1.13'));
  });
});
