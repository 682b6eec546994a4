/**
 * What the apply system tests share: building the CLI once, a sandbox with certificates,
 * a TLS etcd cluster and the stand-in kube binaries, and running
 * `kmaster-wizard apply --answers FILE --yes` inside it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { type CertSet, installCerts, makeCerts } from './harness/certs.js';
import { ensureSystemTestDeps } from './harness/ensure-deps.js';
import { type EtcdCluster, startEtcdCluster } from './harness/etcd.js';
import { installRealBinaries } from './harness/real-binaries.js';
import { bootSandbox, type ExecResult, type Sandbox, SEED_ADDRESSES } from './harness/sandbox.js';
import { addNotifyDropIn, installStandins } from './harness/standins.js';
import { waitUntil } from './harness/wait.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const UNITS = ['kube-apiserver.service', 'kube-controller-manager.service', 'kube-scheduler.service'];

/** The seed's must-change answers for the master 192.168.50.101. */
export function seedAnswers(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kubernetesVersion: '1.13',
    advertiseAddress: '192.168.50.101',
    bindAddress: '192.168.50.101',
    securePort: 6443,
    etcdServers: SEED_ADDRESSES.map((a) => `https://${a}:2379`),
    ...extra,
  };
}

let built: string | null = null;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The built CLI (`npm run build`), rebuilt when a source is newer than dist/; KMW_CLI
 * points at another build instead.
 */
export async function builtCli(): Promise<string> {
  if (process.env.KMW_CLI) return process.env.KMW_CLI;
  if (built) return built;
  const out = `${ROOT}dist/kmaster-wizard.mjs`;
  const sources = Math.max(newestMtime(`${ROOT}src`), newestMtime(`${ROOT}components`));
  if (!existsSync(out) || statSync(out).mtimeMs < sources) {
    await execa('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  built = out;
  if (!existsSync(built) || statSync(built).size === 0)
    throw new Error('the build did not produce dist/kmaster-wizard.mjs');
  return built;
}

export interface Master {
  sandbox: Sandbox;
  etcd: EtcdCluster;
  /** the certificates made for this master (installed in /etc/kubernetes/ssl) */
  certs: CertSet;
  cli: string;
  /** writes an answers file into the shared folder and returns its path */
  answers(name: string, answers: Record<string, unknown>): Promise<string>;
  /** `kmaster-wizard apply --answers FILE --yes` inside the sandbox */
  apply(answersFile: string, ...extra: string[]): Promise<ExecResult>;
  cliRun(...args: string[]): Promise<ExecResult>;
  stopKubeUnits(): Promise<void>;
  mainPids(): Promise<number[]>;
}

export interface MasterOptions {
  /** the real binaries of `version` (scripts/k8s-binaries.mjs) instead of the stand-ins */
  real?: boolean;
}

export async function bootMaster(version = '1.13.12', opts: MasterOptions = {}): Promise<Master> {
  await ensureSystemTestDeps();
  const cli = await builtCli();
  const sandbox = await bootSandbox({ hostname: 'kmw-master-101' });
  try {
    const certs = await makeCerts(`${sandbox.shareDir}/certs`);
    await installCerts(sandbox, certs);
    const etcd = await startEtcdCluster(sandbox);
    if (opts.real) {
      await installRealBinaries(sandbox, version);
    } else {
      await installStandins(sandbox, version, { etcdTimeoutMs: 3000 });
      // test-only: the stand-in apiserver signals readiness through systemd-notify
      await addNotifyDropIn(sandbox);
    }
    const cliRun = (...args: string[]) =>
      sandbox.exec([process.execPath, cli, ...args], { timeoutMs: 150_000, env: { LANG: 'C.UTF-8' } });
    return {
      sandbox,
      etcd,
      certs,
      cli,
      async answers(name, answers) {
        const path = `${sandbox.shareDir}/${name}.json`;
        await writeFile(path, JSON.stringify(answers, null, 2));
        return path;
      },
      apply: (file, ...extra) => cliRun('--lang', 'en', 'apply', '--answers', file, '--yes', ...extra),
      cliRun,
      async stopKubeUnits() {
        await sandbox.systemctl('stop', ...UNITS);
        await sandbox.systemctl('reset-failed', ...UNITS);
      },
      async mainPids() {
        const r = await sandbox.exec(['systemctl', 'show', '-p', 'MainPID', '--value', ...UNITS]);
        // one value per unit, separated by blank lines
        return r.stdout
          .split('\n')
          .filter((l) => l.trim())
          .map(Number);
      },
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

/** Output of a run, for assertion messages. */
export const shown = (r: ExecResult) =>
  `exit ${r.exitCode}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

export const SQUATTER_UNIT = 'kmw-port-squatter.service';

/**
 * Another process listening on ADDRESS:PORT inside the sandbox (a transient unit,
 * kmw-port-squatter.service), once it listens; stop it with `systemctl stop SQUATTER_UNIT`.
 */
export async function squatPort(sandbox: Sandbox, address: string, port: number): Promise<void> {
  const r = await sandbox.exec([
    'systemd-run',
    `--unit=${SQUATTER_UNIT}`,
    process.execPath,
    '-e',
    `require('node:net').createServer().listen(${port}, '${address}')`,
  ]);
  if (r.exitCode !== 0) throw new Error(`systemd-run of the squatter: ${shown(r)}`);
  await waitUntil(
    async () => (await sandbox.exec(['ss', '-Hltn', `sport = :${port}`])).stdout.includes(String(port)),
    { what: `the squatter to listen on ${port}` },
  );
}
