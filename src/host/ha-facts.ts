import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { hostname } from 'node:os';
import { hostAddresses } from './network.js';

/**
 * What the status table reads of the HA front on this master: whether an address (the VIP)
 * is on one of its interfaces, haproxy's own view of its backends (`show stat` on its stats
 * socket), the link-layer address a neighbour answered with (which master answers ARP for
 * the VIP), and host names resolved as this host resolves them (/etc/hosts, DNS).
 */
export interface HaproxyServer {
  /** the proxy (backend) name: kube-apiserver */
  proxy: string;
  /** the server name: master-192-168-50-101 */
  server: string;
  /** UP, DOWN, UP 1/2, NOLB, MAINT, no check … */
  status: string;
  /** the last health check's result: L7OK, L4CON, L6TOUT … */
  check: string;
  /** what the last check said */
  checkDesc: string;
}

export type HaproxyView = { ok: true; servers: HaproxyServer[] } | { ok: false; error: string };

/** `show stat` on haproxy's stats socket, parsed (its CSV: one row per frontend, server, backend). */
export function haproxyServers(socket: string, timeoutMs = 2000): Promise<HaproxyView> {
  return new Promise((resolve) => {
    let text = '';
    let done = false;
    const finish = (v: HaproxyView) => {
      if (done) return;
      done = true;
      conn.destroy();
      resolve(v);
    };
    const conn = createConnection({ path: socket });
    conn.setTimeout(timeoutMs, () =>
      finish({ ok: false, error: `no answer from ${socket} within ${timeoutMs} ms` }),
    );
    conn.on('connect', () => conn.write('show stat\n'));
    conn.on('data', (d) => {
      text += d.toString('utf8');
    });
    conn.on('end', () => finish({ ok: true, servers: parseShowStat(text) }));
    conn.on('error', (e: NodeJS.ErrnoException) =>
      finish({ ok: false, error: `${e.code ?? 'error'}: ${socket}` }),
    );
  });
}

export function parseShowStat(csv: string): HaproxyServer[] {
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]?.replace(/^# /, '').split(',') ?? [];
  const col = (name: string) => header.indexOf(name);
  const [px, sv, st, ck, cd] = ['pxname', 'svname', 'status', 'check_status', 'check_desc'].map(col);
  if (px! < 0 || sv! < 0 || st! < 0) return [];
  return lines
    .slice(1)
    .map((l) => l.split(','))
    .filter((f) => f[sv!] !== 'FRONTEND' && f[sv!] !== 'BACKEND')
    .map((f) => ({
      proxy: f[px!] ?? '',
      server: f[sv!] ?? '',
      status: f[st!] ?? '',
      check: ck! >= 0 ? (f[ck!] ?? '').replace(/^\* /, '') : '',
      checkDesc: cd! >= 0 ? (f[cd!] ?? '') : '',
    }));
}

/** Whether the address is on one of this host's interfaces now. */
export function holdsAddress(address: string): boolean {
  return hostAddresses().some((a) => a.address === address);
}

/** The link-layer address the kernel has for an IPv4 neighbour (/proc/net/arp), or null. */
export async function neighbourMac(address: string): Promise<string | null> {
  try {
    const text = await readFile('/proc/net/arp', 'utf8');
    for (const line of text.split('\n').slice(1)) {
      const [ip, , flags, mac] = line.trim().split(/\s+/);
      // flags 0x0: incomplete (no answer yet)
      if (ip === address && mac && flags !== '0x0' && mac !== '00:00:00:00:00:00') return mac.toLowerCase();
    }
  } catch {}
  return null;
}

/** The addresses a host name resolves to here; none when it does not resolve. */
export async function lookupHost(name: string): Promise<string[]> {
  try {
    return (await lookup(name, { all: true })).map((a) => a.address);
  } catch {
    return [];
  }
}

export function thisHostName(): string {
  return hostname();
}
