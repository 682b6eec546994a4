import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { execa } from 'execa';

/**
 * Small facts of this machine the preflight checks read: files (mode, owner, executable),
 * swap, sysctl values, time synchronisation. Reading only; programs run with argument
 * arrays and short timeouts.
 */

export interface FileFacts {
  exists: boolean;
  isFile: boolean;
  /** permission bits (mode & 0o7777) */
  mode: number;
  uid: number;
  /** this process may execute it */
  executable: boolean;
  /** why stat failed, other than ENOENT */
  error?: string;
}

export async function fileFacts(path: string): Promise<FileFacts> {
  try {
    const st = await stat(path);
    let executable = false;
    try {
      await access(path, constants.X_OK);
      executable = st.isFile();
    } catch {}
    return { exists: true, isFile: st.isFile(), mode: st.mode & 0o7777, uid: st.uid, executable };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return {
      exists: false,
      isFile: false,
      mode: 0,
      uid: -1,
      executable: false,
      ...(code === 'ENOENT' || code === 'ENOTDIR' ? {} : { error: code }),
    };
  }
}

export type ReadResult = { ok: true; data: Buffer } | { ok: false; code: string; message: string };

export async function readFileResult(path: string): Promise<ReadResult> {
  try {
    return { ok: true, data: await readFile(path) };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { ok: false, code: e.code ?? 'EIO', message: e.message };
  }
}

/** The active swap areas (/proc/swaps without its header); null when it cannot be read. */
export async function activeSwaps(path = '/proc/swaps'): Promise<string[] | null> {
  try {
    return parseSwaps(await readFile(path, 'utf8'));
  } catch {
    return null;
  }
}

export function parseSwaps(text: string): string[] {
  return text
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** A /proc/sys value, trimmed; null when it cannot be read. */
export async function readSysctl(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return null;
  }
}

export interface TimeSyncFacts {
  /** what told us: timedatectl (systemd's view), chronyc, or the timesyncd unit's state */
  source: 'timedatectl' | 'chrony' | 'timesyncd' | null;
  /** the clock is synchronised; null when no source could tell */
  synchronized: boolean | null;
  /** chrony's offset from NTP time, when chrony told it */
  offsetMs?: number;
  /** the service doing the synchronisation, when known (chronyd, systemd-timesyncd, ntpd…) */
  service?: string;
}

const QUIET = {
  reject: false,
  stdin: 'ignore',
  timeout: 3000,
  env: { LC_ALL: 'C', SYSTEMD_PAGER: '' },
} as const;

/** `chronyc tracking` → offset (System time) and whether it is synchronised (Leap status). */
export function parseChronyTracking(text: string): { offsetMs: number; synchronized: boolean } | null {
  const time = /^System time\s*:\s*([\d.]+) seconds (fast|slow)/m.exec(text);
  const leap = /^Leap status\s*:\s*(.+)$/m.exec(text);
  if (!time || !leap) return null;
  const offsetMs = Number(time[1]) * 1000 * (time[2] === 'slow' ? -1 : 1);
  return { offsetMs, synchronized: leap[1]!.trim() !== 'Not synchronised' };
}

export async function timeSync(): Promise<TimeSyncFacts> {
  const chrony = await execa('chronyc', ['-n', 'tracking'], QUIET).catch(() => null);
  if (chrony && chrony.exitCode === 0) {
    const t = parseChronyTracking(String(chrony.stdout));
    if (t) return { source: 'chrony', service: 'chronyd', ...t };
  }
  const td = await execa('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'], QUIET).catch(
    () => null,
  );
  if (td && td.exitCode === 0) {
    const synced = String(td.stdout).trim();
    if (synced === 'yes' || synced === 'no') return { source: 'timedatectl', synchronized: synced === 'yes' };
  }
  const sd = await execa(
    'systemctl',
    ['show', 'systemd-timesyncd.service', '-p', 'ActiveState', '-p', 'LoadState'],
    QUIET,
  ).catch(() => null);
  if (sd && sd.exitCode === 0) {
    const text = String(sd.stdout);
    const loaded = /LoadState=loaded/.test(text);
    if (loaded) {
      const active = /ActiveState=active/.test(text);
      // timesyncd touches this file once it has synchronised the clock (systemd 239 and later)
      const synced = active && (await fileFacts('/run/systemd/timesync/synchronized')).exists;
      return {
        source: 'timesyncd',
        service: 'systemd-timesyncd',
        synchronized: synced ? true : active ? null : false,
      };
    }
  }
  return { source: null, synchronized: null };
}
