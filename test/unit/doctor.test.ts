// kmaster-wizard doctor on the seed's hand-made master (test/fixtures/seed), read from a
// directory standing for `/`, with the machine given: the findings for each way the guide's
// master breaks, each with its evidence, cause and fix, in both languages; nothing written.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/commands/doctor.js';
import { exitStatusOf } from '../../src/commands/exit.js';
import { doctorJson, doctorLines, findingLines, sayText } from '../../src/doctor/format.js';
import { runDoctor } from '../../src/doctor/run.js';
import type { DoctorReport, Finding } from '../../src/doctor/types.js';
import { translator } from '../../src/i18n/index.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { captureContext } from './helpers/context.js';
import { doctorHost, type FakeDoctorHost, type FakeUnit, RUNNING } from './helpers/doctor-host.js';
import { DAYS, put, writeSeedSet } from './helpers/pki.js';
import { type FakeMachine, failedEtcd } from './helpers/preflight-host.js';

const SEED_FIXTURES = new URL('../fixtures/seed', import.meta.url).pathname;
const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;
const en = translator('en');
const zh = translator('zh');

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** The guide's hand-made master under a fresh directory: its units, EnvironmentFiles, certificates, binaries. */
async function seedMaster(opts: Parameters<typeof writeSeedSet>[1] = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kmw-doctor-'));
  dirs.push(dir);
  await cp(SEED_FIXTURES, dir, { recursive: true });
  await writeSeedSet(dir, opts);
  for (const c of COMPONENTS) await put(dir, `/usr/local/bin/${c}`, '#!/bin/sh\n', 0o755);
  return dir;
}

const binaries = (version: string): FakeMachine['versions'] =>
  Object.fromEntries(COMPONENTS.map((c) => [`/usr/local/bin/${c}`, version]));

async function doctor(
  dir: string,
  version: string,
  units: Record<string, FakeUnit> = {},
  machine: Partial<FakeMachine> = {},
): Promise<{ report: DoctorReport; host: FakeDoctorHost }> {
  const host = doctorHost(dir, units, { versions: binaries(version), ...machine });
  const report = await runDoctor(host, { root: dir, t: en });
  if (!report) throw new Error('no report');
  return { report, host };
}

const kinds = (r: DoctorReport) => r.findings.map((f) => `${f.kind} ${f.subject}`);
const whatOf = (f: Finding) => sayText(en, f.what);
const one = (r: DoctorReport, pred: (f: Finding) => boolean): Finding => {
  const found = r.findings.filter(pred);
  expect(found, kinds(r).join('\n')).toHaveLength(1);
  return found[0]!;
};
const flagFinding = (r: DoctorReport, flag: string) =>
  one(r, (f) => f.kind.startsWith('flag-') && 'key' in f.what && f.what.params?.flag === flag);

describe('doctor on a healthy master', () => {
  it('finds nothing: one line, then only the status table; exit 0; nothing written or taken', async () => {
    const dir = await seedMaster();
    const { report, host } = await doctor(dir, '1.13');
    expect(kinds(report)).toEqual([]);
    expect(report.files).toHaveLength(6);
    const lines = doctorLines(report, en);
    expect(lines[0]).toBe('kmaster-wizard doctor read 6 files of the master on this host: nothing is wrong.');
    expect(lines[2]).toBe('Component status (Kubernetes 1.13)');
    expect(lines.at(-1)).toBe('Every component is healthy.');
    expect(lines.join('\n')).not.toMatch(/✗|evidence:|fix:/);
    // read-only: no port was taken, no journal was needed
    expect(host.writes).toEqual([]);
    expect(host.journalReads).toEqual([]);

    const { ctx, out } = captureContext();
    expect(await doctorCommand(ctx, [], host, dir)).toBe(0);
    expect(out).toEqual(lines);
  });

  it('bad usage is exit 2, before anything is read', async () => {
    const host = doctorHost('/nonexistent');
    const { ctx, err } = captureContext();
    const error = await doctorCommand(ctx, ['--bogus'], host, '/nonexistent').catch((e: unknown) => e);
    expect(exitStatusOf(ctx, error, 'usage')).toBe(2);
    expect(err.join('\n')).toContain("Unknown option '--bogus'");
    expect(host.journalReads).toEqual([]);
  });

  it('says so when there is no master to read (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kmw-doctor-'));
    dirs.push(dir);
    const host = doctorHost(dir);
    expect(await runDoctor(host, { root: dir, t: en })).toBeNull();
    const { ctx, err } = captureContext();
    expect(await doctorCommand(ctx, [], host, dir)).toBe(2);
    expect(err.join('\n')).toContain('nothing to diagnose');
  });
});

describe('doctor after 1.24 binaries replaced the 1.13 ones', () => {
  const restarting: FakeUnit = {
    state: { ...RUNNING, activeState: 'activating', subState: 'auto-restart', mainPid: 0, nRestarts: 12 },
  };
  const units = {
    'kube-apiserver.service': {
      ...restarting,
      journal: [
        'Error: unknown flag: --enable-swagger-ui',
        'systemd: kube-apiserver.service: Main process exited, code=exited, status=1/FAILURE',
      ],
    },
    'kube-scheduler.service': {
      state: {
        ...RUNNING,
        activeState: 'failed',
        subState: 'failed',
        result: 'exit-code',
        mainPid: 0,
        nRestarts: 5,
      },
      journal: [
        'Error: unknown flag: --address',
        'systemd: kube-scheduler.service: Failed with result exit-code.',
      ],
    },
  };

  it('names each removed flag per unit with the removing version, the file and line, and the fix', async () => {
    const dir = await seedMaster();
    const { report, host } = await doctor(dir, '1.24', units);
    const apiserverFile = join(dir, '/etc/kubernetes/apiserver');

    const swagger = flagFinding(report, '--enable-swagger-ui');
    expect(swagger).toMatchObject({ kind: 'flag-removed', severity: 'error', subject: 'kube-apiserver' });
    expect(whatOf(swagger)).toBe(
      'kube-apiserver 1.24 does not start with --enable-swagger-ui: it was removed in Kubernetes 1.24.',
    );
    expect(swagger.evidence).toEqual([{ file: apiserverFile, line: 31, text: '--enable-swagger-ui=true' }]);
    expect(sayText(en, swagger.fix[0]!)).toBe(
      `Remove --enable-swagger-ui=true from ${apiserverFile} (line 31).`,
    );
    expect(sayText(en, swagger.fix[1]!)).toContain(
      "choose “Adopt this host's files” and write them for Kubernetes 1.24",
    );

    const https = flagFinding(report, '--kubelet-https');
    expect(whatOf(https)).toContain('it was removed in Kubernetes 1.22.');
    expect(https.evidence[0]).toMatchObject({ line: 32, text: '--kubelet-https=true' });

    const address = flagFinding(report, '--address');
    expect(address.subject).toBe('kube-scheduler');
    expect(whatOf(address)).toContain(
      'kube-scheduler 1.24 does not start with --address: it was removed in Kubernetes 1.24',
    );
    expect(address.evidence[0]).toEqual({
      file: join(dir, '/etc/kubernetes/scheduler'),
      line: 6,
      text: '--address=127.0.0.1',
    });
    expect(sayText(en, address.fix[0]!)).toContain('by --bind-address');

    // what 1.24 requires and the seed's files lack
    for (const flag of ['--service-account-issuer', '--service-account-signing-key-file'])
      expect(flagFinding(report, flag)).toMatchObject({ kind: 'flag-required', subject: 'kube-apiserver' });
    // flags 1.24 still takes are not findings
    for (const flag of ['--apiserver-count', '--logtostderr', '--service-account-key-file'])
      expect(
        report.findings.some((f) => 'key' in f.what && f.what.params?.flag === flag),
        flag,
      ).toBe(false);

    // the seed's --master=http://127.0.0.1:8080: the insecure port is gone from 1.20
    for (const c of ['kube-controller-manager', 'kube-scheduler']) {
      const f = one(report, (x) => x.kind === 'insecure-port' && x.subject === c);
      expect(whatOf(f)).toBe(
        `${c} talks to http://127.0.0.1:8080, the insecure port, which kube-apiserver 1.24 no longer serves.`,
      );
    }

    // the restarting and failed units, diagnosed from their journals
    const api = one(report, (f) => f.kind === 'unit' && f.subject === 'kube-apiserver.service');
    expect(whatOf(api)).toBe(
      'kube-apiserver.service keeps failing: systemd starts it again and again (12 restarts so far).',
    );
    expect(api.evidence).toEqual([
      { unit: 'kube-apiserver.service', text: 'Error: unknown flag: --enable-swagger-ui' },
    ]);
    expect(sayText(en, api.cause!)).toBe(
      'kube-apiserver 1.24 does not know the flag --enable-swagger-ui: it was removed in Kubernetes 1.24.',
    );
    const scheduler = one(report, (f) => f.kind === 'unit' && f.subject === 'kube-scheduler.service');
    expect(whatOf(scheduler)).toBe('kube-scheduler.service has failed (exit-code) after 5 restarts.');
    expect(sayText(en, scheduler.fix[1]!)).toBe(
      'Then: systemctl reset-failed kube-scheduler.service && systemctl restart kube-scheduler.service',
    );
    expect(host.journalReads.sort()).toEqual(['kube-apiserver.service', 'kube-scheduler.service']);
    expect(host.writes).toEqual([]);

    const { ctx, out } = captureContext();
    expect(await doctorCommand(ctx, [], doctorHost(dir, units, { versions: binaries('1.24') }), dir)).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/^Found \d+ errors and 0 warnings:$/m);
    expect(text).toContain(`   evidence: ${apiserverFile}:32: --kubelet-https=true`);
    expect(text).toMatch(/^ {3}fix: 1\) Remove --kubelet-https=true from .* \(line 32\)\.$/m);
    expect(text).toMatch(/^ {8}2\) Or fix every flag at once: /m);
    expect(out.at(-1)).toBe('Not every component is healthy.');
  });

  it('prints the same as JSON, every text in the language asked', async () => {
    const dir = await seedMaster();
    const { report } = await doctor(dir, '1.24', units);
    const json = JSON.parse(doctorJson(report, zh));
    expect(json.ok).toBe(false);
    expect(json.summary.errors).toBe(report.findings.length);
    const swagger = json.findings.find(
      (f: { what: { params?: { flag?: string } } }) => f.what.params?.flag === '--enable-swagger-ui',
    );
    expect(swagger.kind).toBe('flag-removed');
    expect(swagger.what.params.removed).toBe('1.24');
    expect(swagger.what.text).toBe(
      'kube-apiserver 1.24 带着 --enable-swagger-ui 无法启动:该参数已在 Kubernetes 1.24 移除。',
    );
    expect(swagger.evidence[0].shown).toMatch(/apiserver:31:--enable-swagger-ui=true$/);
    expect(json.status.healthy).toBe(false);
  });
});

describe('doctor: one finding for each thing the guide gets wrong by hand', () => {
  it('flags a 1.19 binary ignores, and a flag a 1.13 binary does not know yet, or no release has', async () => {
    const dir = await seedMaster();
    const env = join(dir, '/etc/kubernetes/apiserver');
    const text = await readFile(env, 'utf8');
    await writeFile(
      env,
      text.replace('--v=2"', '--v=2 \\\n--etcd-healthcheck-timeout=2s \\\n--no-such-flag=1"'),
    );
    // the binary's own word: its --help does not list --no-such-flag and a trial parse refuses it
    const old = await doctor(
      dir,
      '1.13',
      {},
      { without: { '/usr/local/bin/kube-apiserver': ['--no-such-flag'] } },
    );
    expect(flagFinding(old.report, '--etcd-healthcheck-timeout')).toMatchObject({ kind: 'flag-later' });
    expect(whatOf(flagFinding(old.report, '--etcd-healthcheck-timeout'))).toContain(
      'it exists from Kubernetes 1.20 on',
    );
    expect(flagFinding(old.report, '--no-such-flag')).toMatchObject({ kind: 'flag-unknown' });
    expect(flagFinding(old.report, '--no-such-flag').evidence[0]).toMatchObject({ line: 41 });

    await writeFile(env, text);
    const { report } = await doctor(dir, '1.19');
    const https = flagFinding(report, '--kubelet-https');
    expect(https).toMatchObject({ kind: 'flag-no-effect', severity: 'warning' });
    expect(whatOf(https)).toBe(
      'kube-apiserver 1.19 accepts --kubelet-https but ignores it since Kubernetes 1.19; from 1.22 on it does not start with it.',
    );
    expect(flagFinding(report, '--enable-swagger-ui')).toMatchObject({ kind: 'flag-no-effect' });
  });

  it('a binary newer than the table: its own --help and trial parse are the last word', async () => {
    const dir = await seedMaster();
    const sched = join(dir, '/etc/kubernetes/scheduler');
    const text = await readFile(sched, 'utf8');
    // 1.38 dropped --leader-elect (the binary's --help lacks it); --new-in-138 is a flag the table does not know yet
    await writeFile(sched, text.replace('--address=127.0.0.1 \\', '--new-in-138=1 \\'));
    const { report } = await doctor(
      dir,
      '1.38',
      {},
      { without: { '/usr/local/bin/kube-scheduler': ['--leader-elect'] } },
    );
    const gone = flagFinding(report, '--leader-elect');
    expect(gone).toMatchObject({ kind: 'flag-unknown', subject: 'kube-scheduler' });
    expect(whatOf(gone)).toBe(
      'kube-scheduler 1.38 does not know --leader-elect: its --help does not list it and it refuses it as an unknown flag.',
    );
    // the binary takes the flag the table does not know: not a finding; one that refuses it: one
    expect(report.findings.some((f) => 'key' in f.what && f.what.params?.flag === '--new-in-138')).toBe(
      false,
    );
    const refused = await doctor(
      dir,
      '1.38',
      {},
      { without: { '/usr/local/bin/kube-scheduler': ['--new-in-138'] } },
    );
    expect(flagFinding(refused.report, '--new-in-138').evidence[0]).toMatchObject({
      line: 6,
      text: '--new-in-138=1',
    });
  });

  it(`\${VAR} in ExecStart: the unit line, the cause and the fix`, async () => {
    const dir = await seedMaster();
    const unit = join(dir, '/usr/lib/systemd/system/kube-scheduler.service');
    await writeFile(
      unit,
      (await readFile(unit, 'utf8')).replace('$KUBE_SCHEDULER_ARGS', `\${KUBE_SCHEDULER_ARGS}`),
    );
    const { report } = await doctor(dir, '1.13');
    const f = one(report, (x) => x.kind === 'braced-variable');
    expect(f.subject).toBe('kube-scheduler');
    expect(f.evidence).toEqual([{ file: unit, line: 7, text: `\${KUBE_SCHEDULER_ARGS}` }]);
    expect(whatOf(f)).toBe(
      `${unit} passes \${KUBE_SCHEDULER_ARGS} to the binary as one single argument: its 5 words arrive as one, starting with --leader-elect=true.`,
    );
    expect(sayText(en, f.fix[0]!)).toBe(
      `Write $KUBE_SCHEDULER_ARGS instead of \${KUBE_SCHEDULER_ARGS} in ${unit} (line 7).`,
    );
    // a braced variable of one word is harmless
    await writeFile(
      unit,
      (await readFile(unit, 'utf8')).replace(`\${KUBE_SCHEDULER_ARGS}`, `$KUBE_SCHEDULER_ARGS \${ONE}`),
    );
    await writeFile(
      join(dir, '/etc/kubernetes/scheduler'),
      `${await readFile(join(dir, '/etc/kubernetes/scheduler'), 'utf8')}ONE=--kube-api-qps=50\n`,
    );
    expect(kinds((await doctor(dir, '1.13')).report)).toEqual([]);
  });

  it('the service CIDR differing between apiserver and controller-manager', async () => {
    const dir = await seedMaster();
    const cm = join(dir, '/etc/kubernetes/controller-manager');
    await writeFile(cm, (await readFile(cm, 'utf8')).replace('10.254.0.0/16', '10.96.0.0/12'));
    const { report } = await doctor(dir, '1.13');
    const f = one(report, (x) => x.kind === 'service-cidr');
    expect(whatOf(f)).toBe(
      'The service CIDR differs: kube-apiserver has --service-cluster-ip-range=10.254.0.0/16, kube-controller-manager has 10.96.0.0/12.',
    );
    expect(f.evidence.map((e) => e.line)).toEqual([13, 13]);
    expect(sayText(en, f.fix[0]!)).toBe(
      `Set --service-cluster-ip-range=10.254.0.0/16 in ${cm} (line 13), as the apiserver has it.`,
    );
    // said once: adopt's own report of the same difference is not repeated
    expect(kinds(report)).toEqual(['service-cidr kube-controller-manager']);
  });

  it('controller-manager on another master, scheduler through the load balancer (the SLB lesson)', async () => {
    const dir = await seedMaster();
    const cm = join(dir, '/etc/kubernetes/controller-manager');
    await writeFile(
      cm,
      (await readFile(cm, 'utf8')).replace('http://127.0.0.1:8080', 'http://192.168.50.102:8080'),
    );
    const sched = join(dir, '/etc/kubernetes/scheduler');
    await writeFile(
      sched,
      (await readFile(sched, 'utf8')).replace('http://127.0.0.1:8080', 'http://192.168.50.100:8080'),
    );
    const host = doctorHost(dir, {}, { versions: binaries('1.13') });
    const given = parseAnswers({
      advertiseAddress: SEED.advertiseAddress,
      bindAddress: SEED.bindAddress,
      securePort: 6443,
      etcdServers: [...SEED.etcdServers],
      loadBalancer: { addresses: ['192.168.50.100'] },
    });
    if (!given.ok) throw new Error('answers');
    const report = (await runDoctor(host, { root: dir, t: en, given: given.answers }))!;
    expect(
      whatOf(one(report, (f) => f.kind === 'own-apiserver' && f.subject === 'kube-controller-manager')),
    ).toBe(
      'kube-controller-manager reaches an apiserver that is not on this master (http://192.168.50.102:8080).',
    );
    const lb = one(report, (f) => f.kind === 'own-apiserver' && f.subject === 'kube-scheduler');
    expect(whatOf(lb)).toBe(
      'kube-scheduler reaches the apiserver through the load balancer (http://192.168.50.100:8080).',
    );
    expect(sayText(en, lb.fix[0]!)).toBe(
      "Point kube-scheduler at this master's own apiserver, http://127.0.0.1:8080 (kmaster-wizard writes it so).",
    );
    // the same from the command line, the load balancer given with --set
    const { ctx, out } = captureContext();
    const argv = ['--set', 'loadBalancer.addresses=[192.168.50.100]'];
    expect(await doctorCommand(ctx, argv, doctorHost(dir, {}, { versions: binaries('1.13') }), dir)).toBe(1);
    expect(out).toContain(
      '✗ 2. kube-scheduler: kube-scheduler reaches the apiserver through the load balancer (http://192.168.50.100:8080).',
    );
    // the load balancer's address is one the apiserver certificate must cover
    expect(one(report, (f) => f.subject === 'Cert-apiserver-SAN').what).toMatchObject({
      params: { missing: 'IP:192.168.50.100' },
    });
  });

  it('the HA front: the VIP must be in the apiserver certificate, and a component going through haproxy is found', async () => {
    const dir = await seedMaster();
    const sched = join(dir, '/etc/kubernetes/scheduler');
    // haproxy listens on this master too, on ha.port: through it is through the load balancer
    await writeFile(
      sched,
      (await readFile(sched, 'utf8')).replace('http://127.0.0.1:8080', 'http://127.0.0.1:8443'),
    );
    for (const program of ['/usr/sbin/haproxy', '/usr/sbin/keepalived', '/usr/bin/curl'])
      await put(dir, program, '#!/bin/sh\n', 0o755);
    const host = doctorHost(dir, {}, { versions: binaries('1.13') });
    const { ctx, out } = captureContext();
    const argv = ['--set', 'ha.masters=[192.168.50.101, 192.168.50.102]', '--set', 'ha.vip=192.168.50.100'];
    expect(await doctorCommand(ctx, [...argv, '--json'], host, dir)).toBe(1);
    const findings = JSON.parse(out.join('\n')).findings as { subject: string; what: { text: string } }[];
    expect(findings.map((f) => f.subject).sort()).toEqual(['Cert-apiserver-SAN', 'kube-scheduler']);
    expect(findings.find((f) => f.subject === 'kube-scheduler')!.what.text).toBe(
      'kube-scheduler reaches the apiserver through the load balancer (http://127.0.0.1:8443).',
    );
    expect(findings.find((f) => f.subject === 'Cert-apiserver-SAN')!.what.text).toContain(
      'IP:192.168.50.100',
    );
    // HA answers that do not fit these files (masters without this master's address) are left
    // out, not the files: no VIP is asked of the certificate then
    const other = captureContext();
    const foreign = [
      '--set',
      'advertiseAddress=192.168.50.102',
      '--set',
      'bindAddress=192.168.50.102',
      '--set',
      'ha.masters=[192.168.50.102, 192.168.50.1]',
      '--set',
      'ha.vip=192.168.50.100',
    ];
    expect(await doctorCommand(other.ctx, [...foreign, '--json'], host, dir)).toBe(1);
    const left = JSON.parse(other.out.join('\n'));
    expect(left.status.rows).toHaveLength(6);
    // said once, as a warning, and nothing else: the files alone are fine
    expect(left.findings).toHaveLength(1);
    expect(left.findings[0]).toMatchObject({ kind: 'files', severity: 'warning', subject: 'ha.masters' });
    expect(left.findings[0].cause.text).toContain('do not fit the files on this master');
  });

  it('an expired apiserver certificate, a key others may read, a stopped etcd member', async () => {
    const dir = await seedMaster({
      overrides: { kubernetes: { notBefore: DAYS(-400), notAfter: DAYS(-2) } },
    });
    await put(
      dir,
      '/etc/kubernetes/ssl/etcd-key.pem',
      await readFile(join(dir, '/etc/kubernetes/ssl/etcd-key.pem'), 'utf8'),
      0o644,
    );
    const { report } = await doctor(
      dir,
      '1.13',
      {},
      { etcd: { 'https://192.168.50.102:2379': failedEtcd('ECONNREFUSED') } },
    );
    const expired = one(report, (f) => f.subject === 'Cert-apiserver-validity');
    expect(whatOf(expired)).toMatch(/kubernetes\.pem expired on \d{4}-\d\d-\d\d/);
    expect(sayText(en, expired.fix[0]!)).toMatch(/^Renew .*kubernetes\.pem with the same CA/);
    const perm = one(report, (f) => f.subject === 'Key-etcd-permissions');
    expect(sayText(en, perm.fix[0]!)).toContain('chmod 600');
    const etcd = one(report, (f) => f.subject === 'EtcdMember-https-192.168.50.102-2379');
    expect(whatOf(etcd)).toBe('https://192.168.50.102:2379: connection refused (no etcd listening)');
    expect(kinds(report).sort()).toEqual([
      'check Cert-apiserver-validity',
      'check EtcdMember-https-192.168.50.102-2379',
      'check Key-etcd-permissions',
    ]);
  });

  it('units: not loaded, stopped, running unhealthy, not enabled at boot', async () => {
    const dir = await seedMaster();
    const { report } = await doctor(dir, '1.13', {
      'kube-apiserver.service': {
        state: RUNNING,
        health: { status: 500, body: '[-]etcd failed: reason withheld' },
        journal: ['E1125 21:40:00.000000    1234 healthz.go:1] etcd failed'],
      },
      'kube-controller-manager.service': { state: { loadState: 'not-found' } },
      'kube-scheduler.service': {
        state: { loadState: 'loaded', activeState: 'inactive', subState: 'dead', unitFileState: 'disabled' },
      },
    });
    expect(whatOf(one(report, (f) => f.kind === 'unhealthy'))).toBe(
      'kube-apiserver.service runs, but its health check fails: 500 [-]etcd failed: reason withheld',
    );
    const cm = one(report, (f) => f.subject === 'kube-controller-manager.service');
    expect(whatOf(cm)).toBe(
      `systemd does not know kube-controller-manager.service, although ${join(dir, '/lib/systemd/system/kube-controller-manager.service')} exists.`,
    );
    expect(sayText(en, cm.fix[0]!)).toBe(
      'systemctl daemon-reload && systemctl enable --now kube-controller-manager.service',
    );
    const sched = one(report, (f) => f.subject === 'kube-scheduler.service');
    expect(whatOf(sched)).toBe('kube-scheduler.service is not running (inactive, dead).');
    expect(sayText(en, sched.fix.at(-1)!)).toBe('systemctl enable --now kube-scheduler.service');

    const disabled = await doctor(dir, '1.13', {
      'kube-scheduler.service': { state: { ...RUNNING, unitFileState: 'disabled' } },
    });
    const f = one(disabled.report, (x) => x.subject === 'kube-scheduler.service');
    expect(f).toMatchObject({ kind: 'unit', severity: 'warning' });
    expect(sayText(en, f.fix[0]!)).toBe('systemctl enable kube-scheduler.service');
  });
});

describe('doctor in both languages', () => {
  it('every finding of a badly broken master is said in full, with no placeholder left', async () => {
    const dir = await seedMaster({
      overrides: { kubernetes: { notBefore: DAYS(-400), notAfter: DAYS(10) } },
    });
    const unit = join(dir, '/usr/lib/systemd/system/kube-scheduler.service');
    await writeFile(
      unit,
      (await readFile(unit, 'utf8')).replace('$KUBE_SCHEDULER_ARGS', `\${KUBE_SCHEDULER_ARGS}`),
    );
    const cm = join(dir, '/etc/kubernetes/controller-manager');
    await writeFile(
      cm,
      (await readFile(cm, 'utf8'))
        .replace('10.254.0.0/16', '10.96.0.0/12')
        .replace('--v=2"', '--v=2 --v=3 stray"'),
    );
    const { report } = await doctor(
      dir,
      '1.24',
      {
        'kube-apiserver.service': {
          state: { ...RUNNING, activeState: 'failed', subState: 'failed' },
          journal: ['Error: unknown flag: --kubelet-https'],
        },
        'kube-controller-manager.service': { state: { ...RUNNING, unitFileState: 'disabled' } },
        'kube-scheduler.service': {
          state: { loadState: 'loaded', activeState: 'inactive', subState: 'dead' },
        },
      },
      { etcd: { 'https://192.168.50.1:2379': failedEtcd('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE') } },
    );
    const seen = new Set(report.findings.map((f) => f.kind));
    for (const k of [
      'flag-removed',
      'flag-required',
      'insecure-port',
      'braced-variable',
      'service-cidr',
      'files',
      'unit',
      'check',
    ])
      expect(seen.has(k as Finding['kind']), k).toBe(true);
    for (const t of [en, zh]) {
      const lines = report.findings.flatMap((f, i) => findingLines(t, f, i + 1));
      for (const line of lines) expect(line, line).not.toMatch(/(?<!\$)\{\w+\}|undefined/);
    }
    const zhLines = doctorLines(report, zh).join('\n');
    expect(zhLines).toContain('依据:');
    expect(zhLines).toContain('修复:');
    expect(zhLines).toMatch(/发现 \d+ 个错误和 \d+ 个警告/);
  });
});
