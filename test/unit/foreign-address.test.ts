// apply on this host refuses another host's answers (master 1's on master 2): exit 2, each
// address named with the --set that gives this host's own, nothing written; --root is exempt.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyCommand } from '../../src/commands/apply.js';
import { ExitError } from '../../src/commands/exit.js';
import { refuseForeignAddresses } from '../../src/commands/host-fit.js';
import type { HostAddressFact } from '../../src/model/host-fit.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { captureContext } from './helpers/context.js';

const master1 = {
  kubernetesVersion: '1.24',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
  ha: { masters: ['192.168.50.101', '192.168.50.102'], vip: '192.168.50.100', interface: 'eth0' },
};

/** Master 2 as the system tests boot it: eth0 192.168.50.102/24 and loopback. */
const master2: HostAddressFact[] = [
  { address: '127.0.0.1', iface: 'lo', cidr: '127.0.0.1/8', internal: true },
  { address: '192.168.50.102', iface: 'eth0', cidr: '192.168.50.102/24', internal: false },
];

function answersOf(raw: unknown) {
  const parsed = parseAnswers(raw);
  if (!parsed.ok) throw new Error('test answers invalid');
  return parsed.answers;
}

function refuse(raw: unknown, lang: 'en' | 'zh', ignore: string[] = []) {
  const { ctx, err } = captureContext(lang);
  try {
    refuseForeignAddresses(ctx, answersOf(raw), ignore, master2);
    return { code: 0, err };
  } catch (error) {
    if (error instanceof ExitError) return { code: error.exitCode, err };
    throw error;
  }
}

describe('answers of another master on this host', () => {
  it('are refused with exit 2, each address named with the --set of this host’s own (English)', () => {
    const r = refuse(master1, 'en');
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      'The answers name an address this host does not have (the answers of another master?); nothing was written:',
      '  advertiseAddress 192.168.50.101 is not an address of this host: give --set advertiseAddress=192.168.50.102',
      '  bindAddress 192.168.50.101 is not an address of this host: give --set bindAddress=192.168.50.102',
      "This host's addresses: 192.168.50.102 (eth0).",
      'If 192.168.50.101 is right after all (an address NATed to this host): --ignore-preflight-errors=HostAddress-advertise',
    ]);
  });

  it('are refused in Chinese too', () => {
    const r = refuse(master1, 'zh');
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toContain(
      'advertiseAddress 192.168.50.101 不是本机地址:请给出 --set advertiseAddress=192.168.50.102',
    );
    expect(r.err[0]).toContain('未写入任何文件');
  });

  it('pass once --set gives this host’s addresses, or listening on every address', () => {
    const own = { ...master1, advertiseAddress: '192.168.50.102', bindAddress: '192.168.50.102' };
    expect(refuse(own, 'en').code).toBe(0);
    expect(refuse({ ...own, bindAddress: '0.0.0.0' }, 'en').code).toBe(0);
    // only the field still wrong is named
    const r = refuse({ ...own, bindAddress: '192.168.50.101' }, 'en');
    expect(r.err.filter((l) => l.includes('is not an address'))).toEqual([
      '  bindAddress 192.168.50.101 is not an address of this host: give --set bindAddress=192.168.50.102',
    ]);
  });

  it('without ha.masters, the suggestion is this host’s first address of the family', () => {
    const { ha: _ha, ...alone } = master1;
    expect(refuse(alone, 'en').err[1]).toContain('--set advertiseAddress=192.168.50.102');
  });

  it('an address NATed to this host goes through with the preflight check’s name ignored', () => {
    const own = { ...master1, bindAddress: '0.0.0.0' };
    expect(refuse(own, 'en', ['HostAddress-advertise']).code).toBe(0);
    expect(refuse(own, 'en', ['all']).code).toBe(0);
    expect(refuse(master1, 'en', ['hostaddress-advertise']).err[1]).toContain('bindAddress 192.168.50.101');
  });
});

describe('apply with answers naming an address this machine does not have', () => {
  let work: string;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'kmw-foreign-'));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  async function apply(argv: string[]) {
    const { ctx, out, err } = captureContext();
    try {
      return { code: await applyCommand(ctx, argv), out, err };
    } catch (error) {
      if (error instanceof ExitError) return { code: error.exitCode, out, err };
      throw error;
    }
  }

  // 192.0.2.0/24 is documentation space: no machine holds it
  const elsewhere = {
    kubernetesVersion: '1.13',
    advertiseAddress: '192.0.2.10',
    bindAddress: '192.0.2.10',
    securePort: 6443,
    etcdServers: [...SEED.etcdServers],
  };

  it('on this machine: exit 2 before the preflight and before anything is written', async () => {
    const file = join(work, 'answers.yaml');
    await writeFile(file, stringify(elsewhere));
    const r = await apply(['--answers', file, '--yes']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain('nothing was written');
    expect(r.err[1]).toMatch(
      /^ {2}advertiseAddress 192\.0\.2\.10 is not an address of this host: give --set advertiseAddress=\S+/,
    );
    // no preflight report, no plan: the refusal came first
    expect(r.out).toEqual([]);
  });

  it('under --root (files for another machine): written, as asked', async () => {
    const file = join(work, 'answers.yaml');
    await writeFile(file, stringify(elsewhere));
    const root = join(work, 'root');
    const r = await apply(['--answers', file, '--root', root]);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(await readdir(join(root, 'etc/kubernetes'))).toContain('apiserver');
  });
});
