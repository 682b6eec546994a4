import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Whether a TCP port can be taken on an address, and who holds it when it cannot. The test
 * is the real one (listen, then close at once); the holder is read from /proc: the
 * listening socket's inode in /proc/net/tcp{,6}, the process whose fd points at it, and
 * that process's systemd unit from its cgroup.
 */

export type ListenResult =
  | { state: 'free' }
  | { state: 'in-use' }
  /** the address is not on this host (EADDRNOTAVAIL) */
  | { state: 'not-local' }
  | { state: 'error'; code: string; message: string };

export function tryListen(address: string, port: number): Promise<ListenResult> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') resolve({ state: 'in-use' });
      else if (e.code === 'EADDRNOTAVAIL') resolve({ state: 'not-local' });
      else resolve({ state: 'error', code: e.code ?? 'EIO', message: e.message });
    });
    // exclusive: never share a handle with a cluster primary
    server.listen({ host: address, port, exclusive: true }, () => {
      server.close(() => resolve({ state: 'free' }));
    });
  });
}

export interface ListeningSocket {
  address: string;
  port: number;
  inode: number;
}

/** `0100007F:1F90` (little-endian words, as the kernel prints them) → 127.0.0.1, 8080 */
export function parseProcAddress(hex: string): { address: string; port: number } | null {
  const [ip, port] = hex.split(':');
  if (!ip || !port) return null;
  const bytes: number[] = [];
  // each 32-bit word is printed in host byte order (little endian on every Linux we run on)
  for (let w = 0; w < ip.length; w += 8) {
    const word = ip.slice(w, w + 8);
    for (let b = 6; b >= 0; b -= 2) bytes.push(Number.parseInt(word.slice(b, b + 2), 16));
  }
  if (bytes.some((b) => Number.isNaN(b)) || (bytes.length !== 4 && bytes.length !== 16)) return null;
  const addr = ipaddr.fromByteArray(bytes);
  const shown =
    addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()
      ? (addr as ipaddr.IPv6).toIPv4Address().toString()
      : addr.toString();
  return { address: shown, port: Number.parseInt(port, 16) };
}

/** The LISTEN sockets of /proc/net/tcp or tcp6 text. */
export function parseProcNetTcp(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    if (cols.length < 10 || cols[3] !== '0A') continue;
    const local = parseProcAddress(cols[1]!);
    const inode = Number(cols[9]);
    if (local && Number.isFinite(inode)) out.push({ ...local, inode });
  }
  return out;
}

/** The systemd unit of a process from /proc/PID/cgroup text: the last `*.service` (or .scope) in its path. */
export function unitFromCgroup(text: string): string | null {
  let found: string | null = null;
  for (const line of text.split('\n')) {
    const path = line.split(':').slice(2).join(':');
    for (const part of path.split('/')) {
      if (/\.(service|scope)$/.test(part)) found = part;
    }
    if (found) return found;
  }
  return found;
}

export interface PortHolder {
  pid: number;
  /** /proc/PID/comm */
  command: string;
  /** the systemd unit the process belongs to, when there is one */
  unit: string | null;
  /** the address it listens on */
  address: string;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Every process listening on a TCP port, with the port, in one pass over /proc: the LISTEN
 * sockets of /proc/net/tcp{,6}, then each process's fds until one points at such a socket.
 * Synchronous on purpose: /proc is no disk, and a master's few thousand fds take 3–10 ms this
 * way against 25–45 ms with a promise per readlink. Empty when nothing listens or /proc cannot
 * be read.
 */
export function listeningProcesses(proc = '/proc'): (PortHolder & { port: number })[] {
  const sockets = [readText(`${proc}/net/tcp`), readText(`${proc}/net/tcp6`)].flatMap((t) =>
    t ? parseProcNetTcp(t) : [],
  );
  if (sockets.length === 0) return [];
  const byInode = new Map<string, ListeningSocket[]>();
  for (const s of sockets) {
    const key = `socket:[${s.inode}]`;
    byInode.set(key, [...(byInode.get(key) ?? []), s]);
  }
  let pids: string[];
  try {
    pids = readdirSync(proc).filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const holders: (PortHolder & { port: number })[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`${proc}/${pid}/fd`);
    } catch {
      continue;
    }
    const held = new Map<string, ListeningSocket>();
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`${proc}/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      for (const s of byInode.get(target) ?? []) held.set(`${s.address}:${s.port}`, s);
    }
    if (held.size === 0) continue;
    const command = (readText(`${proc}/${pid}/comm`) ?? '').trim();
    const cgroup = readText(`${proc}/${pid}/cgroup`);
    const unit = cgroup ? unitFromCgroup(cgroup) : null;
    for (const s of held.values())
      holders.push({ pid: Number(pid), command, unit, address: s.address, port: s.port });
  }
  return holders.sort((a, b) => a.pid - b.pid || a.port - b.port);
}

/** The processes listening on a TCP port (any address), one per process. */
export function holdersOf(all: readonly (PortHolder & { port: number })[], port: number): PortHolder[] {
  const seen = new Set<number>();
  const out: PortHolder[] = [];
  for (const { port: p, ...h } of all) {
    if (p !== port || seen.has(h.pid)) continue;
    seen.add(h.pid);
    out.push(h);
  }
  return out;
}

/** The processes listening on a TCP port (any address), read from /proc. Empty when none or unreadable. */
export async function portHolders(port: number, proc = '/proc'): Promise<PortHolder[]> {
  return holdersOf(listeningProcesses(proc), port);
}
