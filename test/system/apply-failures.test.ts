// Real failures on a real systemd, each diagnosed from the unit's journal by the built CLI:
// a flag the binary's version does not have, a missing certificate, a stopped etcd
// cluster, a port already taken. Each run must end within seconds with exit 1.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { removedIn } from '../../src/model/flag-table.js';
import { bootMaster, type Master, SQUATTER_UNIT, seedAnswers, shown, squatPort } from './apply-helpers.js';
import { installStandins } from './harness/standins.js';
import { waitUntil } from './harness/wait.js';

describe('kmaster-wizard apply diagnoses failures on a real systemd', () => {
  let m: Master;
  let answers: string;

  beforeAll(async () => {
    m = await bootMaster('1.13.12');
    answers = await m.answers('seed', seedAnswers());
  });
  afterAll(async () => {
    await m?.sandbox.stop();
  });
  afterEach(async () => {
    await m.stopKubeUnits();
  });

  // preflight would stop each of these runs before anything starts (test/system/preflight.test.ts);
  // past it, the units' own failures are diagnosed from the journal
  const timedApply = async () => {
    const t0 = Date.now();
    const r = await m.apply(answers, '--ignore-preflight-errors=all');
    return { r, ms: Date.now() - t0 };
  };

  it('a flag the binary does not have: unknown flag, the version that removed it, and the version mismatch', async () => {
    await installStandins(m.sandbox, '1.24.0', { etcdTimeoutMs: 3000 });
    try {
      const { r, ms } = await timedApply();
      expect(r.exitCode, shown(r)).toBe(1);
      const flag = /Error: unknown flag: (--[\w-]+)/.exec(r.stdout)?.[1];
      expect(flag, shown(r)).toBeDefined();
      const removed = removedIn('kube-apiserver', flag!);
      expect(removed).not.toBeNull();
      expect(r.stdout).toContain(
        `Cause: kube-apiserver 1.24 does not know the flag ${flag}: it was removed in Kubernetes ${removed}.`,
      );
      expect(r.stdout).toContain(
        'Fix: The answers say Kubernetes 1.13, but /usr/local/bin/kube-apiserver is 1.24: set kubernetesVersion: "1.24"',
      );
      expect(r.stdout).toContain('Last lines of journalctl -u kube-apiserver.service:');
      expect(ms).toBeLessThan(20_000);
    } finally {
      await installStandins(m.sandbox, '1.13.12', { etcdTimeoutMs: 3000 });
    }
  });

  it('a missing certificate: names the file', async () => {
    const cert = '/etc/kubernetes/ssl/kubernetes.pem';
    await m.sandbox.exec(['mv', cert, `${cert}.away`]);
    try {
      const { r, ms } = await timedApply();
      expect(r.exitCode, shown(r)).toBe(1);
      expect(r.stdout).toMatch(
        /kube-apiserver \| F\d{4} .*open \/etc\/kubernetes\/ssl\/kubernetes\.pem: no such file or directory/,
      );
      expect(r.stdout).toContain(`Cause: The certificate or key file ${cert} does not exist.`);
      expect(ms).toBeLessThan(20_000);
    } finally {
      await m.sandbox.exec(['mv', `${cert}.away`, cert]);
    }
  });

  it('a stopped etcd cluster: etcd unreachable, and the table shows every member unhealthy', async () => {
    for (const member of m.etcd.members) await m.etcd.stopMember(member.name);
    try {
      const { r, ms } = await timedApply();
      expect(r.exitCode, shown(r)).toBe(1);
      expect(r.stdout).toMatch(/Cause: etcd at https:\/\/192\.168\.50\.\d+:2379 cannot be reached: /);
      expect(r.stdout).toMatch(/Fix: Start the etcd cluster/);
      const etcdRows = r.stdout.split('\n').filter((l) => /^etcd-\d /.test(l));
      expect(etcdRows).toHaveLength(3);
      for (const row of etcdRows) expect(row).toMatch(/Unhealthy/);
      expect(ms, `${ms} ms`).toBeLessThan(30_000);
    } finally {
      // all members at once: each one is ready only when it has found its peers
      await m.sandbox.systemctl('start', ...m.etcd.members.map((x) => x.unit));
      await m.etcd.waitHealthy();
    }
  });

  it('a port already taken: address in use, with how to find the process', async () => {
    await squatPort(m.sandbox, '192.168.50.101', 6443);
    try {
      const { r, ms } = await timedApply();
      expect(r.exitCode, shown(r)).toBe(1);
      expect(r.stdout).toContain('Cause: Another process already listens on 192.168.50.101:6443.');
      expect(r.stdout).toContain('Fix: Find it with: ss -ltnp "sport = :6443"');
      expect(ms).toBeLessThan(20_000);
    } finally {
      await m.sandbox.systemctl('stop', SQUATTER_UNIT);
    }
  });

  it('Ctrl-C (SIGINT) during the wait stops it and the journal follower, reports the host, exit 130', async () => {
    // with etcd down the apiserver keeps retrying for a few seconds: time to interrupt
    await m.sandbox.systemctl('stop', ...m.etcd.members.map((x) => x.unit));
    try {
      const child = m.sandbox.spawn([
        process.execPath,
        m.cli,
        '--lang',
        'en',
        'apply',
        '--answers',
        answers,
        '--yes',
        '--ignore-preflight-errors=all',
      ]);
      let out = '';
      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (c: string) => {
        out += c;
      });
      await waitUntil(() => out.includes('▶ Wait until kube-apiserver is active and healthy'), {
        timeoutMs: 20_000,
        intervalMs: 20,
        what: 'the wait phase',
      });
      const sent = await m.sandbox.exec(['pkill', '-INT', '-f', `${m.cli} --lang en apply`]);
      expect(sent.exitCode).toBe(0);
      const r = await child;
      expect(r.exitCode, out).toBe(130);
      expect(out).toContain('Cancelled. Nothing more runs; this is where the host is:');
      expect(out).toMatch(/kube-apiserver\.service: (activating|failed|inactive) /);
      // nothing of the run is left: no journalctl, no systemctl, no kmaster-wizard
      const left = await m.sandbox.exec(['pgrep', '-a', '-f', 'journalctl|systemctl|kmaster-wizard']);
      expect(left.stdout.trim()).toBe('');
      // every file is whole: the same bytes as a dry run renders
      const apiserver = await m.sandbox.readFile('/etc/kubernetes/apiserver');
      expect(apiserver).toContain('KUBE_API_ARGS=');
      expect(apiserver.endsWith('\n')).toBe(true);
    } finally {
      await m.sandbox.systemctl('start', ...m.etcd.members.map((x) => x.unit));
      await m.etcd.waitHealthy();
    }
  });

  it('after the causes are gone the same answers apply cleanly', async () => {
    const { r } = await timedApply();
    expect(r.exitCode, shown(r)).toBe(0);
  });
});
