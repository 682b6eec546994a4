// The checks of the machine (root, systemd, binaries and version, addresses, ports, etcd,
// clock, swap, ip_forward) against a fake host; the certificates are a correct set.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import type { Answers, AnswersInput } from '../../src/model/answers.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { minorString, NEWEST_MINOR } from '../../src/model/version.js';
import { clockOffsetMs, etcdCheckName } from '../../src/preflight/checks-etcd.js';
import { runPreflight } from '../../src/preflight/run.js';
import type { CheckResult, PreflightReport } from '../../src/preflight/types.js';
import { put, writeSeedSet } from './helpers/pki.js';
import { type FakeMachine, failedEtcd, fakeHost, healthyEtcd, okAnswer } from './helpers/preflight-host.js';

const en = translator('en');
const say = (c: CheckResult) => en(c.message.key, c.message.params);
const fixOf = (c: CheckResult) => (c.fix ? en(c.fix.key, c.fix.params) : '');
const find = (r: PreflightReport, name: string): CheckResult => {
  const c = r.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name}`);
  return c;
};
const failing = (r: PreflightReport) => r.checks.filter((c) => c.status === 'fail').map((c) => c.name);

function answers(patch: Partial<AnswersInput> = {}): Answers {
  const r = parseAnswers({
    advertiseAddress: '192.168.50.101',
    bindAddress: '192.168.50.101',
    securePort: 6443,
    etcdServers: [...SEED.etcdServers],
    ...patch,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.answers;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kmw-preflight-'));
  await writeSeedSet(dir);
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
    await put(dir, `/usr/local/bin/${c}`, '#!/bin/sh\n', 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (patch: Partial<FakeMachine> = {}, a = answers(), minor = 13) =>
  runPreflight({ answers: a, minor }, fakeHost(dir, patch), { ignore: [] });

describe('checks of the machine', () => {
  it('a healthy seed master passes them all', async () => {
    const r = await run();
    expect(failing(r)).toEqual([]);
    expect(r.checks.slice(0, 20).map((c) => c.name)).toEqual([
      'IsPrivilegedUser',
      'Systemd',
      'FileExisting-kube-apiserver',
      'FileExisting-kube-controller-manager',
      'FileExisting-kube-scheduler',
      'KubernetesVersion',
      'KnownVersion',
      'HostAddress-advertise',
      'HostAddress-bind',
      'Flags-kube-apiserver',
      'Flags-kube-controller-manager',
      'Flags-kube-scheduler',
      'Port-6443',
      'Port-8080',
      'Port-10257',
      'Port-10259',
      'EtcdMember-https-192.168.50.101-2379',
      'EtcdMember-https-192.168.50.102-2379',
      'EtcdMember-https-192.168.50.1-2379',
      'TimeSync',
    ]);
    expect(say(find(r, 'EtcdMember-https-192.168.50.1-2379'))).toBe('etcd 3.4.23, healthy (4 ms)');
  });

  it('not root, no systemd', async () => {
    const r = await run({ root: false, systemd: { ok: false, state: 'offline' } });
    expect(failing(r)).toEqual(['IsPrivilegedUser', 'Systemd']);
    expect(fixOf(find(r, 'IsPrivilegedUser'))).toContain('--root DIR');
    expect(say(find(r, 'Systemd'))).toBe('systemd is not the running init system (state: offline)');
  });

  it('binaries of another version than the answers say', async () => {
    const r = await run({
      versions: { '/usr/local/bin/kube-apiserver': '1.24', '/usr/local/bin/kube-scheduler': '1.24' },
    });
    const c = find(r, 'KubernetesVersion');
    expect(say(c)).toBe(
      'the answers are for Kubernetes 1.13, but the binaries are kube-apiserver 1.24, kube-scheduler 1.24',
    );
    expect(fixOf(c)).toBe(
      'Set kubernetesVersion: "1.24" in the answers, or put the 1.13 binaries in /usr/local/bin',
    );
    expect(failing(r)).toEqual(['KubernetesVersion']);
  });

  describe('each binary is asked for the flags the files give it', () => {
    const api = '/usr/local/bin/kube-apiserver';

    it('a flag its --help does not list and its trial parse refuses fails, naming it and the version', async () => {
      const r = await run({ without: { [api]: ['--token-auth-file'] }, versions: { [api]: '1.13' } });
      const c = find(r, 'Flags-kube-apiserver');
      expect(c).toMatchObject({ status: 'fail', severity: 'error' });
      expect(say(c)).toBe(
        'kube-apiserver 1.13 (/usr/local/bin/kube-apiserver) does not accept --token-auth-file: the unit would exit at once with "unknown flag"',
      );
      expect(fixOf(c)).toContain('Use kube-apiserver binaries of the version the files are written for');
      expect(failing(r)).toEqual(['Flags-kube-apiserver']);
    });

    it('names every missing flag, and the field when they are the extra arguments', async () => {
      const a = answers({ apiserver: { extraArgs: ['--insecure-port=0', '--profiling=false'] } });
      const r = await run({ without: { [api]: ['--insecure-port', '--profiling'] } }, a);
      const c = find(r, 'Flags-kube-apiserver');
      expect(say(c)).toContain('does not accept --insecure-port, --profiling:');
      expect(fixOf(c)).toBe('Remove --insecure-port, --profiling from apiserver.extraArgs');
    });

    it('a flag hidden from --help that the trial parse accepts passes (a deprecated flag)', async () => {
      const host = fakeHost(dir);
      const helpOf = host.binaryHelp;
      host.binaryHelp = async (p) => {
        const h = await helpOf(p);
        return h.ok ? { ok: true, text: h.text.replace(/^ +--apiserver-count .*$/m, '') } : h;
      };
      const r = await runPreflight({ answers: answers(), minor: 13 }, host, { ignore: [] });
      const c = find(r, 'Flags-kube-apiserver');
      expect(c.status).toBe('pass');
      expect(say(c)).toMatch(/\(\d+ flags; 1 of them hidden but accepted\)$/);
    });

    it('a binary whose --help lists nothing fails; a missing binary skips', async () => {
      const host = fakeHost(dir);
      host.binaryHelp = async () => ({ ok: true, text: 'segmentation fault\n' });
      const r = await runPreflight({ answers: answers(), minor: 13 }, host, { ignore: [] });
      expect(say(find(r, 'Flags-kube-scheduler'))).toBe(
        '/usr/local/bin/kube-scheduler --help listed no flags (segmentation fault)',
      );
      const none = await run({}, answers({ paths: { binDir: '/nowhere' } }));
      expect(find(none, 'Flags-kube-apiserver')).toMatchObject({
        status: 'skip',
        message: { params: { check: 'FileExisting-kube-apiserver' } },
      });
    });
  });

  describe('a minor newer than the newest known', () => {
    const newer = minorString(NEWEST_MINOR + 1);
    const all = (v: string) =>
      Object.fromEntries(
        ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => [
          `/usr/local/bin/${c}`,
          v,
        ]),
      );

    it('binaries of it, rendered as the newest known: a warning, not an error', async () => {
      const r = await run({ versions: all(newer) }, answers(), NEWEST_MINOR);
      expect(find(r, 'KubernetesVersion').status).toBe('pass');
      const c = find(r, 'KnownVersion');
      expect(c).toMatchObject({ status: 'fail', severity: 'warning' });
      const newest = minorString(NEWEST_MINOR);
      expect(say(c)).toBe(
        `Kubernetes ${newer} is newer than the newest version this wizard knows (${newest}): the files are written as for ${newest}`,
      );
      expect(failing(r)).toEqual(['KnownVersion']);
    });

    it('answers for it and binaries of it agree; binaries of the newest known do not', async () => {
      const a = answers({ kubernetesVersion: newer });
      expect(find(await run({ versions: all(newer) }, a, NEWEST_MINOR), 'KubernetesVersion').status).toBe(
        'pass',
      );
      const older = await run({ versions: all(minorString(NEWEST_MINOR)) }, a, NEWEST_MINOR);
      expect(say(find(older, 'KubernetesVersion'))).toContain(`the answers are for Kubernetes ${newer}`);
    });

    it('a known version passes', async () => {
      expect(find(await run(), 'KnownVersion').status).toBe('pass');
    });
  });

  it('a binary missing, one not executable', async () => {
    await put(dir, '/opt/bin/kube-apiserver', '#!/bin/sh\n', 0o644);
    await put(dir, '/opt/bin/kube-scheduler', '#!/bin/sh\n', 0o755);
    const r = await run({}, answers({ paths: { binDir: '/opt/bin' } }));
    expect(say(find(r, 'FileExisting-kube-apiserver'))).toBe(
      '/opt/bin/kube-apiserver is not executable (mode 0644)',
    );
    expect(fixOf(find(r, 'FileExisting-kube-apiserver'))).toBe('chmod 755 /opt/bin/kube-apiserver');
    expect(say(find(r, 'FileExisting-kube-controller-manager'))).toBe(
      '/opt/bin/kube-controller-manager does not exist',
    );
    expect(find(r, 'FileExisting-kube-scheduler').status).toBe('pass');
    // only the scheduler could be asked for its version
    expect(find(r, 'KubernetesVersion').status).toBe('pass');
    expect(failing(r)).toEqual(['FileExisting-kube-apiserver', 'FileExisting-kube-controller-manager']);
  });

  it('addresses this host does not have; 0.0.0.0 binds everywhere', async () => {
    const r = await run({ addresses: ['127.0.0.1', '10.0.0.5'] });
    const c = find(r, 'HostAddress-advertise');
    expect(say(c)).toBe('advertiseAddress 192.168.50.101 is not an address of this host');
    expect(fixOf(c)).toBe(
      "Give this host's address: --set advertiseAddress=10.0.0.5 (this host has 10.0.0.5 (eth0)); if 192.168.50.101 is right after all (an address NATed to this host), --ignore-preflight-errors=HostAddress-advertise",
    );
    expect(find(r, 'HostAddress-bind').status).toBe('fail');
    // with nothing of the same family to offer, the list is all it can say
    const v6 = await run({ addresses: ['127.0.0.1', 'fd00::5'] });
    expect(fixOf(find(v6, 'HostAddress-advertise'))).toBe(
      "Set advertiseAddress to one of this host's addresses: fd00::5 (eth0)",
    );
    // master 2 of a pair is offered its own entry of ha.masters
    const pair = await run(
      { addresses: ['127.0.0.1', '10.0.0.5', '192.168.50.102'] },
      answers({ ha: { masters: ['192.168.50.101', '192.168.50.102'], vip: '192.168.50.100' } }),
    );
    expect(fixOf(find(pair, 'HostAddress-advertise'))).toContain('--set advertiseAddress=192.168.50.102 ');
    const all = await run(
      { addresses: ['127.0.0.1', '192.168.50.101'] },
      answers({ bindAddress: '0.0.0.0' }),
    );
    expect(find(all, 'HostAddress-bind')).toMatchObject({
      status: 'pass',
      message: { key: 'preflight.address.all' },
    });
  });

  it('a port held by another process fails, naming it; held by our own unit is a re-run', async () => {
    const r = await run({
      ports: { '192.168.50.101:6443': { state: 'in-use' }, '127.0.0.1:10259': { state: 'in-use' } },
      holders: {
        6443: [{ pid: 4242, command: 'nginx', unit: 'nginx.service', address: '0.0.0.0' }],
        10259: [
          { pid: 777, command: 'kube-scheduler', unit: 'kube-scheduler.service', address: '127.0.0.1' },
        ],
      },
    });
    const busy = find(r, 'Port-6443');
    expect(busy).toMatchObject({ status: 'fail', severity: 'error' });
    expect(say(busy)).toBe('192.168.50.101:6443 is already in use by PID 4242 (nginx, nginx.service)');
    expect(fixOf(busy)).toBe('Find it with: ss -ltnp "sport = :6443"; stop it, or choose another port');
    const ours = find(r, 'Port-10259');
    expect(ours.status).toBe('pass');
    expect(say(ours)).toBe('127.0.0.1:10259 is held by kube-scheduler.service (PID 777): a re-run');
    // the same scheduler holding the controller-manager's port is not a re-run
    const wrong = await run({
      ports: { ':10257': { state: 'in-use' } },
      holders: {
        10257: [
          { pid: 777, command: 'kube-scheduler', unit: 'kube-scheduler.service', address: '127.0.0.1' },
        ],
      },
    });
    expect(find(wrong, 'Port-10257').status).toBe('fail');
  });

  it('ports follow the version: 8080 before 1.20, 10257 from 1.12, 10259 from 1.13', async () => {
    const ports = async (minor: number) =>
      (
        await run(
          {
            versions: {
              '/usr/local/bin/kube-apiserver': `1.${minor}`,
              '/usr/local/bin/kube-controller-manager': `1.${minor}`,
              '/usr/local/bin/kube-scheduler': `1.${minor}`,
            },
          },
          answers(),
          minor,
        )
      ).checks
        .map((c) => c.name)
        .filter((n) => n.startsWith('Port-'));
    expect(await ports(11)).toEqual(['Port-6443', 'Port-8080']);
    expect(await ports(12)).toEqual(['Port-6443', 'Port-8080', 'Port-10257']);
    expect(await ports(24)).toEqual(['Port-6443', 'Port-10257', 'Port-10259']);
  });

  it('etcd members: stopped, refusing the client certificate, unhealthy, unreachable — each its own check', async () => {
    const [m101, m102, m1] = SEED.etcdServers;
    const now = Date.now();
    const r = await run({
      now,
      etcd: {
        [m101]: failedEtcd('ECONNREFUSED', 'connect ECONNREFUSED 192.168.50.101:2379'),
        [m102]: failedEtcd('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'sslv3 alert bad certificate'),
        [m1]: {
          ok: true,
          version: okAnswer('{"etcdserver":"3.4.23","etcdcluster":"3.4.0"}', now),
          health: okAnswer('{"health":"false","reason":"RAFT NO LEADER"}', now, 503),
          latencyMs: 5,
        },
      },
    });
    expect(failing(r)).toEqual([etcdCheckName(m101), etcdCheckName(m102), etcdCheckName(m1)]);
    expect(say(find(r, 'EtcdMember-https-192.168.50.101-2379'))).toBe(
      'https://192.168.50.101:2379: connection refused (no etcd listening)',
    );
    expect(fixOf(find(r, 'EtcdMember-https-192.168.50.101-2379'))).toBe(
      'Start etcd on 192.168.50.101 (systemctl start etcd) and check its --listen-client-urls',
    );
    expect(say(find(r, 'EtcdMember-https-192.168.50.102-2379'))).toBe(
      'https://192.168.50.102:2379 refused the client certificate /etc/kubernetes/ssl/etcd.pem (bad certificate)',
    );
    expect(say(find(r, 'EtcdMember-https-192.168.50.1-2379'))).toBe(
      'https://192.168.50.1:2379 answers but is not healthy: {"health":"false","reason":"RAFT NO LEADER"}',
    );
  });

  it('etcd: a certificate not covering the member, an untrusted one, a timeout, etcd 2', async () => {
    const [m101, m102, m1] = SEED.etcdServers;
    const now = Date.now();
    const r = await run({
      now,
      etcd: {
        [m101]: failedEtcd('ERR_TLS_CERT_ALTNAME_INVALID'),
        [m102]: failedEtcd('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
        [m1]: failedEtcd('ETIMEDOUT', 'no answer within 3000 ms'),
      },
    });
    expect(say(find(r, 'EtcdMember-https-192.168.50.101-2379'))).toBe(
      "https://192.168.50.101:2379: the member's certificate does not cover 192.168.50.101",
    );
    expect(fixOf(find(r, 'EtcdMember-https-192.168.50.102-2379'))).toBe(
      'Set certs.etcdCaFile to the CA that signed the etcd certificates (now /etc/kubernetes/ssl/ca.pem)',
    );
    expect(say(find(r, 'EtcdMember-https-192.168.50.1-2379'))).toBe(
      'https://192.168.50.1:2379: no answer within 3000 ms (ETIMEDOUT)',
    );
    const old = await run({
      now,
      etcd: {
        [m1]: { ...healthyEtcd(now), version: okAnswer('{"etcdserver":"2.3.7","etcdcluster":"2.3.0"}', now) },
      },
    });
    expect(say(find(old, 'EtcdMember-https-192.168.50.1-2379'))).toBe(
      'https://192.168.50.1:2379 runs etcd 2.3.7; Kubernetes needs etcd 3',
    );
  });

  it('etcd is asked with the files the answers name', async () => {
    const host = fakeHost(dir);
    await runPreflight(
      { answers: answers({ certs: { etcdCertFile: '/x/etcd-client.pem' } }), minor: 13 },
      host,
      {
        ignore: [],
      },
    );
    expect(host.probes.map((p) => p.url)).toEqual([...SEED.etcdServers]);
    expect(host.probes[0]).toMatchObject({
      caFile: '/etc/kubernetes/ssl/ca.pem',
      certFile: '/x/etcd-client.pem',
      keyFile: '/etc/kubernetes/ssl/etcd-key.pem',
      timeoutMs: 3000,
    });
  });

  it('time: a clock 5 s behind the etcd members is a warning; not synchronised too', async () => {
    const now = 1_800_000_000_000;
    const late = (n: number) => ({
      ...okAnswer('{"health":"true"}', n),
      answer: { ...okAnswer('', n).answer, dateMs: n + 5000, body: '{"health":"true"}' },
    });
    const r = await run({
      now,
      etcd: { [SEED.etcdServers[0]]: { ...healthyEtcd(now), health: late(now) } },
    });
    const c = find(r, 'TimeSync');
    expect(c).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(say(c)).toBe("this host's clock is 5.0 s behind etcd at https://192.168.50.101:2379");
    expect(failing(r)).toEqual(['TimeSync']);
    const unsynced = await run({ time: { source: 'timedatectl', synchronized: false } });
    expect(say(find(unsynced, 'TimeSync'))).toBe('the clock is not synchronised (timedatectl)');
    const unknownButClose = await run({ time: { source: null, synchronized: null } });
    expect(find(unknownButClose, 'TimeSync')).toMatchObject({
      status: 'pass',
      message: { key: 'preflight.time.etcdOnly' },
    });
  });

  it('the Date header has whole seconds: the offset counts only what lies outside them', () => {
    const t = 1_800_000_000_000;
    expect(clockOffsetMs({ dateMs: t, sentMs: t + 200, receivedMs: t + 400 })).toBe(0);
    expect(clockOffsetMs({ dateMs: t, sentMs: t + 3000, receivedMs: t + 3010 })).toBe(2000);
    expect(clockOffsetMs({ dateMs: t, sentMs: t - 3010, receivedMs: t - 3000 })).toBe(-3000);
    expect(clockOffsetMs({ dateMs: null, sentMs: t, receivedMs: t })).toBeNull();
  });

  it('swap and ip_forward are warnings', async () => {
    const r = await run({ swaps: ['/dev/sda2'], sysctl: { '/proc/sys/net/ipv4/ip_forward': '0' } });
    expect(find(r, 'Swap')).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(say(find(r, 'Swap'))).toBe('swap is on: /dev/sda2');
    expect(fixOf(find(r, 'Swap'))).toBe('swapoff -a, and comment out the swap line in /etc/fstab');
    expect(find(r, 'IPForward')).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(fixOf(find(r, 'IPForward'))).toContain('sysctl -w net.ipv4.ip_forward=1');
  });
});

describe('--root', () => {
  it('skips every check of the machine and checks the files found under the root', async () => {
    const host = fakeHost('/nonexistent-never-read', {
      root: false,
      systemd: { ok: false, state: 'offline' },
    });
    host.readFile = async (p) => ({ ok: false, code: 'ENOENT', message: p });
    const root = await mkdtemp(join(tmpdir(), 'kmw-root-'));
    try {
      await writeSeedSet(root, { without: ['etcd'] });
      const realHost = (await import('../../src/preflight/host.js')).realPreflightHost();
      const r = await runPreflight(
        { answers: answers(), minor: 13 },
        { ...realHost, ...pick(host) },
        { ignore: [], root },
      );
      for (const name of [
        'IsPrivilegedUser',
        'Systemd',
        'KubernetesVersion',
        'Port-6443',
        'TimeSync',
        'Swap',
        'EtcdMember-https-192.168.50.1-2379',
      ])
        expect(find(r, name), name).toMatchObject({
          status: 'skip',
          message: { key: 'preflight.skip.root' },
        });
      expect(find(r, 'Cert-apiserver-SAN').status).toBe('pass');
      expect(find(r, 'Cert-etcd-file')).toMatchObject({
        status: 'skip',
        message: { key: 'preflight.skip.notUnderRoot' },
      });
      expect(say(find(r, 'Cert-etcd-file'))).toBe(
        `${root}/etc/kubernetes/ssl/etcd.pem is not there (under --root ${root})`,
      );
      expect(failing(r)).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

/** The machine-side functions of a fake host (files come from the real one). */
function pick(h: ReturnType<typeof fakeHost>) {
  const {
    isRoot,
    systemd,
    binaryVersion,
    addresses,
    tryListen,
    portHolders,
    etcdProbe,
    timeSync,
    swaps,
    sysctl,
  } = h;
  return {
    isRoot,
    systemd,
    binaryVersion,
    addresses,
    tryListen,
    portHolders,
    etcdProbe,
    timeSync,
    swaps,
    sysctl,
  };
}
