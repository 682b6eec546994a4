// kmaster-wizard doctor on a real systemd: the guide's hand-made 1.13 install (test/fixtures/seed)
// with stand-in binaries in front of a real TLS etcd cluster. Healthy, it says nothing is wrong
// and shows the status table; an expired apiserver certificate, a stopped etcd member and a
// `${VAR}` unit are each their own finding; 1.24 binaries under the 1.13 files give every
// removed flag per unit with the version that removed it and the fix. Every run is checked to
// change nothing: every file under /etc and the unit directories, and every unit's state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootMaster, type Master, shown, UNITS } from './apply-helpers.js';
import {
  doctorReadOnly,
  fingerprint,
  installSeedByHand,
  type JsonFinding,
  removedFlags,
  reportOf,
  settle,
} from './doctor-helpers.js';
import { defaultLeafSpecs, makeLeaf, SSL_DIR } from './harness/certs.js';
import type { ExecResult } from './harness/sandbox.js';
import { installStandins } from './harness/standins.js';
import { terminalInSandbox } from './harness/terminal.js';
import { waitUntil } from './harness/wait.js';

const findingsOf = (r: ExecResult): JsonFinding[] => reportOf(r).findings;
const subjects = (fs: JsonFinding[]) => fs.map((f) => `${f.kind} ${f.subject}`).sort();

describe('kmaster-wizard doctor on the guide’s hand-made master (real systemd, stand-ins)', () => {
  let m: Master;

  const healthy = () =>
    waitUntil(async () => (await m.cliRun('status')).exitCode === 0, {
      timeoutMs: 90_000,
      intervalMs: 1000,
      what: 'every component healthy',
    });

  beforeAll(async () => {
    m = await bootMaster('1.13.12');
    await installSeedByHand(m.sandbox);
    await healthy();
    await settle(m.sandbox);
  });
  afterAll(async () => {
    await m?.sandbox.stop();
  });

  it('a healthy master: exit 0, one line and the status table only, nothing changed', async () => {
    const r = await doctorReadOnly(m);
    expect(r.exitCode, shown(r)).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('kmaster-wizard doctor read 6 files of the master on this host: nothing is wrong.');
    expect(lines[2]).toBe('Component status (Kubernetes 1.13)');
    const rows = lines.filter((l) => /^(etcd-\d |kube-[a-z-]+ {2,}\S)/.test(l));
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row).toMatch(/\sHealthy\s/);
    expect(lines.at(-1)).toBe('Every component is healthy.');
    expect(r.stdout).not.toMatch(/^[✗!] \d+\. /m);

    const json = await doctorReadOnly(m, '--json');
    expect(json.exitCode, shown(json)).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.files).toEqual([
      // /lib is /usr/lib on this Debian: systemd (and doctor) find the guide's units there
      '/usr/lib/systemd/system/kube-apiserver.service',
      '/etc/kubernetes/apiserver',
      '/usr/lib/systemd/system/kube-controller-manager.service',
      '/etc/kubernetes/controller-manager',
      '/usr/lib/systemd/system/kube-scheduler.service',
      '/etc/kubernetes/scheduler',
    ]);
    expect(report.components.map((c: { version: string }) => c.version)).toEqual(['1.13', '1.13', '1.13']);
  });

  it('an expired apiserver certificate is its own finding', async () => {
    const dir = `${m.sandbox.shareDir}/expired`;
    await m.sandbox.exec(['mkdir', '-p', dir]);
    await m.sandbox.exec([
      'cp',
      `${m.sandbox.shareDir}/certs/ca.pem`,
      `${m.sandbox.shareDir}/certs/ca-key.pem`,
      dir,
    ]);
    await makeLeaf(dir, 'kubernetes', { ...defaultLeafSpecs().kubernetes, expired: true });
    const cert = `${SSL_DIR}/kubernetes.pem`;
    const key = `${SSL_DIR}/kubernetes-key.pem`;
    await m.sandbox.exec(['cp', '-a', cert, `${cert}.good`]);
    await m.sandbox.exec(['cp', '-a', key, `${key}.good`]);
    await m.sandbox.exec(['install', '-m', '0644', `${dir}/kubernetes.pem`, cert]);
    await m.sandbox.exec(['install', '-m', '0600', `${dir}/kubernetes-key.pem`, key]);
    try {
      const r = await doctorReadOnly(m, '--json');
      expect(r.exitCode, shown(r)).toBe(1);
      const findings = findingsOf(r);
      expect(subjects(findings)).toEqual(['check Cert-apiserver-validity']);
      expect(findings[0]!.what.text).toBe(`${cert} expired on 2020-02-01 00:00 UTC`);
      expect(findings[0]!.fix[0]!.text).toMatch(
        /^Renew \/etc\/kubernetes\/ssl\/kubernetes\.pem with the same CA/,
      );
    } finally {
      await m.sandbox.exec(['mv', `${cert}.good`, cert]);
      await m.sandbox.exec(['mv', `${key}.good`, key]);
    }
  });

  it('a stopped etcd member is its own finding', async () => {
    await m.etcd.stopMember('etcd-102');
    try {
      await settle(m.sandbox);
      const r = await doctorReadOnly(m, '--json');
      expect(r.exitCode, shown(r)).toBe(1);
      const findings = findingsOf(r);
      const member = findings.filter((f) => f.subject === 'EtcdMember-https-192.168.50.102-2379');
      expect(member, shown(r)).toHaveLength(1);
      expect(member[0]!.what.text).toBe(
        'https://192.168.50.102:2379: connection refused (no etcd listening)',
      );
      expect(member[0]!.fix[0]!.text).toContain('192.168.50.102');
      // the other members are fine, and say nothing
      expect(findings.filter((f) => /EtcdMember-https-192\.168\.50\.(101|1)-/.test(f.subject))).toEqual([]);
    } finally {
      await m.etcd.startMember('etcd-102');
      await m.etcd.waitHealthy();
      await healthy();
    }
  });

  it('a unit with a braced variable is its own finding, beside the unit it breaks', async () => {
    const unit = '/usr/lib/systemd/system/kube-scheduler.service';
    const original = await m.sandbox.readFile(unit);
    await m.sandbox.writeFile(unit, original.replace('$KUBE_SCHEDULER_ARGS', `\${KUBE_SCHEDULER_ARGS}`));
    await m.sandbox.systemctl('daemon-reload');
    await m.sandbox.systemctl('restart', 'kube-scheduler.service');
    try {
      await settle(m.sandbox);
      const r = await doctorReadOnly(m, '--json');
      expect(r.exitCode, shown(r)).toBe(1);
      const findings = findingsOf(r);
      const braced = findings.filter((f) => f.kind === 'braced-variable');
      expect(braced, shown(r)).toHaveLength(1);
      expect(braced[0]!.evidence).toMatchObject([{ file: unit, line: 7, text: `\${KUBE_SCHEDULER_ARGS}` }]);
      expect(braced[0]!.fix[0]!.text).toBe(
        `Write $KUBE_SCHEDULER_ARGS instead of \${KUBE_SCHEDULER_ARGS} in ${unit} (line 7).`,
      );
      // the scheduler got one argument and stopped: the unit, with its journal line
      const failed = findings.filter((f) => f.kind === 'unit' && f.subject === 'kube-scheduler.service');
      expect(failed, shown(r)).toHaveLength(1);
      expect(failed[0]!.evidence[0]?.text).toMatch(
        // releases before 1.22 print the error again after the usage, as "error: …"
        /^error: invalid argument "true --address=127\.0\.0\.1 .*" for "--leader-elect" flag/,
      );
      expect(failed[0]!.cause?.text).toMatch(
        /^kube-scheduler does not take “true --address=127\.0\.0\.1 .*” as the value of --leader-elect\.$/,
      );
    } finally {
      await m.sandbox.writeFile(unit, original);
      await m.sandbox.systemctl('daemon-reload');
      await m.sandbox.systemctl('reset-failed', 'kube-scheduler.service');
      await m.sandbox.systemctl('restart', 'kube-scheduler.service');
      await healthy();
    }
  });

  it('1.24 binaries under the 1.13 files: each removed flag per unit, with the version that removed it and the fix; exit 1; nothing changed', async () => {
    await installStandins(m.sandbox, '1.24.17', { etcdTimeoutMs: 3000 });
    await m.sandbox.systemctl('restart', ...UNITS);
    await settle(m.sandbox);
    const r = await doctorReadOnly(m, '--json');
    expect(r.exitCode, shown(r)).toBe(1);
    const findings = findingsOf(r);
    expect(removedFlags(findings)).toEqual([
      [
        'kube-apiserver',
        '--enable-swagger-ui',
        '1.24',
        '/etc/kubernetes/apiserver:31: --enable-swagger-ui=true',
      ],
      ['kube-apiserver', '--kubelet-https', '1.22', '/etc/kubernetes/apiserver:32: --kubelet-https=true'],
      ['kube-scheduler', '--address', '1.24', '/etc/kubernetes/scheduler:6: --address=127.0.0.1'],
    ]);
    const fixes = (flag: string) =>
      findings.find((f) => f.what.params?.flag === flag)!.fix.map((x) => x.text);
    expect(fixes('--kubelet-https')).toEqual([
      'Remove --kubelet-https=true from /etc/kubernetes/apiserver (line 32).',
      expect.stringContaining('write them for Kubernetes 1.24'),
    ]);
    expect(fixes('--address')[0]).toBe(
      'Replace --address=127.0.0.1 in /etc/kubernetes/scheduler (line 6) by --bind-address.',
    );
    expect(findings.filter((f) => f.kind === 'flag-required').map((f) => f.what.params?.flag)).toEqual([
      '--service-account-issuer',
      '--service-account-signing-key-file',
    ]);
    expect(findings.filter((f) => f.kind === 'insecure-port').map((f) => f.subject)).toEqual([
      'kube-controller-manager',
      'kube-scheduler',
    ]);
    // the units that stopped, each with the real journal line of its binary
    const unit = (name: string) => findings.find((f) => f.kind === 'unit' && f.subject === name);
    expect(unit('kube-apiserver.service')?.evidence[0]?.text).toBe(
      'Error: unknown flag: --enable-swagger-ui',
    );
    expect(unit('kube-apiserver.service')?.cause?.text).toBe(
      'kube-apiserver 1.24 does not know the flag --enable-swagger-ui: it was removed in Kubernetes 1.24.',
    );
    expect(unit('kube-scheduler.service')?.evidence[0]?.text).toBe('Error: unknown flag: --address');

    // the same in plain text, and in Chinese
    const text = await doctorReadOnly(m);
    expect(text.exitCode, shown(text)).toBe(1);
    expect(text.stdout).toContain(
      '✗ 2. kube-apiserver: kube-apiserver 1.24 does not start with --kubelet-https: it was removed in Kubernetes 1.22.',
    );
    expect(text.stdout).toContain('   evidence: /etc/kubernetes/apiserver:32: --kubelet-https=true');
    expect(text.stdout).toContain(
      '   fix: 1) Remove --kubelet-https=true from /etc/kubernetes/apiserver (line 32).',
    );
    expect(text.stdout).toContain('Component status (Kubernetes 1.24)');
    const zh = await doctorReadOnly(m, 'zh');
    expect(zh.exitCode, shown(zh)).toBe(1);
    expect(zh.stdout).toContain(
      'kube-apiserver 1.24 带着 --kubelet-https 无法启动:该参数已在 Kubernetes 1.22 移除。',
    );
    expect(zh.stdout).toContain(
      '   修复: 1) 从 /etc/kubernetes/apiserver(第 32 行)中删除 --kubelet-https=true。',
    );
  });

  it('the wizard on this master offers to diagnose it; choosing it runs doctor in the terminal, which changes nothing', async () => {
    const before = await fingerprint(m.sandbox);
    // the program in the sandbox, where its systemd and the master are; the terminal outside
    const t = terminalInSandbox(m.sandbox, ['--lang', 'en'], { cols: 120, rows: 40 });
    try {
      const offer = 'Diagnose this master: kube-apiserver.service, kube-scheduler.service failed';
      const rows = (await t.waitFor(offer, 30_000)).split('\n');
      // it is the last choice: down from wherever the start screen put the focus
      const downs = rows.findIndex((l) => l.includes(offer)) - rows.findIndex((l) => l.startsWith('▸ '));
      t.keys(...Array<string>(downs).fill('Down'));
      await t.when(`▸ ${offer}`, 'Enter');
      expect(await t.exited(60_000)).toBe(1);
      const out = t.scrollback();
      expect(out).toContain(
        'kube-apiserver 1.24 does not start with --kubelet-https: it was removed in Kubernetes 1.22.',
      );
      expect(out).toContain('Component status (Kubernetes 1.24)');
    } finally {
      t.close();
    }
    const after = await fingerprint(m.sandbox);
    expect(after.files).toBe(before.files);
    expect(after.units).toBe(before.units);
  });
});
