import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adoptFromDisk, describeAdopt } from '../../src/adopt/index.js';
import { translator } from '../../src/i18n/index.js';
import { COMPONENTS, type Component } from '../../src/model/components.js';
import { describeProblem } from '../../src/model/issues.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { execArgv } from '../../src/parse/unit.js';
import { renderFiles } from '../../src/render/files.js';

// The seed guide's files, verbatim, where the guide puts them.
const SEED_ROOT = new URL('../fixtures/seed/', import.meta.url).pathname.replace(/\/$/, '');
const SEED_FILES: Record<Component, { env: string; unit: string }> = {
  'kube-apiserver': { env: 'etc/kubernetes/apiserver', unit: 'lib/systemd/system/kube-apiserver.service' },
  'kube-controller-manager': {
    env: 'etc/kubernetes/controller-manager',
    unit: 'lib/systemd/system/kube-controller-manager.service',
  },
  'kube-scheduler': {
    env: 'etc/kubernetes/scheduler',
    unit: 'usr/lib/systemd/system/kube-scheduler.service',
  },
};

const en = translator('en');

async function handArgv(root: string, c: Component): Promise<string[]> {
  const unit = await readFile(join(root, SEED_FILES[c].unit), 'utf8');
  const env = await readFile(join(root, SEED_FILES[c].env), 'utf8');
  return execArgv(unit, env);
}

function renderedArgv(adopted: unknown, minor: number): Record<Component, string[]> {
  const parsed = parseAnswers(adopted);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => describeProblem(p, en)).join('\n'));
  const { files } = renderFiles(parsed.answers, minor);
  const out = {} as Record<Component, string[]>;
  for (const c of COMPONENTS) {
    const unit = files.find((f) => f.component === c && f.kind === 'unit')!.content;
    const env = files.find((f) => f.component === c && f.kind === 'envfile')!.content;
    out[c] = execArgv(unit, env);
  }
  return out;
}

let scratch: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kmw-adopt-'));
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A copy of the seed's files to change by hand. */
async function seedCopy(): Promise<string> {
  const root = join(scratch, 'root');
  await cp(SEED_ROOT, root, { recursive: true });
  return root;
}

async function edit(root: string, file: string, from: string, to: string): Promise<void> {
  const path = join(root, file);
  const text = await readFile(path, 'utf8');
  expect(text).toContain(from);
  await writeFile(path, text.replace(from, to));
}

describe("adopting the seed's hand-written install", () => {
  it('reads every file the guide wrote, in the places it wrote them', async () => {
    const result = await adoptFromDisk(SEED_ROOT);
    expect(result.files.sort()).toEqual(
      Object.values(SEED_FILES)
        .flatMap((f) => [join(SEED_ROOT, f.env), join(SEED_ROOT, f.unit)])
        .sort(),
    );
    expect(result.problems.map((p) => describeProblem(p, en))).toEqual([]);
    expect(result.unknownFlags).toEqual([]);
    expect(result.version).toBeUndefined();
  });

  it("gives the seed's values as answers", async () => {
    const { answers } = await adoptFromDisk(SEED_ROOT);
    expect(answers).toMatchObject({
      advertiseAddress: '192.168.50.101',
      bindAddress: '192.168.50.101',
      securePort: 6443,
      etcdServers: [
        'https://192.168.50.101:2379',
        'https://192.168.50.102:2379',
        'https://192.168.50.1:2379',
      ],
      serviceClusterIpRange: '10.254.0.0/16',
      serviceNodePortRange: '30000-50000',
      apiserver: {
        admissionPlugins: [...SEED.apiserver.admissionPlugins],
        anonymousAuth: false,
        apiserverCount: 3,
        auditLogPath: '/var/lib/audit.log',
        authorizationMode: ['Node', 'RBAC'],
        enableBootstrapTokenAuth: true,
        enableSwaggerUi: true,
        kubeletHttps: true,
        tokenAuthFile: '/etc/kubernetes/token.csv',
      },
      controllerManager: { bindAddress: '127.0.0.1', clusterName: 'kubernetes', leaderElect: true },
      scheduler: { bindAddress: '127.0.0.1', leaderElect: true },
      certs: { caFile: '/etc/kubernetes/ssl/ca.pem', etcdCertFile: '/etc/kubernetes/ssl/etcd.pem' },
      logging: { verbosity: 2, logToStderr: true },
      paths: { binDir: '/usr/local/bin', configDir: '/etc/kubernetes' },
    });
    // with the version given, exactly the seed's answers
    const adopted = parseAnswers({ ...answers, kubernetesVersion: '1.13' });
    const seed = parseAnswers({
      kubernetesVersion: '1.13',
      advertiseAddress: SEED.advertiseAddress,
      bindAddress: SEED.bindAddress,
      securePort: SEED.securePort,
      etcdServers: [...SEED.etcdServers],
    });
    expect(adopted.ok && seed.ok).toBe(true);
    expect(adopted.ok && adopted.answers).toEqual(seed.ok && seed.answers);
  });

  it.each(COMPONENTS)(
    '%s: re-renders unchanged (the same command line as the hand-written files)',
    async (c) => {
      const { answers } = await adoptFromDisk(SEED_ROOT);
      const argv = renderedArgv({ ...answers, kubernetesVersion: '1.13' }, 13);
      expect(argv[c]).toEqual(await handArgv(SEED_ROOT, c));
    },
  );

  it('keeps flags the wizard does not manage as extra arguments, lists them, and re-renders them', async () => {
    const root = await seedCopy();
    await edit(
      root,
      SEED_FILES['kube-apiserver'].env,
      '--event-ttl=1h \\\n',
      '--event-ttl=1h \\\n--profiling=false \\\n',
    );
    await edit(root, SEED_FILES['kube-apiserver'].env, '--v=2"', '--v=2 \\\n--runtime-config=api/all=true"');
    await edit(root, SEED_FILES['kube-scheduler'].env, '--v=2"', '--v=2 --kube-api-qps 50"');
    const result = await adoptFromDisk(root);
    expect(result.problems.map((p) => describeProblem(p, en))).toEqual([]);
    expect(result.unknownFlags).toEqual([
      { component: 'kube-apiserver', flag: '--profiling', arg: '--profiling=false' },
      { component: 'kube-apiserver', flag: '--runtime-config', arg: '--runtime-config=api/all=true' },
      { component: 'kube-scheduler', flag: '--kube-api-qps', arg: '--kube-api-qps=50' },
    ]);
    expect(result.answers).toMatchObject({
      apiserver: { extraArgs: ['--profiling=false', '--runtime-config=api/all=true'] },
      scheduler: { extraArgs: ['--kube-api-qps=50'] },
    });
    const lines = describeAdopt(result, en).join('\n');
    expect(lines).toContain('kube-apiserver: --profiling=false');
    expect(lines).toContain('kube-scheduler: --kube-api-qps=50');

    const argv = renderedArgv({ ...result.answers, kubernetesVersion: '1.13' }, 13);
    // the same flags; the extra ones now follow the managed ones, `--kube-api-qps 50` as one word
    for (const c of COMPONENTS) {
      const hand = (await handArgv(root, c))
        .join(' ')
        .replace('--kube-api-qps 50', '--kube-api-qps=50')
        .split(' ');
      expect([...argv[c]].sort()).toEqual(hand.sort());
    }
  });

  it('reports a service CIDR that differs between apiserver and controller-manager, naming both files', async () => {
    const root = await seedCopy();
    await edit(
      root,
      SEED_FILES['kube-controller-manager'].env,
      '--service-cluster-ip-range=10.254.0.0/16',
      '--service-cluster-ip-range=10.96.0.0/12',
    );
    const result = await adoptFromDisk(root);
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem!.field).toBe('serviceClusterIpRange');
    const text = describeProblem(problem!, en);
    expect(text).toContain(join(root, 'etc/kubernetes/apiserver'));
    expect(text).toContain(join(root, 'etc/kubernetes/controller-manager'));
    expect(text).toContain('--service-cluster-ip-range=10.254.0.0/16');
    expect(text).toContain('--service-cluster-ip-range=10.96.0.0/12');
    const zh = describeProblem(problem!, translator('zh'));
    expect(zh).toContain('各处相同的值');
    expect(zh).toContain(join(root, 'etc/kubernetes/controller-manager'));
  });
});
