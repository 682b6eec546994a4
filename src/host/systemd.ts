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

/** `systemctl show A B C -p …`: one block of Key=Value lines per unit, in the order asked, a blank line between. */
export function parseUnitsShow(units: readonly string[], text: string): UnitState[] | null {
  const blocks = text.replace(/\n+$/, '').split(/\n\n/);
  if (blocks.length !== units.length) return null;
  return units.map((u, i) => parseUnitShow(u, blocks[i]!));
}

async function showUnits(units: readonly string[], signal?: AbortSignal): Promise<CommandResult> {
  return systemctl(['show', ...units, ...UNIT_PROPERTIES.flatMap((p) => ['-p', p])], {
    timeoutMs: 15_000,
    ...(signal ? { signal } : {}),
  });
}

async function oneUnit(unit: string, signal?: AbortSignal): Promise<UnitState> {
  const r = await showUnits([unit], signal);
  if (r.exitCode !== 0 && !r.canceled) {
    throw new Error(`systemctl show ${unit}: ${r.stderr.trim() || `exit status ${r.exitCode}`}`);
  }
  return parseUnitShow(unit, r.stdout);
}

interface Asked {
  unit: string;
  resolve: (s: UnitState) => void;
  reject: (e: unknown) => void;
}

/**
 * The reads asked in one turn of the event loop, by AbortSignal (one systemctl is stopped by
 * one signal): the apply pipeline and the status table read their units all at once, and one
 * `systemctl show` of three units costs what one of one unit costs (each is a process start of
 * 10–20 ms). A read the batch cannot answer (a unit name systemctl refuses makes it fail as a
 * whole) is asked again alone, so that each caller gets its own answer or error.
 */
const waiting = new Map<AbortSignal | undefined, Asked[]>();

async function answer(signal: AbortSignal | undefined, asked: Asked[]): Promise<void> {
  const units = [...new Set(asked.map((a) => a.unit))];
  let states: UnitState[] | null = null;
  if (units.length > 1) {
    try {
      const r = await showUnits(units, signal);
      if (r.exitCode === 0 || r.canceled) states = parseUnitsShow(units, r.stdout);
    } catch {
      // asked one by one below
    }
  }
  const alone = new Map<string, Promise<UnitState>>();
  for (const a of asked) {
    if (states) a.resolve(states[units.indexOf(a.unit)]!);
    else {
      let read = alone.get(a.unit);
      if (!read) {
        read = oneUnit(a.unit, signal);
        alone.set(a.unit, read);
      }
      read.then(a.resolve, a.reject);
    }
  }
}

/** One unit's state (`systemctl show UNIT`); reads asked at the same time share one systemctl. */
export function unitState(unit: string, signal?: AbortSignal): Promise<UnitState> {
  return new Promise((resolve, reject) => {
    let list = waiting.get(signal);
    if (!list) {
      list = [];
      waiting.set(signal, list);
      setImmediate(() => {
        const batch = waiting.get(signal) ?? [];
        waiting.delete(signal);
        void answer(signal, batch);
      });
    }
    list.push({ unit, resolve, reject });
  });
}
