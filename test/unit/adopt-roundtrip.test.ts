import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adoptFromDisk } from '../../src/adopt/index.js';
import { writeAtomic } from '../../src/host/files.js';
import { translator } from '../../src/i18n/index.js';
import type { Answers } from '../../src/model/answers.js';
import { describeProblem } from '../../src/model/issues.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { renderFiles } from '../../src/render/files.js';

// Re-running on a master the wizard set up starts from what is on disk: reading our own
// files back gives answers that render exactly the same files, in every era of the layout.
const en = translator('en');

const custom = {
  advertiseAddress: '10.0.0.11',
  bindAddress: '0.0.0.0',
  securePort: 8443,
  etcdServers: ['https://10.0.0.21:2379', 'https://10.0.0.22:2379'],
  serviceClusterIpRange: '10.96.0.0/12',
  serviceNodePortRange: '30000-32767',
  apiserver: {
    admissionPlugins: ['NamespaceLifecycle', 'NodeRestriction'],
    anonymousAuth: true,
    allowPrivileged: false,
    apiserverCount: 2,
    auditLogMaxAge: 7,
    auditLogPath: '/var/log/kube/audit.log',
    authorizationMode: ['RBAC'],
    enableBootstrapTokenAuth: false,
    eventTtl: '2h',
    enableSwaggerUi: false,
    kubeletHttps: false,
    tokenAuthFile: '/srv/kube/token.csv',
    serviceAccountIssuer: 'https://kubernetes.default.svc.cluster.local',
    extraArgs: ['--profiling=false'],
  },
  controllerManager: { bindAddress: '127.0.0.1', clusterName: 'prod', leaderElect: false },
  scheduler: { bindAddress: '0.0.0.0', extraArgs: ['--kube-api-qps=50'] },
  certs: {
    caFile: '/srv/pki/ca.pem',
    caKeyFile: '/srv/pki/ca-key.pem',
    apiserverCertFile: '/srv/pki/apiserver.pem',
    apiserverKeyFile: '/srv/pki/apiserver-key.pem',
    etcdCaFile: '/srv/pki/etcd-ca.pem',
    serviceAccountKeyFile: '/srv/pki/sa.pub',
    serviceAccountSigningKeyFile: '/srv/pki/sa.key',
    controllerManagerCertFile: '/srv/pki/cm.pem',
    controllerManagerKeyFile: '/srv/pki/cm-key.pem',
    schedulerCertFile: '/srv/pki/sched.pem',
    schedulerKeyFile: '/srv/pki/sched-key.pem',
  },
  logging: { verbosity: 4, logToStderr: false },
  paths: { binDir: '/opt/kubernetes/bin', configDir: '/etc/kube' },
};

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kmw-adopt-rt-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function parsed(input: unknown): Answers {
  const result = parseAnswers(input);
  if (!result.ok) throw new Error(result.problems.map((p) => describeProblem(p, en)).join('\n'));
  return result.answers;
}

async function install(answers: Answers, minor: number) {
  const { files } = renderFiles(answers, minor);
  for (const f of files) await writeAtomic(join(root, f.path), f.content, f.mode);
  return files;
}

describe.each([10, 13, 19, 20, 22, 24, 26, 36])(
  'adopting what the wizard wrote for Kubernetes 1.%i',
  (minor) => {
    it('reads back answers that render the same files, byte for byte', async () => {
      const answers = parsed({ ...custom, kubernetesVersion: `1.${minor}` });
      const written = await install(answers, minor);
      const result = await adoptFromDisk(root);
      expect(result.problems.map((p) => describeProblem(p, en))).toEqual([]);
      expect(result.version).toBe(`1.${minor}`);
      expect(result.files.sort()).toEqual(written.map((f) => join(root, f.path)).sort());
      expect(result.unknownFlags.map((u) => u.arg)).toEqual(['--profiling=false', '--kube-api-qps=50']);
      const again = renderFiles(parsed(result.answers), minor).files;
      expect(again.map((f) => [f.path, f.content])).toEqual(written.map((f) => [f.path, f.content]));
    });
  },
);

describe('adopting files the wizard wrote, changed by hand since', () => {
  it('reads certificate paths from the kubeconfigs but not the server, which it derives', async () => {
    const answers = parsed({ ...custom, kubernetesVersion: '1.24' });
    await install(answers, 24);
    const kubeconfig = join(root, '/etc/kube/scheduler.kubeconfig');
    const text = await readFile(kubeconfig, 'utf8');
    // pointed at the load balancer by hand: the seed's HA problem; the next render points it back
    await writeFile(
      kubeconfig,
      text
        .replace('https://127.0.0.1:8443', 'https://lb.example.com:6443')
        .replace('/srv/pki/sched.pem', '/srv/pki/s2.pem'),
    );
    const result = await adoptFromDisk(root);
    expect(result.problems).toEqual([]);
    const again = parsed(result.answers);
    expect(again.certs.schedulerCertFile).toBe('/srv/pki/s2.pem');
    const rendered = renderFiles(again, 24).files.find((f) => f.path === '/etc/kube/scheduler.kubeconfig')!;
    expect(rendered.content).toContain('server: https://127.0.0.1:8443');
  });

  it('reports two banners naming different versions', async () => {
    await install(parsed({ ...custom, kubernetesVersion: '1.19' }), 19);
    const older = renderFiles(parsed({ ...custom, kubernetesVersion: '1.18' }), 18).files.find(
      (f) => f.path === '/etc/kube/scheduler',
    )!;
    await writeFile(join(root, older.path), older.content);
    const result = await adoptFromDisk(root);
    expect(result.problems.map((p) => p.field)).toEqual(['kubernetesVersion']);
    expect(describeProblem(result.problems[0]!, en)).toContain('kube-scheduler 1.18');
  });
});

describe('adopting a kubeconfig written by hand', () => {
  it('reports values the wizard would drop, such as embedded certificates', async () => {
    const answers = parsed({ ...custom, kubernetesVersion: '1.24' });
    await install(answers, 24);
    const kubeconfig = join(root, '/etc/kube/controller-manager.kubeconfig');
    const text = await readFile(kubeconfig, 'utf8');
    await writeFile(
      kubeconfig,
      text.replace('client-key: /srv/pki/cm-key.pem', 'client-key-data: LS0tLS1CRUdJTg=='),
    );
    const result = await adoptFromDisk(root);
    expect(result.problems.map((p) => p.field)).toEqual([
      'kube-controller-manager kubeconfig users.0.user.client-key-data',
    ]);
    expect(describeProblem(result.problems[0]!, en)).toContain(
      `${kubeconfig} has this one, which would be dropped`,
    );
  });
});
