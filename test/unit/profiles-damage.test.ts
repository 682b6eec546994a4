import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitError } from '../../src/commands/exit.js';
import { loadProfileAnswers } from '../../src/commands/profile-source.js';
import { profilesCommand } from '../../src/commands/profiles.js';
import { hasUnsafe } from '../../src/i18n/terminal-text.js';
import { openProfileStore } from '../../src/profiles/store.js';
import { captureContext } from './helpers/context.js';

// A store that cannot be read is reported with its path, exit 1, and left byte for byte:
// whatever the command (one that only reads, one that would write), and whatever the damage.
const answers = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: ['https://192.168.50.101:2379'],
};

let dir: string;
let configDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kmw-damage-'));
  configDir = join(dir, 'config');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const storeFile = () => join(configDir, 'profiles.json');

/** A healthy store with profile m, then damaged by `damage`. */
function damagedStore(damage: (good: Buffer) => Buffer): Buffer {
  openProfileStore(configDir).save('m', answers);
  const bad = damage(readFileSync(storeFile()));
  writeFileSync(storeFile(), bad);
  for (const f of readdirSync(configDir)) if (f !== 'profiles.json') rmSync(join(configDir, f));
  return bad;
}

const replace = (from: string, to: string | Buffer) => (good: Buffer) => {
  const i = good.indexOf(from);
  if (i < 0) throw new Error(`${from} is not in the store`);
  return Buffer.concat([good.subarray(0, i), Buffer.from(to), good.subarray(i + from.length)]);
};

const DAMAGE: Array<[string, (good: Buffer) => Buffer, string]> = [
  ['cut in half', (good) => good.subarray(0, good.length / 2), 'is not valid JSON'],
  ['a field renamed', replace('"savedAt"', '"savedat"'), 'is damaged: profiles.m'],
  ['an entry that is not a profile name', replace('"m"', '"m m"'), 'which is not a valid profile name'],
  ['a newer format', replace('"2.0.0"', '"9.0.0"'), 'has format version 9'],
  [
    'one byte that is not UTF-8',
    replace(
      '192.168.50.101"',
      Buffer.concat([Buffer.from('192.168.50.101'), Buffer.from([0xff]), Buffer.from('"')]),
    ),
    'is not valid UTF-8 text (line 7, byte',
  ],
  [
    'UTF-16 text',
    (good) => Buffer.from(`\ufeff${good.toString('utf8')}`, 'utf16le'),
    'is not valid UTF-8 text',
  ],
];

async function run(argv: string[], lang: 'en' | 'zh' = 'en') {
  const { ctx, out, err } = captureContext(lang);
  const code = await profilesCommand({ ...ctx, configDir }, argv);
  return { code, lines: [...out, ...err] };
}

describe.each(DAMAGE)('a store %s', (_what, damage, says) => {
  it('is reported with its path by every command, exit 1, and left byte for byte', async () => {
    const bad = damagedStore(damage);
    const file = join(dir, 'new.yaml');
    writeFileSync(file, JSON.stringify(answers));
    for (const argv of [
      ['list'],
      ['show', 'm'],
      ['show', 'x'],
      ['export', 'm'],
      ['delete', 'm'],
      ['import', file],
      ['import', file, '--name', 'm'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.lines[0]).toContain(`The profile store ${storeFile()}`);
      expect(r.lines[0]).toContain(says);
      expect(r.lines.join('\n')).not.toContain('No profile named');
      for (const line of r.lines) expect(hasUnsafe(line)).toBe(false);
    }
    expect(readFileSync(storeFile()).equals(bad)).toBe(true);
    expect(readdirSync(configDir)).toEqual(['profiles.json']);
    const zh = await run(['show', 'x'], 'zh');
    expect(zh.lines[0]).toContain(`配置档存储 ${storeFile()}`);
  });

  it('stops --profile (apply, preflight, status) with exit 1, naming the store', async () => {
    damagedStore(damage);
    const { ctx, err } = captureContext('en');
    const failure = await loadProfileAnswers({ ...ctx, configDir }, 'm').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExitError);
    expect((failure as ExitError).exitCode).toBe(1);
    expect(err[0]).toContain(`The profile store ${storeFile()}`);
  });
});

describe('what a store holds is shown safely', () => {
  it('lists a hand-edited value with its control and bidi characters escaped and cut', async () => {
    mkdirSync(configDir, { recursive: true });
    openProfileStore(configDir).save('m', answers);
    const text = readFileSync(storeFile(), 'utf8').replace(
      '"192.168.50.101"',
      JSON.stringify(`\u001b[31m1.2.3.4\u202e${'x'.repeat(200)}`),
    );
    writeFileSync(storeFile(), text);
    const r = await run(['list']);
    expect(r.code).toBe(0);
    expect(r.lines[1]).toContain('\\u001b[31m1.2.3.4\\u202exxx');
    expect(r.lines[1]!.length).toBeLessThan(120);
    for (const line of r.lines) expect(hasUnsafe(line)).toBe(false);
  });

  it('keeps a version written with white space normalised', async () => {
    const file = join(dir, 'spaced.yaml');
    writeFileSync(
      file,
      JSON.stringify({
        ...answers,
        kubernetesVersion: ' v1.13.4 ',
        advertiseAddress: 'FD00::0101',
        serviceClusterIpRange: 'fd00:1::/108',
      }),
    );
    expect((await run(['import', file])).code).toBe(0);
    const saved = JSON.parse(readFileSync(storeFile(), 'utf8')).profiles.spaced.answers;
    expect(saved.kubernetesVersion).toBe('1.13');
    expect(saved.advertiseAddress).toBe('fd00::101');
    expect(Object.keys(saved)).toEqual(Object.keys({ ...answers, serviceClusterIpRange: '' }));
    const r = await run(['list']);
    expect(r.lines[1]).toMatch(/^spaced\s+\S+\s+fd00::101\s+1\.13$/);
  });
});
