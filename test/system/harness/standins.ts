/**
 * Installs the stand-in kube binaries (test/system/standins/kube-standin.mjs) inside a
 * sandbox. They are stand-ins because no registry reachable from the test machines ships
 * kube-apiserver, kube-controller-manager or kube-scheduler.
 */
import { fileURLToPath } from 'node:url';
import type { Sandbox } from './sandbox.js';

export const STANDIN_SCRIPT = fileURLToPath(new URL('../standins/kube-standin.mjs', import.meta.url));
export const KUBE_COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;
export type KubeComponent = (typeof KUBE_COMPONENTS)[number];

export interface StandinOptions {
  /** default: all three */
  components?: readonly KubeComponent[];
  /** directory of the wrappers (default /usr/local/bin, the seed's) */
  binDir?: string;
  /**
   * flag table to judge flags by (default: $KMW_FLAG_TABLE if set, else the project's
   * src/model/data/flag-table.json)
   */
  flagTable?: string;
  /** how long the apiserver retries etcd before `context deadline exceeded` (default 6000 ms) */
  etcdTimeoutMs?: number;
  /** how often the apiserver re-probes etcd members for /healthz and /readyz (default 2000 ms) */
  etcdProbeMs?: number;
  /** flags these binaries lack although the flag table has them (not in --help, unknown flag) */
  without?: readonly string[];
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function standinWrapper(component: KubeComponent, version: string, opts: StandinOptions = {}): string {
  const flagTable = opts.flagTable ?? process.env.KMW_FLAG_TABLE;
  const env = [
    flagTable ? `KMW_FLAG_TABLE=${shellQuote(flagTable)}` : '',
    opts.etcdTimeoutMs ? `KMW_STANDIN_ETCD_TIMEOUT_MS=${opts.etcdTimeoutMs}` : '',
    opts.etcdProbeMs ? `KMW_STANDIN_ETCD_PROBE_MS=${opts.etcdProbeMs}` : '',
    opts.without?.length ? `KMW_STANDIN_WITHOUT=${shellQuote(opts.without.join(','))}` : '',
  ].filter(Boolean);
  const exports = env.length ? `export ${env.join(' ')}\n` : '';
  return (
    `#!/bin/sh\n# stand-in ${component} v${version} for system tests (see ${STANDIN_SCRIPT})\n` +
    `${exports}exec ${shellQuote(process.execPath)} ${shellQuote(STANDIN_SCRIPT)} ${component} ${version} "$@"\n`
  );
}

/** Writes /usr/local/bin/kube-{apiserver,controller-manager,scheduler} claiming `version` (e.g. "1.13.12"). */
export async function installStandins(
  sandbox: Sandbox,
  version: string,
  opts: StandinOptions = {},
): Promise<void> {
  if (!/^1\.\d+\.\d+$/.test(version)) throw new Error(`version must look like 1.13.12, got ${version}`);
  const binDir = opts.binDir ?? '/usr/local/bin';
  for (const c of opts.components ?? KUBE_COMPONENTS) {
    await sandbox.writeFile(`${binDir}/${c}`, standinWrapper(c, version, opts), 0o755);
  }
}

/**
 * Test-only drop-in: lets the stand-in's `systemd-notify --ready` (a child process, not
 * the main PID) mark a `Type=notify` unit ready. Run `systemctl daemon-reload` afterwards.
 */
export async function addNotifyDropIn(sandbox: Sandbox, unit = 'kube-apiserver.service'): Promise<string> {
  const path = `/etc/systemd/system/${unit}.d/notify-access.conf`;
  await sandbox.writeFile(
    path,
    '# system tests: the stand-in notifies through systemd-notify\n[Service]\nNotifyAccess=all\n',
  );
  return path;
}
