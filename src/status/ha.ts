import type { Translate } from '../i18n/index.js';
import type { Answers } from '../model/answers.js';
import { backendName, HAPROXY_STATS_SOCKET, type HaService, haUrl } from '../model/ha-layout.js';
import { APISERVER_LIVEZ_FROM } from './endpoints.js';
import type { HaproxyServer, StatusHost } from './host.js';
import type { HaMasterRow, HaStatus, Health, LeaderRow } from './types.js';

/**
 * The HA front in the status table, and what apply waits on for its two services:
 *
 * - haproxy is healthy when its own health checks find at least one master's apiserver up
 *   (its stats socket says so); the message lists every backend as haproxy sees it;
 * - keepalived is healthy when the VIP is held: on this master's interfaces, or answering
 *   through another master's haproxy;
 * - each master of ha.masters: its apiserver probed from here, whether it holds the VIP (for
 *   another master: whether the VIP's link-layer address is that master's, from ARP), the
 *   leases its components hold, and haproxy's view of it.
 */
export interface HaProbeContext {
  answers: Answers;
  minor: number;
  host: StatusHost;
  t: Translate;
  signal?: AbortSignal;
}

export interface Probed {
  health: Health;
  endpoint: string;
  message: string;
  latencyMs: number;
}

/** Probes one apiserver URL with the status table's credentials (bound by the caller). */
export type ApiProbe = (url: string) => Promise<Probed>;

const healthPath = (minor: number) => (minor >= APISERVER_LIVEZ_FROM ? '/readyz' : '/healthz');
const hostPort = (address: string, port: number) =>
  address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;

/** haproxy's servers of the apiserver backend, named by master address. */
function backends(ctx: HaProbeContext, servers: HaproxyServer[]): Map<string, HaproxyServer> {
  const masters = ctx.answers.ha?.masters ?? [];
  const out = new Map<string, HaproxyServer>();
  for (const m of masters) {
    const s = servers.find((x) => x.proxy === 'kube-apiserver' && x.server === backendName(m));
    if (s) out.set(m, s);
  }
  return out;
}

const backendText = (s: HaproxyServer) => (s.check ? `${s.status} (${s.check})` : s.status);

/** What apply waits on for haproxy and keepalived, in the shape of a component's check. */
export async function checkHaService(
  ctx: HaProbeContext,
  service: HaService,
  probeApi: ApiProbe,
): Promise<Probed> {
  const { answers: a, t, host } = ctx;
  const ha = a.ha!;
  const started = Date.now();
  if (service === 'haproxy') {
    const view = await host.haproxyServers(HAPROXY_STATS_SOCKET);
    const latencyMs = Date.now() - started;
    if (!view.ok) {
      return {
        health: 'unhealthy',
        endpoint: HAPROXY_STATS_SOCKET,
        message: t('status.ha.noStats', { error: view.error }),
        latencyMs,
      };
    }
    const seen = backends(ctx, view.servers);
    const up = [...seen.values()].filter((s) => s.status.startsWith('UP'));
    return {
      health: up.length > 0 ? 'healthy' : 'unhealthy',
      endpoint: HAPROXY_STATS_SOCKET,
      message: ha.masters.map((m) => `${m} ${seen.has(m) ? backendText(seen.get(m)!) : '?'}`).join(', '),
      latencyMs,
    };
  }
  if (host.holdsAddress(ha.vip)) {
    return {
      health: 'healthy',
      endpoint: ha.vip,
      message: t('status.ha.holdsVip', { vip: ha.vip }),
      latencyMs: Date.now() - started,
    };
  }
  const through = await probeApi(`${haUrl(ha)}${healthPath(ctx.minor)}`);
  const answers = through.health !== 'unhealthy';
  return {
    health: answers ? 'healthy' : 'unhealthy',
    endpoint: through.endpoint,
    message: answers
      ? t('status.ha.vipElsewhere', { vip: ha.vip })
      : t('status.ha.vipNowhere', { vip: ha.vip, message: through.message }),
    latencyMs: through.latencyMs,
  };
}

/** The master a leader's identity (`hostname_uuid`) belongs to: this one, or one its name resolves to. */
export async function leaderMaster(ctx: HaProbeContext, holder: string): Promise<string | null> {
  const masters = ctx.answers.ha?.masters ?? [];
  const name = holder.replace(/_[0-9a-f-]{36}$/i, '');
  if (name === ctx.host.hostName()) return ctx.answers.advertiseAddress;
  const addresses = await ctx.host.lookupHost(name);
  return masters.find((m) => addresses.includes(m)) ?? null;
}

/** Everything of the HA front that is probed, all at once; leaders are given (read through the VIP or here). */
export async function collectHa(
  ctx: HaProbeContext,
  probeApi: ApiProbe,
  leaders: LeaderRow[],
): Promise<HaStatus> {
  const { answers: a, host, t } = ctx;
  const ha = a.ha!;
  const path = healthPath(ctx.minor);
  const [throughVip, apiservers, view] = await Promise.all([
    probeApi(`${haUrl(ha)}${path}`),
    Promise.all(ha.masters.map((m) => probeApi(`https://${hostPort(m, a.securePort)}${path}`))),
    host.haproxyServers(HAPROXY_STATS_SOCKET),
  ]);
  // the probes above leave the VIP's and each master's link-layer address in the ARP table
  const local = host.holdsAddress(ha.vip);
  const vipMac = local ? null : await host.neighbourMac(ha.vip);
  const seen = view.ok ? backends(ctx, view.servers) : new Map<string, HaproxyServer>();
  const masters: HaMasterRow[] = await Promise.all(
    ha.masters.map(async (address, i): Promise<HaMasterRow> => {
      const self = address === a.advertiseAddress;
      let holdsVip: boolean | null;
      if (self) holdsVip = local;
      else if (local) holdsVip = false;
      else {
        const mac = vipMac ? await host.neighbourMac(address) : null;
        holdsVip = vipMac && mac ? vipMac === mac : null;
      }
      return {
        address,
        self,
        apiserver: apiservers[i]!,
        holdsVip,
        leases: leaders.filter((l) => l.master === address).map((l) => l.lock),
        backend: seen.has(address) ? backendText(seen.get(address)!) : null,
      };
    }),
  );
  return {
    vip: ha.vip,
    port: ha.port,
    url: haUrl(ha),
    vipHolder: masters.find((m) => m.holdsVip)?.address ?? null,
    throughVip,
    masters,
    haproxyError: view.ok ? null : t('status.ha.noStats', { error: view.error }),
  };
}
