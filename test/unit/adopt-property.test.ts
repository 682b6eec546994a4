import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adoptFromDisk } from '../../src/adopt/index.js';
import { writeAtomic } from '../../src/host/files.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { renderFiles } from '../../src/render/files.js';

// For any answers and any supported version: what the wizard writes, read back by adopt,
// renders the very same files. (Re-running on a master starts from what is on disk.)
const octet = fc.integer({ min: 1, max: 254 });
const hostIp = fc.tuple(octet, octet).map(([a, b]) => `10.0.${a}.${b}`);
const dir = fc.constantFrom('/etc/kubernetes/ssl', '/srv/pki', '/etc/kube/pki');
const file = (name: string) => dir.map((d) => `${d}/${name}`);
const some = <T>(values: T[], minLength = 0) => fc.subarray(values, { minLength });

const answers = fc.record({
  kubernetesVersion: fc.integer({ min: 10, max: 36 }).map((m) => `1.${m}`),
  advertiseAddress: hostIp,
  bindAddress: fc.option(fc.constant('0.0.0.0'), { nil: undefined }),
  securePort: fc.integer({ min: 1024, max: 29999 }),
  etcdServers: fc
    .uniqueArray(hostIp, { minLength: 1, maxLength: 3 })
    .map((ips) => ips.map((ip) => `https://${ip}:2379`)),
  serviceClusterIpRange: fc.constantFrom('10.254.0.0/16', '10.96.0.0/12', '172.20.0.0/16'),
  serviceNodePortRange: fc.constantFrom('30000-50000', '30000-32767'),
  apiserver: fc.record({
    admissionPlugins: some([...SEED.apiserver.admissionPlugins], 1),
    anonymousAuth: fc.boolean(),
    allowPrivileged: fc.boolean(),
    apiserverCount: fc.integer({ min: 1, max: 9 }),
    auditLogMaxAge: fc.integer({ min: 0, max: 400 }),
    auditLogPath: fc.constantFrom('/var/lib/audit.log', '/var/log/kubernetes/audit.log'),
    authorizationMode: some(['Node', 'RBAC', 'Webhook'], 1),
    enableBootstrapTokenAuth: fc.boolean(),
    eventTtl: fc.constantFrom('1h', '30m', '2h30m'),
    enableSwaggerUi: fc.boolean(),
    kubeletHttps: fc.boolean(),
    serviceAccountIssuer: fc.constantFrom('https://kubernetes.default.svc', 'https://k8s.example.com'),
    extraArgs: some([
      '--profiling=false',
      '--max-requests-inflight=800',
      '--default-not-ready-toleration-seconds=30',
    ]),
  }),
  controllerManager: fc.record({
    bindAddress: fc.constantFrom('127.0.0.1', '0.0.0.0'),
    clusterName: fc.constantFrom('kubernetes', 'prod-1'),
    leaderElect: fc.boolean(),
    extraArgs: some(['--node-monitor-grace-period=40s', '--concurrent-deployment-syncs=10']),
  }),
  scheduler: fc.record({
    bindAddress: fc.constantFrom('127.0.0.1', '0.0.0.0'),
    leaderElect: fc.boolean(),
    extraArgs: some(['--kube-api-qps=50']),
  }),
  certs: fc.record({
    caFile: file('ca.pem'),
    caKeyFile: file('ca-key.pem'),
    apiserverCertFile: file('kubernetes.pem'),
    etcdCertFile: file('etcd.pem'),
    serviceAccountKeyFile: file('sa.pub'),
    serviceAccountSigningKeyFile: file('sa.key'),
    controllerManagerCertFile: file('cm.pem'),
    schedulerKeyFile: file('sched-key.pem'),
  }),
  logging: fc.record({ verbosity: fc.integer({ min: 0, max: 10 }), logToStderr: fc.boolean() }),
  paths: fc.record({
    binDir: fc.constantFrom('/usr/local/bin', '/opt/kubernetes/bin'),
    configDir: fc.constantFrom('/etc/kubernetes', '/etc/kube'),
  }),
});

describe('adopt reads back whatever the wizard writes', () => {
  it('for any answers and version, the files re-render byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(answers, async (input) => {
        const raw = { ...input, bindAddress: input.bindAddress ?? input.advertiseAddress };
        const parsed = parseAnswers(raw);
        if (!parsed.ok)
          throw new Error(`generated answers must be valid: ${JSON.stringify(parsed.problems)}`);
        const minor = Number(raw.kubernetesVersion.slice(2));
        const { files } = renderFiles(parsed.answers, minor);
        const root = await mkdtemp(join(tmpdir(), 'kmw-adopt-prop-'));
        try {
          for (const f of files) await writeAtomic(join(root, f.path), f.content, f.mode);
          const result = await adoptFromDisk(root);
          expect(result.problems).toEqual([]);
          const again = parseAnswers(result.answers);
          expect(again.ok).toBe(true);
          if (!again.ok) return;
          const rerendered = renderFiles(again.answers, minor).files;
          expect(rerendered.map((f) => [f.path, f.content, f.mode])).toEqual(
            files.map((f) => [f.path, f.content, f.mode]),
          );
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
