/**
 * The real Kubernetes binaries (built by scripts/k8s-binaries.mjs into
 * ~/.cache/kmaster-wizard/k8s/vX.Y.Z/, KMW_K8S_CACHE overrides) inside a sandbox: each is
 * bind-mounted read-only at /usr/local/bin/NAME (the seed's binary directory), so nothing is
 * copied and nothing inside the sandbox can change the cached file.
 */
import { execa } from 'execa';
import { cachedBuild, K8S_BINARIES, k8sBinaryDir, testVersions } from '../../../scripts/k8s-cache.mjs';
import type { Sandbox } from './sandbox.js';

export { K8S_BINARIES, k8sBinaryDir, testVersions };

const BUILD_SCRIPT = new URL('../../../scripts/k8s-binaries.mjs', import.meta.url).pathname;

/** The cache directory of a complete build of `version` ("1.37.2"); throws when there is none. */
export function realBinaryDir(version: string): string {
  const build = cachedBuild(version);
  if (!build) {
    throw new Error(
      `no real Kubernetes v${version} binaries in ${k8sBinaryDir(version)}: run npm run k8s:binaries -- ${version}`,
    );
  }
  return build.dir;
}

/** Builds (or reuses) the binaries of each version; the build's progress goes to stderr. */
export async function ensureRealBinaries(versions: readonly string[] = testVersions()): Promise<void> {
  const missing = versions.filter((v) => !cachedBuild(v));
  if (missing.length === 0) return;
  await execa(process.execPath, [BUILD_SCRIPT, ...missing], { stdout: 'ignore', stderr: 'inherit' });
}

/**
 * Puts kube-apiserver, kube-controller-manager, kube-scheduler and kubectl of `version` at
 * `binDir` (default /usr/local/bin) inside the sandbox, read-only.
 */
export async function installRealBinaries(
  sandbox: Sandbox,
  version: string,
  opts: { binDir?: string; binaries?: readonly string[] } = {},
): Promise<void> {
  const dir = realBinaryDir(version);
  const binDir = opts.binDir ?? '/usr/local/bin';
  for (const name of opts.binaries ?? K8S_BINARIES) {
    const target = `${binDir}/${name}`;
    await sandbox.writeFile(target, '', 0o755);
    const r = await sandbox.exec(['mount', '--bind', '-o', 'ro', `${dir}/${name}`, target]);
    if (r.exitCode !== 0) throw new Error(`mount ${dir}/${name} on ${target}: ${r.stderr}`);
  }
}

export const ADMIN_KUBECONFIG = '/root/.kube/config';

/**
 * Writes an admin kubeconfig (the harness's `admin` certificate, O=system:masters, from
 * /etc/kubernetes/ssl) for the real kubectl inside the sandbox, pointing at `server`.
 */
export async function writeAdminKubeconfig(sandbox: Sandbox, server: string): Promise<void> {
  const ssl = '/etc/kubernetes/ssl';
  const kc = ['kubectl', '--kubeconfig', ADMIN_KUBECONFIG, 'config'];
  for (const argv of [
    [...kc, 'set-cluster', 'kmw', `--server=${server}`, `--certificate-authority=${ssl}/ca.pem`],
    [
      ...kc,
      'set-credentials',
      'admin',
      `--client-certificate=${ssl}/admin.pem`,
      `--client-key=${ssl}/admin-key.pem`,
    ],
    [...kc, 'set-context', 'kmw', '--cluster=kmw', '--user=admin'],
    [...kc, 'use-context', 'kmw'],
  ]) {
    const r = await sandbox.exec(argv);
    if (r.exitCode !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  }
}

/** The real kubectl inside the sandbox, as admin. */
export function kubectl(sandbox: Sandbox, ...args: string[]) {
  return sandbox.exec(['kubectl', '--kubeconfig', ADMIN_KUBECONFIG, '--request-timeout=10s', ...args], {
    timeoutMs: 30_000,
  });
}
