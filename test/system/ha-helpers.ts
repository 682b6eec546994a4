/**
 * The seed's whole topology for the HA tests: two masters and the third etcd host, each its
 * own sandbox (its own systemd, network namespace and hostname), joined by a bridge in the
 * third one's namespace that carries ARP and VRRP:
 *
 *   kmw-master-101  eth0 192.168.50.101/24   etcd-101, the kube units, haproxy, keepalived
 *   kmw-master-102  eth0 192.168.50.102/24   etcd-102, the kube units, haproxy, keepalived
 *   kmw-etcd-1      br0  192.168.50.1/24     etcd-1, and the client that uses the VIP
 *
 * The 3-member TLS etcd cluster spans the three, as the seed's does; the VIP is
 * 192.168.50.100 and haproxy listens on it at 8443. Every /etc/hosts names the three hosts.
 */
import { writeFile } from 'node:fs/promises';
import { builtCli, UNITS } from './apply-helpers.js';
import { APISERVER_SANS, installCerts, makeCerts } from './harness/certs.js';
import { ensureSystemTestDeps } from './harness/ensure-deps.js';
import { type EtcdCluster, startEtcdCluster } from './harness/etcd.js';
import { type Lan, makeLan } from './harness/lan.js';
import { installRealBinaries } from './harness/real-binaries.js';
import { bootSandbox, type ExecResult, type Sandbox, SEED_ADDRESSES } from './harness/sandbox.js';
import { addNotifyDropIn, installStandins } from './harness/standins.js';

export const VIP = '192.168.50.100';
export const HA_PORT = 8443;
export const MASTERS = ['192.168.50.101', '192.168.50.102'] as const;
export const HA_UNITS = ['haproxy.service', 'keepalived.service'];

/** Master 1's answers: the seed's, with the HA front of the pair. */
export function pairAnswers(minor: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kubernetesVersion: minor,
    advertiseAddress: MASTERS[0],
    bindAddress: MASTERS[0],
    securePort: 6443,
    etcdServers: SEED_ADDRESSES.map((a) => `https://${a}:2379`),
    ha: { masters: [...MASTERS], vip: VIP, port: HA_PORT },
    ...extra,
  };
}

export interface MasterBox {
  sandbox: Sandbox;
  address: string;
  /** the built CLI inside this master */
  cli(...args: string[]): Promise<ExecResult>;
  /** whether the VIP is on one of this master's interfaces */
  holdsVip(): Promise<boolean>;
}

export interface Pair {
  lan: Lan;
  /** kmw-etcd-1: the third etcd member, and the client of the VIP */
  hub: Sandbox;
  masters: [MasterBox, MasterBox];
  etcd: EtcdCluster;
  /** a folder every sandbox sees at the same path (answers files, exports) */
  share: string;
  /** `curl https://VIP:PORT/PATH` from the hub as admin: the HTTP status, or 0 when nothing answered */
  viaVip(path?: string): Promise<{ status: number; body: string }>;
  /** GET of `url` from the hub as admin (the cluster CA verifies the server) */
  get(url: string): Promise<{ status: number; body: string }>;
  /** the host name of a Lease's holder (kube-system/NAME), read from the hub through `server` */
  leaseHolder(name: string, server: string): Promise<string | null>;
  stop(): Promise<void>;
}

const HOSTS = `127.0.0.1 localhost
192.168.50.101 kmw-master-101
192.168.50.102 kmw-master-102
192.168.50.1 kmw-etcd-1
`;

export interface PairOptions {
  /** the release of the kube binaries, e.g. 1.37.2 or 1.24.17 */
  version: string;
  /** the real binaries of `version` instead of the stand-ins */
  real?: boolean;
}

export async function bootPair(opts: PairOptions): Promise<Pair> {
  await ensureSystemTestDeps();
  const cli = await builtCli();
  const boxes: Sandbox[] = [];
  const stop = async () => {
    await Promise.all(boxes.map((b) => b.stop()));
  };
  try {
    const [hub, m1, m2] = await Promise.all(
      ['kmw-etcd-1', 'kmw-master-101', 'kmw-master-102'].map(async (hostname) => {
        const box = await bootSandbox({ hostname, addresses: [] });
        boxes.push(box);
        return box;
      }),
    );
    const lan = await makeLan(hub!, '192.168.50.1/24');
    await lan.attach(m1!, '192.168.50.101/24');
    await lan.attach(m2!, '192.168.50.102/24');
    for (const box of [hub!, m1!, m2!]) await box.writeFile('/etc/hosts', HOSTS);

    const certs = await makeCerts(`${hub!.shareDir}/certs`, {
      overrides: { kubernetes: { sans: [...APISERVER_SANS, `IP:${VIP}`] } },
    });
    for (const box of [hub!, m1!, m2!]) await installCerts(box, certs);
    const byIp: Record<string, Sandbox> = {
      '192.168.50.101': m1!,
      '192.168.50.102': m2!,
      '192.168.50.1': hub!,
    };
    const etcd = await startEtcdCluster(hub!, { on: (m) => byIp[m.ip]! });

    for (const box of [m1!, m2!]) {
      if (opts.real) await installRealBinaries(box, opts.version);
      else {
        await installStandins(box, opts.version, { etcdTimeoutMs: 3000 });
        await addNotifyDropIn(box);
      }
    }

    const master = (sandbox: Sandbox, address: string): MasterBox => ({
      sandbox,
      address,
      cli: (...args) =>
        sandbox.exec([process.execPath, cli, '--lang', 'en', ...args], {
          timeoutMs: 170_000,
          env: { LANG: 'C.UTF-8', KMW_CONFIG_DIR: '/root/.config/kmaster-wizard' },
        }),
      async holdsVip() {
        const r = await sandbox.inNetns(['ip', '-o', '-4', 'addr', 'show']);
        return r.stdout.includes(` ${VIP}/`);
      },
    });
    return {
      lan,
      hub: hub!,
      masters: [master(m1!, MASTERS[0]), master(m2!, MASTERS[1])],
      etcd,
      share: hub!.shareDir,
      viaVip: (path = '/readyz') => get(`https://${VIP}:${HA_PORT}${path}`),
      get,
      async leaseHolder(name, server) {
        const r = await get(`${server}/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`);
        if (r.status !== 200) return null;
        const holder = (JSON.parse(r.body) as { spec?: { holderIdentity?: string } }).spec?.holderIdentity;
        return holder ? holder.replace(/_[0-9a-f-]{36}$/i, '') : null;
      },
      stop,
    };
    async function get(url: string) {
      const r = await hub!.exec([
        'curl',
        '-sS',
        '--max-time',
        '2',
        '-w',
        '\n%{http_code}',
        '--cacert',
        '/etc/kubernetes/ssl/ca.pem',
        '--cert',
        '/etc/kubernetes/ssl/admin.pem',
        '--key',
        '/etc/kubernetes/ssl/admin-key.pem',
        url,
      ]);
      const lines = r.stdout.split('\n');
      return { status: Number(lines.at(-1)) || 0, body: lines.slice(0, -1).join('\n') };
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Writes `answers` as JSON into the folder every sandbox sees; returns its path. */
export async function shareAnswers(
  pair: Pair,
  name: string,
  answers: Record<string, unknown>,
): Promise<string> {
  const path = `${pair.share}/${name}.json`;
  await writeFile(path, JSON.stringify(answers, null, 2));
  return path;
}

export { UNITS };
