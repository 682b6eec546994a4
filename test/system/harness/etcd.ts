/**
 * A real 3-member etcd cluster (Debian's etcd 3.4) inside a sandbox: one `Type=notify`
 * unit per seed address, client and peer mutual TLS with the seed's
 * /etc/kubernetes/ssl/{ca,etcd,etcd-key}.pem, data under /var/lib/etcd-NAME.
 */

import { SSL_DIR } from './certs.js';
import type { ExecResult, Sandbox } from './sandbox.js';
import { SEED_ADDRESSES } from './sandbox.js';
import { waitUntil } from './wait.js';

export interface EtcdMember {
  /** member name, e.g. "etcd-101" (also the unit name without ".service") */
  name: string;
  ip: string;
  unit: string;
  clientUrl: string;
  peerUrl: string;
}

export interface EtcdCluster {
  members: EtcdMember[];
  /** the seed's `--etcd-servers` value */
  servers: string;
  member(nameOrIp: string): EtcdMember;
  /** `{"health":"true"}` from the member, asked from inside the sandbox with the client cert */
  health(nameOrIp: string): Promise<{ ok: boolean; body: string; error?: string }>;
  waitHealthy(names?: string[], timeoutMs?: number): Promise<void>;
  /** `systemctl stop` of the members' units (graceful; the last ones of a cluster take seconds) */
  stopMember(...namesOrIps: string[]): Promise<void>;
  /** SIGKILL to the members (a crash or power loss), then waits until their units are down */
  killMember(...namesOrIps: string[]): Promise<void>;
  /**
   * Starts the members' units and waits until they are active. A member only reports ready
   * once it reaches a quorum: while fewer than a majority of members are up or starting,
   * this returns at once, and the members become active when enough of them are started
   * (so stopping all and starting them one by one works).
   */
  startMember(...namesOrIps: string[]): Promise<void>;
}

export interface EtcdOptions {
  addresses?: readonly string[];
  /**
   * The sandbox each member runs in (default: all in the one given): masters joined by a
   * network each run their own member, as the seed's do.
   */
  on?: (member: EtcdMember) => Sandbox;
  /** client cert used by the harness itself for health checks */
  clientCert?: string;
  clientKey?: string;
  timeoutMs?: number;
}

export function etcdMembers(addresses: readonly string[] = SEED_ADDRESSES): EtcdMember[] {
  return addresses.map((ip) => {
    const name = `etcd-${ip.split('.').at(-1)}`;
    return {
      name,
      ip,
      unit: `${name}.service`,
      clientUrl: `https://${ip}:2379`,
      peerUrl: `https://${ip}:2380`,
    };
  });
}

export function etcdUnit(m: EtcdMember, all: EtcdMember[]): string {
  const initialCluster = all.map((x) => `${x.name}=${x.peerUrl}`).join(',');
  const args = [
    `--name=${m.name}`,
    `--data-dir=/var/lib/${m.name}`,
    `--listen-client-urls=${m.clientUrl}`,
    `--advertise-client-urls=${m.clientUrl}`,
    `--listen-peer-urls=${m.peerUrl}`,
    `--initial-advertise-peer-urls=${m.peerUrl}`,
    `--initial-cluster=${initialCluster}`,
    '--initial-cluster-token=kmw-etcd-cluster',
    '--initial-cluster-state=new',
    `--cert-file=${SSL_DIR}/etcd.pem`,
    `--key-file=${SSL_DIR}/etcd-key.pem`,
    `--trusted-ca-file=${SSL_DIR}/ca.pem`,
    '--client-cert-auth',
    `--peer-cert-file=${SSL_DIR}/etcd.pem`,
    `--peer-key-file=${SSL_DIR}/etcd-key.pem`,
    `--peer-trusted-ca-file=${SSL_DIR}/ca.pem`,
    '--peer-client-cert-auth',
  ];
  return `[Unit]
Description=etcd member ${m.name} (system test)
After=network.target

[Service]
Type=notify
ExecStart=/usr/bin/etcd ${args.join(' \\\n  ')}
Restart=no
TimeoutStopSec=10
LimitNOFILE=65536
`;
}

function check(r: ExecResult, what: string) {
  if (r.exitCode !== 0) throw new Error(`${what} exited ${r.exitCode}: ${r.stderr}${r.stdout}`);
}

/** Writes the three units, starts them together and waits until each says healthy. */
export async function startEtcdCluster(sandbox: Sandbox, opts: EtcdOptions = {}): Promise<EtcdCluster> {
  const members = etcdMembers(opts.addresses);
  const boxOf = (m: EtcdMember) => opts.on?.(m) ?? sandbox;
  const boxes = [...new Set(members.map(boxOf))];
  const cert = opts.clientCert ?? `${SSL_DIR}/etcd.pem`;
  const key = opts.clientKey ?? `${SSL_DIR}/etcd-key.pem`;
  const member = (nameOrIp: string) => {
    const m = members.find((x) => x.name === nameOrIp || x.ip === nameOrIp || x.unit === nameOrIp);
    if (!m) throw new Error(`no etcd member ${nameOrIp}`);
    return m;
  };

  const health: EtcdCluster['health'] = async (nameOrIp) => {
    const m = member(nameOrIp);
    const r = await boxOf(m).exec(
      [
        'curl',
        '-sS',
        '--max-time',
        '2',
        '--cacert',
        `${SSL_DIR}/ca.pem`,
        '--cert',
        cert,
        '--key',
        key,
      ].concat([`${m.clientUrl}/health`]),
    );
    if (r.exitCode !== 0) return { ok: false, body: r.stdout, error: r.stderr.trim() };
    try {
      return { ok: JSON.parse(r.stdout).health === 'true', body: r.stdout.trim() };
    } catch {
      return { ok: false, body: r.stdout };
    }
  };

  const waitHealthy: EtcdCluster['waitHealthy'] = async (names, timeoutMs = opts.timeoutMs ?? 30_000) => {
    const which = (names ?? members.map((m) => m.name)).map(member);
    await waitUntil(async () => (await Promise.all(which.map((m) => health(m.name)))).every((h) => h.ok), {
      timeoutMs,
      intervalMs: 200,
      what: `etcd members ${which.map((m) => m.name).join(', ')} healthy`,
    });
  };

  for (const m of members) await boxOf(m).writeFile(`/etc/systemd/system/${m.unit}`, etcdUnit(m, members));
  for (const box of boxes) check(await box.systemctl('daemon-reload'), 'systemctl daemon-reload');
  // started together: each member only reports ready once it has found its peers
  const started = await Promise.all(
    boxes.map((box) =>
      box.systemctl(
        'start',
        ...(boxes.length > 1 ? ['--no-block'] : []),
        ...members.filter((m) => boxOf(m) === box).map((m) => m.unit),
      ),
    ),
  );
  const failed = started.find((r) => r.exitCode !== 0);
  if (failed) {
    const logs = await Promise.all(members.map((m) => boxOf(m).journal(m.unit)));
    throw new Error(`etcd did not start: ${failed.stderr}\n${logs.join('\n')}`);
  }
  await waitHealthy().catch(async (error: Error) => {
    const logs = await Promise.all(
      members.map((m) =>
        boxOf(m)
          .journal(m.unit)
          .catch(() => ''),
      ),
    );
    throw new Error(`${error.message}\n${logs.join('\n')}`);
  });

  const activeState = async (m: EtcdMember) => (await boxOf(m).systemctl('is-active', m.unit)).stdout.trim();

  return {
    members,
    servers: members.map((m) => m.clientUrl).join(','),
    member,
    health,
    waitHealthy,
    async stopMember(...namesOrIps) {
      for (const m of namesOrIps.map(member))
        check(await boxOf(m).systemctl('stop', m.unit), 'systemctl stop');
    },
    async killMember(...namesOrIps) {
      const down = namesOrIps.map(member);
      for (const m of down) {
        check(
          await boxOf(m).systemctl('kill', '--kill-whom=main', '--signal=SIGKILL', m.unit),
          'systemctl kill',
        );
      }
      await waitUntil(
        async () => {
          const states = await Promise.all(down.map(async (m) => activeState(m)));
          return states.every((x) => x === 'inactive' || x === 'failed');
        },
        { timeoutMs: 10_000, intervalMs: 50, what: `${down.map((m) => m.unit).join(', ')} down` },
      );
      for (const m of down) await boxOf(m).systemctl('reset-failed', m.unit);
    },
    async startMember(...namesOrIps) {
      const starting = namesOrIps.map(member);
      for (const m of starting)
        check(await boxOf(m).systemctl('start', '--no-block', m.unit), 'systemctl start');
      const states = await Promise.all(members.map(activeState));
      const upOrStarting = members.filter(
        (m, i) => starting.includes(m) || states[i] === 'active' || states[i] === 'activating',
      );
      if (upOrStarting.length * 2 <= members.length) return;
      const waitFor = upOrStarting.filter(
        (m) => starting.includes(m) || states[members.indexOf(m)] !== 'active',
      );
      await waitUntil(
        async () => {
          const now = await Promise.all(waitFor.map(activeState));
          if (now.includes('failed'))
            throw new Error(`etcd member failed: ${waitFor.map((m) => m.unit).join(' ')}`);
          return now.every((x) => x === 'active');
        },
        {
          timeoutMs: opts.timeoutMs ?? 30_000,
          intervalMs: 100,
          what: `${waitFor.map((m) => m.unit).join(', ')} active`,
        },
      );
    },
  };
}
