// What goes wrong, for real: each fault below is given to the real binaries of each test
// release (preflight told to let it through, so it reaches the binary), and apply must read
// its cause and fix from the real journal within 5 s of the unit's failure. The journal lines
// are kept (KMW_KEEP_JOURNAL=DIR writes them there) as the fixtures of test/unit/diagnose-real.test.ts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootMaster,
  type Master,
  SQUATTER_UNIT,
  seedAnswers,
  shown,
  squatPort,
} from '../system/apply-helpers.js';
import {
  APISERVER_SANS,
  defaultLeafSpecs,
  installCerts,
  makeLeaf,
  SSL_DIR,
} from '../system/harness/certs.js';
import { testVersions } from '../system/harness/real-binaries.js';
import type { Sandbox } from '../system/harness/sandbox.js';

const uptime = () => Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);

/** The unit's journal entries after `since` (CLOCK_MONOTONIC seconds): [seconds, message]. */
async function entriesSince(sandbox: Sandbox, unit: string, since: number): Promise<[number, string][]> {
  const r = await sandbox.exec(['journalctl', '--no-pager', '-b', '-u', unit, '-o', 'json']);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { MESSAGE?: unknown; __MONOTONIC_TIMESTAMP?: string })
    .map((e): [number, string] => [Number(e.__MONOTONIC_TIMESTAMP) / 1e6, String(e.MESSAGE ?? '')])
    .filter(([at]) => at > since);
}

const journalSince = async (sandbox: Sandbox, unit: string, since: number) =>
  (await entriesSince(sandbox, unit, since)).map(([, text]) => text);

/** CLOCK_MONOTONIC seconds of the first "Main process exited" of the unit after `since`. */
async function firstExit(sandbox: Sandbox, unit: string, since: number): Promise<number | null> {
  const hit = (await entriesSince(sandbox, unit, since)).find(([, text]) =>
    /Main process exited|Failed with result/.test(text),
  );
  return hit ? hit[0] : null;
}

/** CLOCK_MONOTONIC seconds at which the unit last became active (0: never). */
async function activeSince(sandbox: Sandbox, unit: string): Promise<number> {
  const r = await sandbox.exec(['systemctl', 'show', '-p', 'ActiveEnterTimestampMonotonic', '--value', unit]);
  return Number(r.stdout.trim()) / 1e6;
}

/**
 * `apply --answers FILE --yes ARGS` inside the sandbox, noting (as CLOCK_MONOTONIC seconds)
 * when its "Cause:" line came out.
 */
async function applyTimed(m: Master, file: string, ...args: string[]) {
  const child = m.sandbox.spawn([
    process.execPath,
    m.cli,
    '--lang',
    'en',
    'apply',
    '--answers',
    file,
    '--yes',
    ...args,
  ]);
  let stdout = '';
  let causeAt: number | null = null;
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (causeAt === null && /^Cause: /m.test(stdout)) causeAt = uptime();
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const r = await child;
  return { exitCode: r.exitCode ?? -1, stdout, stderr, timedOut: false, causeAt: causeAt as number | null };
}

interface Fault {
  name: string;
  /** the unit that fails */
  unit: 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler';
  /** when the failure happens: the unit exits (default), or it is up with a fault it cannot shed */
  failsWhen?: 'exit' | 'active';
  answers?: Record<string, unknown>;
  prepare?(m: Master): Promise<void>;
  undo?(m: Master): Promise<void>;
  /** what apply prints as the cause */
  cause: RegExp;
  fix: RegExp;
}

const KCM_CERT = `${SSL_DIR}/kube-controller-manager.pem`;

const FAULTS: Fault[] = [
  {
    name: 'removed-flag',
    unit: 'kube-apiserver',
    answers: { apiserver: { extraArgs: ['--insecure-port=0'] } },
    cause:
      /kube-apiserver 1\.\d+ does not know the flag --insecure-port: it was removed in Kubernetes 1\.24\./,
    fix: /If --insecure-port is one of your extra arguments, remove it\./,
  },
  {
    name: 'missing-certificate',
    unit: 'kube-apiserver',
    prepare: async (m) => {
      await m.sandbox.exec(['mv', `${SSL_DIR}/kubernetes.pem`, `${SSL_DIR}/kubernetes.pem.away`]);
    },
    undo: async (m) => {
      await m.sandbox.exec(['mv', `${SSL_DIR}/kubernetes.pem.away`, `${SSL_DIR}/kubernetes.pem`]);
    },
    cause: /\/etc\/kubernetes\/ssl\/kubernetes\.pem/,
    fix: /certs\.apiserverCertFile|kubernetes\.pem/,
  },
  {
    name: 'apiserver-san-missing',
    // the wizard's own probe of the apiserver is the first to meet the certificate
    unit: 'kube-apiserver',
    failsWhen: 'active',
    prepare: async (m) => {
      await makeLeaf(m.certs.dir, 'kubernetes', {
        ...defaultLeafSpecs().kubernetes,
        sans: APISERVER_SANS.filter((s) => s !== 'IP:192.168.50.101'),
      });
      await installCerts(m.sandbox, m.certs, ['kubernetes.pem', 'kubernetes-key.pem']);
    },
    undo: async (m) => {
      await makeLeaf(m.certs.dir, 'kubernetes', defaultLeafSpecs().kubernetes);
      await installCerts(m.sandbox, m.certs, ['kubernetes.pem', 'kubernetes-key.pem']);
    },
    cause:
      /A certificate is valid for 127\.0\.0\.1, 192\.168\.50\.102, 10\.254\.0\.1.*, not for 192\.168\.50\.101\./,
    fix: /192\.168\.50\.101/,
  },
  {
    name: 'etcd-stopped',
    unit: 'kube-apiserver',
    prepare: async (m) => {
      await m.etcd.stopMember('etcd-101', 'etcd-102', 'etcd-1');
    },
    undo: async (m) => {
      await m.etcd.startMember('etcd-101', 'etcd-102', 'etcd-1');
      await m.etcd.waitHealthy();
    },
    cause:
      /^etcd at https:\/\/192\.168\.50\.\d+:2379.* cannot be reached: (context deadline exceeded|connection refused)\.$/,
    fix: /etcdctl/,
  },
  {
    name: 'secure-port-taken',
    unit: 'kube-apiserver',
    prepare: (m) => squatPort(m.sandbox, '192.168.50.101', 6443),
    undo: async (m) => {
      await m.sandbox.systemctl('stop', SQUATTER_UNIT);
    },
    cause: /Another process already listens on 192\.168\.50\.101:6443\./,
    fix: /ss -ltnp "sport = :6443"/,
  },
  {
    name: 'controller-manager-credentials-refused',
    unit: 'kube-controller-manager',
    prepare: async (m) => {
      await makeLeaf(m.certs.dir, 'kube-controller-manager', {
        ...defaultLeafSpecs()['kube-controller-manager'],
        foreignCa: true,
      });
      await installCerts(m.sandbox, m.certs, [
        'kube-controller-manager.pem',
        'kube-controller-manager-key.pem',
      ]);
    },
    undo: async (m) => {
      await makeLeaf(m.certs.dir, 'kube-controller-manager', defaultLeafSpecs()['kube-controller-manager']);
      await installCerts(m.sandbox, m.certs, [
        'kube-controller-manager.pem',
        'kube-controller-manager-key.pem',
      ]);
    },
    cause: new RegExp(
      `kube-apiserver refused the credentials of kube-controller-manager \\(401 Unauthorized\\): its client certificate ${KCM_CERT.replace(/[./]/g, '\\$&')}`,
    ),
    fix: /--issue-certs/,
  },
];

describe.each(testVersions())('failures diagnosed from the real Kubernetes %s journal', (version) => {
  let m: Master;
  const minor = version.split('.').slice(0, 2).join('.');
  const keep = process.env.KMW_KEEP_JOURNAL;

  beforeAll(async () => {
    m = await bootMaster(version, { real: true });
  });
  afterAll(async () => {
    await m?.sandbox.stop();
  });

  it.each(FAULTS)('$name', async (fault) => {
    await m.stopKubeUnits();
    await fault.prepare?.(m);
    try {
      const answers = await m.answers(
        fault.name,
        seedAnswers({ kubernetesVersion: minor, ...fault.answers }),
      );
      const started = uptime();
      const r = await applyTimed(m, answers, '--ignore-preflight-errors=all');
      expect(r.exitCode, shown(r)).toBe(1);
      const unit = `${fault.unit}.service`;
      const cause = /^Cause: (.*)$/m.exec(r.stdout)?.[1] ?? '';
      const fix = /^Fix: (.*)$/m.exec(r.stdout)?.[1] ?? '';
      const journal = await m.sandbox.journal(unit, { output: 'cat' });
      if (keep) {
        // the real lines of this run, less the flag dump of --v=2 and the sandbox's cgroup noise
        const lines = (await journalSince(m.sandbox, unit, started)).filter(
          (l) => !/flags\.go:\d+\] FLAG:|Failed to (kill|migrate) control/.test(l),
        );
        mkdirSync(join(keep, minor), { recursive: true });
        writeFileSync(join(keep, minor, `${fault.name}.journal`), `${lines.slice(-60).join('\n')}\n`);
        writeFileSync(join(keep, minor, `${fault.name}.apply.txt`), r.stdout);
      }
      expect(cause, shown(r)).toMatch(fault.cause);
      expect(fix, shown(r)).toMatch(fault.fix);
      const failedAt =
        fault.failsWhen === 'active'
          ? await activeSince(m.sandbox, unit)
          : await firstExit(m.sandbox, unit, started);
      expect(failedAt, `${unit} did not fail:\n${journal.slice(-3000)}`).toBeGreaterThan(started);
      expect(r.causeAt, 'a Cause: line').not.toBeNull();
      expect(r.causeAt! - failedAt!, 'seconds from the failure to the diagnosis').toBeLessThan(5);
    } finally {
      await fault.undo?.(m);
    }
  });
});
