import type { Answers } from './answers.js';
import { type Component, unitOf } from './components.js';
import { KUBECONFIG_LAYOUT_FROM, localApiserverUrl } from './layout.js';

/**
 * The HA front of this master, worked out from the answers (pure; render/ turns it into
 * keepalived.conf and haproxy.cfg):
 *
 * - keepalived holds the VIP on one master. Every master is BACKUP with its own priority
 *   (the first of ha.masters highest), so the VIP starts on the first and comes back to it.
 *   VRRP goes unicast to the other masters (clouds and many switches drop VRRP multicast).
 *   A check of this master's own apiserver (/readyz, /healthz before 1.16) puts the instance
 *   into FAULT after two failures — no weight — so the VIP leaves a master whose apiserver is
 *   down; haproxy being gone does the same.
 * - haproxy listens on vip:port on every master (`transparent`: the master that does not hold
 *   the VIP can bind it too) and forwards TCP to every master's secure port, health-checked.
 * - The components on this master keep talking to their own apiserver (layout.ts), never to
 *   the VIP (the seed's lesson about layer-4 balancers); an admin kubeconfig points at the VIP.
 */
export type HaService = 'haproxy' | 'keepalived';
/** Everything apply starts: the three components, and the HA front's two services. */
export type Service = Component | HaService;
export const HA_SERVICES: readonly HaService[] = ['haproxy', 'keepalived'];

export const HA_UNITS: Record<HaService, string> = {
  haproxy: 'haproxy.service',
  keepalived: 'keepalived.service',
};

export function isHaService(s: Service): s is HaService {
  return s === 'haproxy' || s === 'keepalived';
}

/** The systemd unit of a service apply starts. */
export function unitOfService(s: Service): string {
  return isHaService(s) ? HA_UNITS[s] : unitOf(s);
}

export { HAPROXY_CFG, KEEPALIVED_CONF } from './ha-files.js';
/**
 * Where haproxy answers `show stat` (the status table reads the backends there): beside the
 * master socket Debian's unit puts in /run, not in /run/haproxy, which only tmpfiles.d makes.
 */
export const HAPROXY_STATS_SOCKET = '/run/haproxy-admin.sock';
export const CURL = '/usr/bin/curl';
export const SYSTEMCTL = '/usr/bin/systemctl';

/** The priority of the first master; each next one of ha.masters is 10 lower. */
export const TOP_PRIORITY = 150;
/** How often the local apiserver is checked (s), and after how many results the state flips. */
export const CHECK_INTERVAL_S = 2;
export const CHECK_FALL = 2;
export const CHECK_RISE = 2;

export interface HaBackend {
  /** master-192-168-50-101 */
  name: string;
  address: string;
  port: number;
}

export interface HaLayout {
  vip: string;
  port: number;
  interface: string;
  virtualRouterId: number;
  /** this master's address, VRRP's unicast source */
  self: string;
  peers: string[];
  priority: number;
  /** the command keepalived runs to check this master's apiserver */
  check: string[];
  /** the URL the check asks */
  checkUrl: string;
  /** the apiserver's health path haproxy asks each backend for: /readyz, /healthz before 1.16 */
  healthPath: string;
  backends: HaBackend[];
  /** what haproxy's health check of a backend accepts: 200, or also 401 with anonymous access off */
  backendStatuses: number[];
  caFile: string;
  /** https://VIP:PORT, what outside clients (and the admin kubeconfig) use */
  url: string;
}

const bracket = (a: string) => (a.includes(':') ? `[${a}]` : a);

export function backendName(address: string): string {
  return `master-${address.replace(/[.:]/g, '-')}`;
}

export function haUrl(ha: NonNullable<Answers['ha']>): string {
  return `https://${bracket(ha.vip)}:${ha.port}`;
}

/**
 * How keepalived checks this master's apiserver: over HTTPS with the controller-manager's
 * client certificate (the seed turns anonymous access off, so /readyz needs one) from 1.20;
 * before 1.20 on the insecure local port the seed's components use, which needs none.
 */
function checkOf(a: Answers, minor: number): { url: string; argv: string[] } {
  const path = minor >= 16 ? '/readyz' : '/healthz';
  const base = [CURL, '--silent', '--show-error', '--fail', '--max-time', '2'];
  if (minor < KUBECONFIG_LAYOUT_FROM) {
    const url = `http://127.0.0.1:8080${path}`;
    return { url, argv: [...base, url] };
  }
  const url = `${localApiserverUrl(a)}${path}`;
  const c = a.certs;
  return {
    url,
    argv: [
      ...base,
      '--cacert',
      c.caFile,
      '--cert',
      c.controllerManagerCertFile,
      '--key',
      c.controllerManagerKeyFile,
      url,
    ],
  };
}

/** The HA front for these answers on the interface given (null without ha:). */
export function haLayoutFor(a: Answers, minor: number, iface: string): HaLayout | null {
  const ha = a.ha;
  if (!ha) return null;
  const index = Math.max(0, ha.masters.indexOf(a.advertiseAddress));
  const check = checkOf(a, minor);
  return {
    vip: ha.vip,
    port: ha.port,
    interface: iface,
    virtualRouterId: ha.virtualRouterId,
    self: a.advertiseAddress,
    peers: ha.masters.filter((m) => m !== a.advertiseAddress),
    priority: Math.max(1, TOP_PRIORITY - 10 * index),
    check: check.argv,
    checkUrl: check.url,
    healthPath: minor >= 16 ? '/readyz' : '/healthz',
    backends: ha.masters.map((m) => ({ name: backendName(m), address: m, port: a.securePort })),
    backendStatuses: a.apiserver.anonymousAuth ? [200] : [200, 401],
    caFile: a.certs.caFile,
    url: haUrl(ha),
  };
}
