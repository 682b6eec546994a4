// The master, for real: the seed's answers → `apply --yes` with the real binaries of each test
// release, on a real systemd in front of a real 3-member TLS etcd cluster (Debian's etcd), read
// back with the real kubectl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootMaster, type Master, seedAnswers, shown, UNITS } from '../system/apply-helpers.js';
import { kubectl, testVersions, writeAdminKubeconfig } from '../system/harness/real-binaries.js';
import type { ExecResult } from '../system/harness/sandbox.js';

const must = (r: ExecResult) => {
  expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
};

const leaseHolder = async (m: Master, lock: string) =>
  must(
    await kubectl(
      m.sandbox,
      '-n',
      'kube-system',
      'get',
      'lease',
      lock,
      '-o',
      'jsonpath={.spec.holderIdentity}',
    ),
  ).trim();

describe.each(testVersions())('kmaster-wizard apply with the real Kubernetes %s binaries', (version) => {
  let m: Master;
  let answersFile: string;
  let first: ExecResult;
  const minor = version.split('.').slice(0, 2).join('.');

  beforeAll(async () => {
    m = await bootMaster(version, { real: true });
    await writeAdminKubeconfig(m.sandbox, 'https://192.168.50.101:6443');
    answersFile = await m.answers('real', seedAnswers({ kubernetesVersion: minor }));
    first = await m.apply(answersFile);
  });
  afterAll(async () => {
    await m?.sandbox.stop();
  });

  it('starts the three units and ends with every component healthy', async () => {
    expect(first.exitCode, shown(first)).toBe(0);
    expect(first.stdout).toContain('Applied. Every component is healthy.');
    for (const unit of UNITS)
      expect((await m.sandbox.systemctl('is-active', unit)).stdout.trim()).toBe('active');
    expect(first.stdout).toMatch(/^kube-apiserver +active \(running\) +Healthy +livez: 200 ok,/m);
    const wide = await m.cliRun('status', '--answers', answersFile, '-o', 'wide');
    expect(wide.stdout).toMatch(
      /kube-apiserver +active \(running\) +https:\/\/192\.168\.50\.101:6443\/livez https:\/\/192\.168\.50\.101:6443\/readyz +Healthy/,
    );
  });

  it('the real apiserver is ready, and says it is the release the binaries are', async () => {
    expect(must(await kubectl(m.sandbox, 'get', '--raw', '/readyz?verbose'))).toContain(
      'readyz check passed',
    );
    expect(JSON.parse(must(await kubectl(m.sandbox, 'get', '--raw', '/version'))).gitVersion).toBe(
      `v${version}`,
    );
  });

  it('the controller-manager and the scheduler hold their Leases, as the status table says', async () => {
    const wide = await m.cliRun('status', '--answers', answersFile, '-o', 'wide');
    for (const c of ['kube-controller-manager', 'kube-scheduler']) {
      const holder = await leaseHolder(m, c);
      expect(holder).toMatch(/^kmw-master-101_[0-9a-f-]{36}$/);
      expect(wide.stdout).toContain(`${c}: ${holder} (Lease)`);
    }
    const status = await m.cliRun('status', '--answers', answersFile, '--json');
    expect(status.exitCode, shown(status)).toBe(0);
    const report = JSON.parse(status.stdout) as { leaders: { lock: string; holder: string | null }[] };
    for (const row of report.leaders) {
      expect(row.holder, row.lock).toBe(await leaseHolder(m, row.lock));
    }
    expect(report.leaders.map((l) => l.lock).sort()).toEqual(['kube-controller-manager', 'kube-scheduler']);
  });

  it('the controller-manager works: it creates the service account of the default namespace', async () => {
    // the token controller needs the service-account signing key the wizard gave it
    const sa = await kubectl(m.sandbox, 'get', 'serviceaccount', 'default', '-n', 'default', '-o', 'name');
    expect(sa.stdout.trim()).toBe('serviceaccount/default');
  });

  it("preflight held every flag the files give against the binaries' own --help", () => {
    for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
      expect(first.stdout).toMatch(new RegExp(`Flags-${c} +error +pass`));
  });

  it("a removed flag given as an extra argument: preflight names it with the real binary's version", async () => {
    const bad = await m.answers(
      'removed-flag',
      seedAnswers({ kubernetesVersion: minor, apiserver: { extraArgs: ['--insecure-port=0'] } }),
    );
    const r = await m.cliRun('--lang', 'en', 'preflight', '--answers', bad, '--json');
    expect(r.exitCode, shown(r)).toBe(1);
    const checks = JSON.parse(r.stdout).checks as { name: string; status: string; text: string }[];
    expect(
      checks.filter((c) => c.status === 'fail' && c.name.startsWith('Flags-')).map((c) => c.text),
    ).toEqual([
      `kube-apiserver ${minor} (/usr/local/bin/kube-apiserver) does not accept --insecure-port: the unit would exit at once with "unknown flag"`,
    ]);
  });

  it('a re-apply with the same answers is a no-op: nothing written, nothing restarted', async () => {
    const before = await m.mainPids();
    const again = await m.apply(answersFile);
    expect(again.exitCode, shown(again)).toBe(0);
    expect(again.stdout).not.toMatch(/^ {2}wrote /m);
    expect(await m.mainPids()).toEqual(before);
  });

  it('a one-line change restarts the real apiserver alone, waiting out its graceful stop, and ends healthy', async () => {
    const before = await m.mainPids();
    const changed = await m.answers(
      'one-line',
      seedAnswers({ kubernetesVersion: minor, serviceNodePortRange: '30000-32000' }),
    );
    const r = await m.apply(changed);
    expect(r.exitCode, shown(r)).toBe(0);
    // the old apiserver waits for its clients' connections after SIGTERM: the wait saw it stopping
    expect(r.stdout).toMatch(/kube-apiserver\.service: deactivating \(stop-sigterm\)/);
    expect(r.stdout).toContain('Applied. Every component is healthy.');
    expect((await m.mainPids())[0]).not.toBe(before[0]);
    // only the apiserver is restarted by the wizard (the real controller-manager and scheduler
    // may exit by themselves while it is down, when their leases run out, and systemd starts
    // them again: that is theirs, not a restart the wizard ran)
    expect(r.stdout.match(/\$ systemctl (re)?start .*/g)).toEqual([
      '$ systemctl restart --no-block kube-apiserver.service',
    ]);
  });
});
