import { existsSync } from 'node:fs';

/**
 * Who runs this process and whether systemd is the init system: the one place these two facts
 * of the machine are defined. Light on purpose (no process is run to load it), so the wizard
 * can read them before its first frame.
 */

/** The directory systemd creates when it boots as PID 1 (what sd_booted(3) tests). */
export const SYSTEMD_MARKER = '/run/systemd/system';

/** The process runs as root (uid 0). */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** systemd booted this machine: its marker directory exists. A quick look, no process run. */
export function systemdBooted(marker: string = SYSTEMD_MARKER): boolean {
  return existsSync(marker);
}

export interface SystemdState {
  /** systemd booted the machine and its manager answers in a state units can be started in */
  ok: boolean;
  /** what `systemctl is-system-running` said ("running", "degraded" …), or "offline" */
  state: string;
}

const USABLE = ['running', 'degraded', 'starting', 'initializing', 'maintenance'];

/** systemd is running: it booted the machine and `systemctl is-system-running` answers usably. */
export async function systemdState(marker: string = SYSTEMD_MARKER): Promise<SystemdState> {
  if (!systemdBooted(marker)) return { ok: false, state: 'offline' };
  const { systemctl } = await import('./systemd.js');
  const r = await systemctl(['is-system-running'], { timeoutMs: 10_000 });
  const state = r.stdout.trim() || r.stderr.trim();
  return { ok: USABLE.includes(state), state };
}
