import { execa } from 'execa';

/**
 * systemd, through `systemctl` with argument arrays (never a shell). Every call takes an
 * AbortSignal: aborting sends SIGTERM to systemctl and SIGKILL two seconds later.
 */

export interface CommandResult {
  argv: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stopped by the AbortSignal */
  canceled: boolean;
}

/** The properties of a unit the apply pipeline and the status table read. */
export interface UnitState {
  unit: string;
  /** loaded, not-found, bad-setting, error, masked */
  loadState: string;
  /** active, reloading, inactive, failed, activating, deactivating */
  activeState: string;
  /** running, exited, dead, failed, start, auto-restart, … */
  subState: string;
  /** success, exit-code, signal, core-dump, timeout, start-limit-hit, … */
  result: string;
  /** enabled, disabled, static, … ("" when the unit file does not exist) */
  unitFileState: string;
  mainPid: number;
  /** how often systemd restarted the unit automatically (Restart=) */
  nRestarts: number;
  /** exit status of the last main process */
  execMainStatus: number;
  /** changes with every start of the unit */
  invocationId: string;
}

export const UNIT_PROPERTIES = [
  'LoadState',
  'ActiveState',
  'SubState',
  'Result',
  'UnitFileState',
  'MainPID',
  'NRestarts',
  'ExecMainStatus',
  'InvocationID',
] as const;

const ENV = { SYSTEMD_PAGER: '', SYSTEMD_COLORS: '0', LC_ALL: 'C' };

export async function systemctl(
  args: string[],
  opts: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<CommandResult> {
  const argv = ['systemctl', ...args];
  const r = await execa('systemctl', args, {
    reject: false,
    stdin: 'ignore',
    env: ENV,
    timeout: opts.timeoutMs ?? 120_000,
    forceKillAfterDelay: 2000,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  return {
    argv,
    exitCode: r.exitCode ?? -1,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
    canceled: Boolean(r.isCanceled),
  };
}

/** `systemctl show UNIT -p …` as Key=Value lines → UnitState. */
export function parseUnitShow(unit: string, text: string): UnitState {
  const v = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) v.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const num = (key: string) => {
    const n = Number(v.get(key) ?? '0');
    return Number.isFinite(n) ? n : 0;
  };
  return {
    unit,
    loadState: v.get('LoadState') ?? '',
    activeState: v.get('ActiveState') ?? '',
    subState: v.get('SubState') ?? '',
    result: v.get('Result') ?? '',
    unitFileState: v.get('UnitFileState') ?? '',
    mainPid: num('MainPID'),
    nRestarts: num('NRestarts'),
    execMainStatus: num('ExecMainStatus'),
    invocationId: v.get('InvocationID') ?? '',
  };
}

export async function unitState(unit: string, signal?: AbortSignal): Promise<UnitState> {
  const r = await systemctl(['show', unit, ...UNIT_PROPERTIES.flatMap((p) => ['-p', p])], {
    timeoutMs: 15_000,
    ...(signal ? { signal } : {}),
  });
  if (r.exitCode !== 0 && !r.canceled) {
    throw new Error(`systemctl show ${unit}: ${r.stderr.trim() || `exit status ${r.exitCode}`}`);
  }
  return parseUnitShow(unit, r.stdout);
}
