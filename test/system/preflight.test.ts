// Preflight on a real systemd with a real 3-member TLS etcd cluster: the built CLI finds a
// stopped etcd member and an etcd client certificate without client auth before any unit
// starts (exit 1, the right check names, nothing written); the seed's certificates (made by
// openssl) pass; after a clean apply the ports held by our own units count as a re-run.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootMaster,
  type Master,
  SQUATTER_UNIT,
  seedAnswers,
  shown,
  squatPort,
  UNITS,
} from './apply-helpers.js';
import { ETCD_SANS, makeLeaf, SSL_DIR } from './harness/certs.js';
import type { ExecResult } from './harness/sandbox.js';
import { installStandins } from './harness/standins.js';

interface JsonCheck {
  name: string;
  severity: 'error' | 'warning';
  status: 'pass' | 'fail' | 'skip' | 'ignored';
  text: string;
  fixText?: string;
}

const MEMBERS = [
  'EtcdMember-https-192.168.50.101-2379',
  'EtcdMember-https-192.168.50.102-2379',
  'EtcdMember-https-192.168.50.1-2379',
];

describe('preflight on a real systemd and etcd', () => {
  let m: Master;
  let seed: string;

  beforeAll(async () => {
    m = await bootMaster('1.13.12');
    seed = await m.answers('seed', seedAnswers());
  });
  afterAll(async () => {
    await m?.sandbox.stop();
  });

  const preflight = (file: string, ...extra: string[]) =>
    m.cliRun('--lang', 'en', 'preflight', '--answers', file, ...extra);
  const report = (r: ExecResult): JsonCheck[] => {
    try {
      return JSON.parse(r.stdout).checks;
    } catch {
      throw new Error(`not JSON:\n${shown(r)}`);
    }
  };
  const errors = (checks: JsonCheck[]) =>
    checks.filter((c) => c.status === 'fail' && c.severity === 'error').map((c) => c.name);
  /** nothing of the wizard's on disk, and no kube unit has started */
  const untouched = async () => {
    for (const f of ['/etc/kubernetes/apiserver', '/etc/systemd/system/kube-apiserver.service'])
      expect(await m.sandbox.exists(f), f).toBe(false);
    for (const unit of UNITS) {
      const r = await m.sandbox.exec(['systemctl', 'is-active', unit]);
      expect(r.stdout.trim(), unit).toBe('inactive');
    }
  };

  it("the seed's certificates and a healthy cluster pass: exit 0", async () => {
    const t0 = Date.now();
    const r = await preflight(seed, '--json');
    const ms = Date.now() - t0;
    expect(r.exitCode, shown(r)).toBe(0);
    const checks = report(r);
    expect(errors(checks)).toEqual([]);
    for (const name of [
      'IsPrivilegedUser',
      'Systemd',
      'KubernetesVersion',
      'HostAddress-advertise',
      'Port-6443',
      'Cert-apiserver-SAN',
      'Cert-etcd-clientAuth',
      ...MEMBERS,
    ])
      expect(checks.find((c) => c.name === name)?.status, name).toBe('pass');
    expect(checks.find((c) => c.name === MEMBERS[0])?.text).toMatch(/^etcd 3\.\d+\.\d+, healthy \(\d+ ms\)$/);
    expect(ms, `${ms} ms`).toBeLessThan(15_000);
    await untouched();
  });

  it('a stopped etcd member: its check fails, and apply stops before writing anything', async () => {
    await m.etcd.stopMember('etcd-1');
    try {
      const r = await preflight(seed);
      expect(r.exitCode, shown(r)).toBe(1);
      expect(r.stdout).toMatch(
        /✗ EtcdMember-https-192\.168\.50\.1-2379 +error +FAIL +https:\/\/192\.168\.50\.1:2379: connection refused \(no etcd listening\)\n {6}Fix: Start etcd on 192\.168\.50\.1/,
      );
      expect(r.stdout).toMatch(/✓ EtcdMember-https-192\.168\.50\.101-2379 +error +pass/);
      const json = report(await preflight(seed, '--json'));
      expect(errors(json)).toEqual(['EtcdMember-https-192.168.50.1-2379']);

      const t0 = Date.now();
      const applied = await m.apply(seed);
      expect(applied.exitCode, shown(applied)).toBe(1);
      expect(applied.stderr).toContain('apply stopped before writing anything: 1 preflight error.');
      expect(Date.now() - t0).toBeLessThan(15_000);
      await untouched();

      // ignoring it by name lets preflight pass
      const ignored = await preflight(seed, '--ignore-preflight-errors=etcdmember-https-192.168.50.1-2379');
      expect(ignored.exitCode, shown(ignored)).toBe(0);
    } finally {
      await m.etcd.startMember('etcd-1');
      await m.etcd.waitHealthy();
    }
  });

  it('an etcd client certificate without client auth: every member refuses it, and the certificate check names why', async () => {
    const dir = join(m.sandbox.shareDir, 'certs');
    await makeLeaf(dir, 'etcd-noclient', { cn: 'etcd', o: 'k8s', sans: ETCD_SANS, eku: ['serverAuth'] });
    for (const [from, to, mode] of [
      ['etcd-noclient.pem', 'etcd-noclient.pem', '0644'],
      ['etcd-noclient-key.pem', 'etcd-noclient-key.pem', '0600'],
    ] as const) {
      const r = await m.sandbox.exec(['install', '-m', mode, join(dir, from), `${SSL_DIR}/${to}`]);
      expect(r.exitCode, shown(r)).toBe(0);
    }
    const file = await m.answers(
      'noclient',
      seedAnswers({
        certs: {
          etcdCertFile: `${SSL_DIR}/etcd-noclient.pem`,
          etcdKeyFile: `${SSL_DIR}/etcd-noclient-key.pem`,
        },
      }),
    );
    const r = await preflight(file, '--json');
    expect(r.exitCode, shown(r)).toBe(1);
    const checks = report(r);
    expect(errors(checks).sort()).toEqual(['Cert-etcd-clientAuth', ...MEMBERS].sort());
    expect(checks.find((c) => c.name === 'Cert-etcd-clientAuth')?.text).toBe(
      `${SSL_DIR}/etcd-noclient.pem may not be used for client auth (extended key usage: serverAuth)`,
    );
    for (const name of MEMBERS)
      expect(checks.find((c) => c.name === name)?.text, name).toMatch(
        /^https:\/\/192\.168\.50\.\d+:2379 refused the client certificate \/etc\/kubernetes\/ssl\/etcd-noclient\.pem \(bad certificate\)$/,
      );
    // the cluster itself is fine: the same run with the seed's certificate passes
    expect(errors(report(await preflight(seed, '--json')))).toEqual([]);

    const applied = await m.apply(file);
    expect(applied.exitCode, shown(applied)).toBe(1);
    expect(applied.stdout).toMatch(/✗ Cert-etcd-clientAuth +error +FAIL/);
    expect(applied.stderr).toContain('apply stopped before writing anything: 4 preflight errors.');
    await untouched();
  });

  it('binaries of another version, a missing certificate and a port taken: each its named check', async () => {
    await installStandins(m.sandbox, '1.24.0', { etcdTimeoutMs: 3000 });
    const cert = `${SSL_DIR}/kubernetes.pem`;
    await m.sandbox.exec(['mv', cert, `${cert}.away`]);
    await squatPort(m.sandbox, '192.168.50.101', 6443);
    try {
      const r = await preflight(seed, '--json');
      expect(r.exitCode, shown(r)).toBe(1);
      const checks = report(r);
      // the 1.24 binaries lack flags the 1.13 files give them: Flags-* says which
      expect(errors(checks).sort()).toEqual([
        'Cert-apiserver-file',
        'Flags-kube-apiserver',
        'Flags-kube-scheduler',
        'KubernetesVersion',
        'Port-6443',
      ]);
      const text = (name: string) => checks.find((c) => c.name === name)?.text;
      expect(text('Flags-kube-apiserver')).toBe(
        'kube-apiserver 1.24 (/usr/local/bin/kube-apiserver) does not accept --enable-swagger-ui, --kubelet-https: the unit would exit at once with "unknown flag"',
      );
      expect(text('Flags-kube-scheduler')).toContain('does not accept --address:');
      expect(text('KubernetesVersion')).toBe(
        'the answers are for Kubernetes 1.13, but the binaries are kube-apiserver 1.24, kube-controller-manager 1.24, kube-scheduler 1.24',
      );
      expect(text('Cert-apiserver-file')).toBe(`${cert} (certs.apiserverCertFile) does not exist`);
      expect(text('Port-6443')).toMatch(
        /^192\.168\.50\.101:6443 is already in use by PID \d+ \(node, kmw-port-squatter\.service\)$/,
      );
      const applied = await m.apply(seed);
      expect(applied.exitCode, shown(applied)).toBe(1);
      expect(applied.stderr).toContain('apply stopped before writing anything: 5 preflight errors.');
      await untouched();
    } finally {
      await m.sandbox.systemctl('stop', SQUATTER_UNIT);
      await m.sandbox.exec(['mv', `${cert}.away`, cert]);
      await installStandins(m.sandbox, '1.13.12', { etcdTimeoutMs: 3000 });
    }
  });

  it('a binary whose --help lacks one flag the files give it: preflight names it, and apply writes nothing', async () => {
    await installStandins(m.sandbox, '1.13.12', { etcdTimeoutMs: 3000, without: ['--event-ttl'] });
    try {
      const r = await preflight(seed, '--json');
      expect(r.exitCode, shown(r)).toBe(1);
      const checks = report(r);
      expect(errors(checks)).toEqual(['Flags-kube-apiserver']);
      expect(checks.find((c) => c.name === 'Flags-kube-apiserver')?.text).toBe(
        'kube-apiserver 1.13 (/usr/local/bin/kube-apiserver) does not accept --event-ttl: the unit would exit at once with "unknown flag"',
      );
      expect(checks.find((c) => c.name === 'Flags-kube-scheduler')?.status).toBe('pass');
      const applied = await m.apply(seed);
      expect(applied.exitCode, shown(applied)).toBe(1);
      expect(applied.stdout).toContain('does not accept --event-ttl');
      expect(applied.stderr).toContain('apply stopped before writing anything: 1 preflight error.');
      await untouched();
    } finally {
      await installStandins(m.sandbox, '1.13.12', { etcdTimeoutMs: 3000 });
    }
  });

  it('after a clean apply, the ports held by our own units are a re-run, not a conflict', async () => {
    const applied = await m.apply(seed);
    expect(applied.exitCode, shown(applied)).toBe(0);
    const checks = report(await preflight(seed, '--json'));
    expect(errors(checks)).toEqual([]);
    for (const [port, unit] of [
      ['6443', 'kube-apiserver.service'],
      ['8080', 'kube-apiserver.service'],
      ['10257', 'kube-controller-manager.service'],
      ['10259', 'kube-scheduler.service'],
    ] as const) {
      const c = checks.find((x) => x.name === `Port-${port}`);
      expect(c?.status, port).toBe('pass');
      expect(c?.text, port).toMatch(
        new RegExp(`is held by ${unit.replace('.', '\\.')} \\(PID \\d+\\): a re-run$`),
      );
    }
  });
});
