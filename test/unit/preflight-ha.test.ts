// The HA front's preflight checks against a fake host: its programs, the VRRP interface and the
// VIP's network, haproxy's and keepalived's verdict on the files as they would be written, the
// VIP in the apiserver certificate, the admin certificate and haproxy's port.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import type { Answers, AnswersInput } from '../../src/model/answers.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { runPreflight } from '../../src/preflight/run.js';
import type { CheckResult, PreflightReport } from '../../src/preflight/types.js';
import { APISERVER_DNS, APISERVER_IPS, makeLeaf, put, SSL, writeSeedSet } from './helpers/pki.js';
import { type FakeHost, type FakeMachine, fakeHost } from './helpers/preflight-host.js';
import { seedAnswers } from './helpers/seed-answers.js';

const en = translator('en');
const say = (c: CheckResult) => en(c.message.key, c.message.params);
const fixOf = (c: CheckResult) => (c.fix ? en(c.fix.key, c.fix.params) : '');
const find = (r: PreflightReport, name: string): CheckResult => {
  const c = r.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name}`);
  return c;
};
const failing = (r: PreflightReport) => r.checks.filter((c) => c.status === 'fail').map((c) => c.name);

function answers(ha: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Answers {
  return seedAnswers('1.24', {
    ha: { masters: ['192.168.50.101', '192.168.50.102'], vip: '192.168.50.100', ...ha },
    ...extra,
  } as Partial<AnswersInput>);
}

let dir: string;
let bare: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kmw-preflight-ha-'));
  // the seed's set, with the VIP in the apiserver certificate and an admin certificate
  const { ca } = await writeSeedSet(dir, {
    overrides: { kubernetes: { ips: [...APISERVER_IPS, '192.168.50.100'], dns: APISERVER_DNS } },
  });
  const admin = await makeLeaf(ca, { cn: 'admin', o: 'system:masters', eku: ['clientAuth'] });
  await put(dir, `${SSL}/admin.pem`, admin.certPem);
  await put(dir, `${SSL}/admin-key.pem`, admin.keyPem, 0o600);
  for (const bin of [
    '/usr/local/bin/kube-apiserver',
    '/usr/local/bin/kube-controller-manager',
    '/usr/local/bin/kube-scheduler',
    '/usr/sbin/haproxy',
    '/usr/sbin/keepalived',
    '/usr/bin/curl',
  ])
    await put(dir, bin, '#!/bin/sh\n', 0o755);
  // a host without the HA programs and with the seed's certificate (no VIP in it)
  bare = await mkdtemp(join(tmpdir(), 'kmw-preflight-ha-bare-'));
  await writeSeedSet(bare);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(bare, { recursive: true, force: true });
});

const machine = (patch: Partial<FakeMachine> = {}): Partial<FakeMachine> => ({
  versions: Object.fromEntries(
    ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => [
      `/usr/local/bin/${c}`,
      '1.24',
    ]),
  ),
  ...patch,
});
const run = async (a: Answers, patch: Partial<FakeMachine> = {}, root = dir) => {
  const host: FakeHost = fakeHost(root, machine(patch));
  return { host, report: await runPreflight({ answers: a, minor: 24 }, host, { ignore: [] }) };
};

describe('the HA front’s preflight', () => {
  it('passes on master 1 of the pair; haproxy and keepalived judged exactly what would be written', async () => {
    const { host, report } = await run(answers());
    expect(failing(report)).toEqual([]);
    const names = report.checks.map((c) => c.name);
    for (const n of [
      'FileExisting-haproxy',
      'FileExisting-keepalived',
      'FileExisting-curl',
      'HA-interface',
      'HA-vip',
      'HAProxyConfig',
      'KeepalivedConfig',
      'Cert-admin-file',
      'Cert-admin-key',
      'Cert-admin-CA',
      'Cert-admin-clientAuth',
      'Port-8443',
    ])
      expect(names, n).toContain(n);
    expect(say(find(report, 'HA-interface'))).toBe('VRRP on eth0');
    expect(host.checked.keepalived).toContain('    interface eth0\n');
    expect(host.checked.keepalived).toContain('unicast_src_ip 192.168.50.101');
    expect(host.checked.haproxy).toContain('bind 192.168.50.100:8443 transparent');
  });

  it('without ha: none of these checks is run', async () => {
    const plain = parseAnswers({ ...answers(), ha: undefined });
    if (!plain.ok) throw new Error('plain');
    const { report } = await run(plain.answers);
    expect(
      report.checks.map((c) => c.name).filter((n) => /haproxy|keepalived|HA-|admin|8443/i.test(n)),
    ).toEqual([]);
  });

  it('missing programs say how to install them from Debian', async () => {
    const { report } = await run(answers(), {}, bare);
    const c = find(report, 'FileExisting-keepalived');
    expect(c.status).toBe('fail');
    expect(say(c)).toBe('/usr/sbin/keepalived is not installed (the HA front needs it)');
    expect(fixOf(c)).toBe(
      'apt-get install -y haproxy keepalived curl (Debian and Ubuntu; yum install -y haproxy keepalived curl on CentOS)',
    );
    // the programs cannot judge their files while they are missing
    expect(find(report, 'HAProxyConfig')).toMatchObject({ status: 'skip' });
    // the seed's certificate does not cover the VIP
    expect(find(report, 'Cert-apiserver-SAN')).toMatchObject({ status: 'fail' });
    expect(say(find(report, 'Cert-apiserver-SAN'))).toContain('IP:192.168.50.100');
    expect(find(report, 'Cert-admin-file')).toMatchObject({ status: 'fail' });
  });

  it('a VIP outside the interface’s network and an interface this host does not have are errors', async () => {
    const outside = await run(answers({ vip: '10.20.0.100' }));
    const vip = find(outside.report, 'HA-vip');
    expect(vip.status).toBe('fail');
    expect(say(vip)).toBe(
      'the VIP 10.20.0.100 is outside the network of eth0 (192.168.50.0/24); keepalived can only move it there',
    );
    expect(fixOf(vip)).toBe('Set ha.vip to a free address of 192.168.50.0/24');
    const named = await run(answers({ interface: 'bond0' }));
    expect(find(named.report, 'HA-interface')).toMatchObject({ status: 'fail' });
    expect(fixOf(find(named.report, 'HA-interface'))).toBe(
      'Set ha.interface to one of this host’s interfaces: lo, eth0',
    );
    expect(find(named.report, 'KeepalivedConfig').status).toBe('pass');
  });

  it('the programs’ own refusal is an error that quotes them', async () => {
    const { report } = await run(answers(), {
      configs: {
        keepalived: { ok: false, output: "WARNING - interface eth0 for vrrp_instance doesn't exist" },
      },
    });
    const c = find(report, 'KeepalivedConfig');
    expect(c.status).toBe('fail');
    expect(say(c)).toBe(
      "keepalived refuses /etc/keepalived/keepalived.conf as it would be written: WARNING - interface eth0 for vrrp_instance doesn't exist",
    );
  });

  it('haproxy’s port: held by haproxy itself is a re-run, by something else an error', async () => {
    const ours = await run(answers(), {
      ports: { '0.0.0.0:8443': { state: 'in-use' } },
      holders: { 8443: [{ pid: 42, command: 'haproxy', unit: 'haproxy.service', address: '0.0.0.0' }] },
    });
    expect(find(ours.report, 'Port-8443')).toMatchObject({
      status: 'pass',
      message: { key: 'preflight.port.ours' },
    });
    const other = await run(answers(), {
      ports: { '0.0.0.0:8443': { state: 'in-use' } },
      holders: { 8443: [{ pid: 7, command: 'nginx', unit: 'nginx.service', address: '0.0.0.0' }] },
    });
    expect(find(other.report, 'Port-8443').status).toBe('fail');
  });
});
