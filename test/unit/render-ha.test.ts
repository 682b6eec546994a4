// The HA front's files: keepalived.conf, haproxy.cfg and the admin kubeconfig, pinned as
// golden copies, accepted by keepalived's and haproxy's own config checks, and never
// pointing the components at the VIP.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAPROXY_CFG, KEEPALIVED_CONF } from '../../src/model/ha-layout.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { NoHaInterface, renderFiles } from '../../src/render/files.js';
import { makeCa } from './helpers/pki.js';

const PAIR = ['192.168.50.101', '192.168.50.102'];
const VIP = '192.168.50.100';

function answersFor(advertise: string, extra: Record<string, unknown> = {}) {
  const r = parseAnswers({
    kubernetesVersion: '1.24',
    advertiseAddress: advertise,
    bindAddress: advertise,
    securePort: 6443,
    etcdServers: [...SEED.etcdServers],
    ha: { masters: PAIR, vip: VIP },
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.answers;
}

const haFiles = <F extends { component: unknown }>(files: F[]) =>
  files.filter((f) => f.component === 'haproxy' || f.component === 'keepalived' || f.component === null);

// Whole-text pins, reviewed by hand when they change (UPDATE_GOLDEN=1 rewrites them).
const GOLDEN_DIR = new URL('../golden/ha/', import.meta.url).pathname;
describe.each([
  ['master-101-1.24', '192.168.50.101', 24],
  ['master-102-1.24', '192.168.50.102', 24],
  ['master-101-1.13', '192.168.50.101', 13],
] as const)('golden: the HA front of %s', (name, advertise, minor) => {
  it('matches the reviewed copy', async () => {
    const answers = answersFor(advertise, { kubernetesVersion: `1.${minor}` });
    const files = haFiles(renderFiles(answers, minor, { haInterface: 'eth0' }).files);
    expect(files.map((f) => f.path)).toEqual([
      HAPROXY_CFG,
      KEEPALIVED_CONF,
      '/etc/kubernetes/admin.kubeconfig',
    ]);
    for (const file of files) {
      const golden = join(GOLDEN_DIR, name, file.path);
      if (process.env.UPDATE_GOLDEN === '1') {
        await mkdir(dirname(golden), { recursive: true });
        await writeFile(golden, file.content);
      }
      expect(existsSync(golden), golden).toBe(true);
      expect(file.content).toBe(await readFile(golden, 'utf8'));
    }
  });
});

describe('the HA front as rendered', () => {
  it('the first master has the highest priority; each talks unicast to the others', () => {
    const conf = (a: string) =>
      renderFiles(answersFor(a), 24, { haInterface: 'eth0' }).files.find((f) => f.path === KEEPALIVED_CONF)!
        .content;
    expect(conf('192.168.50.101')).toMatch(
      /priority 150\n[\s\S]*unicast_src_ip 192\.168\.50\.101\n {4}unicast_peer \{\n {8}192\.168\.50\.102\n {4}\}/,
    );
    expect(conf('192.168.50.102')).toMatch(
      /priority 140\n[\s\S]*unicast_src_ip 192\.168\.50\.102\n {4}unicast_peer \{\n {8}192\.168\.50\.101\n {4}\}/,
    );
    // no weight: a failing check puts the instance into FAULT, so the VIP really leaves
    expect(conf('192.168.50.101')).not.toContain('weight');
  });

  it('the components reach their own apiserver, never the VIP; only the admin kubeconfig uses it', () => {
    for (const minor of [13, 19, 20, 24, 36]) {
      const { files } = renderFiles(
        answersFor('192.168.50.101', { kubernetesVersion: `1.${minor}` }),
        minor,
        {
          haInterface: 'eth0',
        },
      );
      for (const f of files.filter((x) => x.component?.startsWith('kube-')))
        expect(f.content, `${f.path} for 1.${minor}`).not.toContain(VIP);
      const admin = files.find((f) => f.path === '/etc/kubernetes/admin.kubeconfig')!;
      expect(admin.mode).toBe(0o600);
      expect(admin.content).toContain(`server: https://${VIP}:8443`);
      expect(admin.content).toContain('client-certificate: /etc/kubernetes/ssl/admin.pem');
    }
  });

  it('takes the interface from the answers, else from the caller; without either it cannot render', () => {
    const named = answersFor('192.168.50.101', { ha: { masters: PAIR, vip: VIP, interface: 'bond0' } });
    expect(renderFiles(named, 24, { haInterface: 'eth0' }).ha?.interface).toBe('bond0');
    expect(() => renderFiles(answersFor('192.168.50.101'), 24)).toThrow(NoHaInterface);
    // without ha: nothing of it is written
    const plain = parseAnswers({ ...answersFor('192.168.50.101'), ha: undefined });
    if (!plain.ok) throw new Error('plain answers');
    expect(renderFiles(plain.answers, 24).files.some((f) => f.path.includes('keepalived'))).toBe(false);
  });

  it('with anonymous access on, haproxy wants 200 from /readyz; /healthz before 1.16', () => {
    const cfg = (extra: Record<string, unknown>, minor: number) =>
      renderFiles(answersFor('192.168.50.101', { kubernetesVersion: `1.${minor}`, ...extra }), minor, {
        haInterface: 'eth0',
      }).files.find((f) => f.path === HAPROXY_CFG)!.content;
    expect(cfg({ apiserver: { anonymousAuth: true } }, 24)).toContain('http-check expect status 200\n');
    expect(cfg({}, 24)).toContain('http-check expect status 200,401\n');
    expect(cfg({}, 15)).toContain('http-check send meth GET uri /healthz\n');
  });
});

// The programs' own checks: `haproxy -c -f` and `keepalived -t -f` on exactly what is written.
// haproxy loads the CA file it names and keepalived looks for the interface and the check's
// program (and refuses loopback for VRRP), so the files are rendered with a real CA and an
// interface of this machine that is not loopback.
const haveValidators = existsSync('/usr/sbin/haproxy') && existsSync('/usr/sbin/keepalived');
describe('haproxy and keepalived accept what is written', () => {
  let dir: string;
  beforeAll(async () => {
    if (!haveValidators) {
      throw new Error('haproxy and keepalived are needed: apt-get install haproxy keepalived (.ci/run does)');
    }
    dir = await mkdtemp(join(tmpdir(), 'kmw-ha-'));
    await writeFile(join(dir, 'ca.pem'), (await makeCa()).certPem);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const check = async (name: string, content: string, argv: (file: string) => string[]) => {
    const file = join(dir, name);
    await writeFile(file, content);
    const [cmd, ...args] = argv(file);
    return spawnSync(cmd!, args, { encoding: 'utf8' });
  };

  it.each([
    ['IPv4, 1.24', '192.168.50.101', 24, {}],
    ['IPv4, 1.13 (insecure local check)', '192.168.50.102', 13, {}],
    [
      'IPv6',
      'fd00::101',
      24,
      {
        serviceClusterIpRange: 'fd00:10::/112',
        ha: { masters: ['fd00::101', 'fd00::102'], vip: 'fd00::100' },
      },
    ],
  ] as const)('%s', async (_label, advertise, minor, extra) => {
    const answers = answersFor(advertise, {
      kubernetesVersion: `1.${minor}`,
      certs: { caFile: join(dir, 'ca.pem') },
      ...extra,
    });
    const iface = Object.entries(networkInterfaces()).find(([, l]) => l?.some((a) => !a.internal))?.[0];
    expect(iface, 'an interface that is not loopback').toBeDefined();
    const files = renderFiles(answers, minor, { haInterface: iface }).files;
    const cfg = files.find((f) => f.path === HAPROXY_CFG)!.content;
    const conf = files.find((f) => f.path === KEEPALIVED_CONF)!.content;
    const h = await check(`haproxy-${minor}.cfg`, cfg, (f) => ['haproxy', '-c', '-f', f]);
    expect(h.status, h.stdout + h.stderr).toBe(0);
    expect(h.stderr).not.toMatch(/WARNING|ALERT/);
    const k = await check(`keepalived-${minor}.conf`, conf, (f) => ['keepalived', '-t', '-f', f]);
    expect(k.status, k.stdout + k.stderr).toBe(0);
    expect(k.stdout + k.stderr).toBe('');
  });

  it('the checks can fail: a broken file is refused by each', async () => {
    const h = await check('broken.cfg', 'frontend x\n    bind 1.2.3.4:99999\n', (f) => [
      'haproxy',
      '-c',
      '-f',
      f,
    ]);
    expect(h.status).not.toBe(0);
    const k = await check('broken.conf', 'vrrp_instance x {\n    interface nosuch0\n}\n', (f) => [
      'keepalived',
      '-t',
      '-f',
      f,
    ]);
    expect(k.status).not.toBe(0);
  });
});
