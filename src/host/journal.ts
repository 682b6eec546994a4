import { execa } from 'execa';

/**
 * A unit's journal, read with `journalctl -o json` (so every entry carries its exact
 * timestamp, its process and whether systemd itself wrote it). Following is a cancellable
 * stream: the AbortSignal (or stop()) ends journalctl, SIGKILL two seconds later at most.
 */

export interface JournalEntry {
  /** microseconds since the epoch (__REALTIME_TIMESTAMP) */
  usec: number;
  pid: number;
  /** SYSLOG_IDENTIFIER: the program name, or "systemd" for the manager's own lines */
  ident: string;
  /** syslog priority 0–7 */
  priority: number;
  message: string;
  cursor: string;
}

const FIELDS = 'MESSAGE,PRIORITY,_PID,SYSLOG_IDENTIFIER';

function messageText(value: unknown): string {
  if (typeof value === 'string') return value;
  // journald gives non-UTF-8 messages as byte arrays
  if (Array.isArray(value)) return Buffer.from(value as number[]).toString('utf8');
  return value == null ? '' : String(value);
}

/** One line of `journalctl -o json`; null for anything else. */
export function parseJournalJson(line: string): JournalEntry | null {
  if (!line.startsWith('{')) return null;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  return {
    usec: Number(o.__REALTIME_TIMESTAMP ?? 0),
    pid: Number(o._PID ?? 0),
    ident: String(o.SYSLOG_IDENTIFIER ?? ''),
    priority: Number(o.PRIORITY ?? 6),
    message: messageText(o.MESSAGE),
    cursor: String(o.__CURSOR ?? ''),
  };
}

/** Splits a byte stream into lines, keeping the unfinished tail for the next chunk. */
export class LineSplitter {
  private rest = '';
  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    return lines;
  }
  end(): string[] {
    const last = this.rest;
    this.rest = '';
    return last ? [last] : [];
  }
}

function journalArgs(unit: string, sinceUsec: number): string[] {
  return [
    '-u',
    unit,
    '-o',
    'json',
    `--output-fields=${FIELDS}`,
    '--no-pager',
    '--since',
    `@${Math.floor(sinceUsec / 1_000_000)}`,
  ];
}

export interface JournalFollower {
  /** ends journalctl; resolves once it is gone */
  stop(): Promise<void>;
  /** resolves when journalctl has exited (stopped, aborted or failed) */
  done: Promise<void>;
}

/**
 * `journalctl -u UNIT -f` from sinceUsec on. Entries older than sinceUsec (journalctl's
 * --since has whole seconds) are dropped. onEntries gets each chunk's entries at once.
 */
export function followJournal(
  unit: string,
  sinceUsec: number,
  onEntries: (entries: JournalEntry[]) => void,
  signal?: AbortSignal,
): JournalFollower {
  const local = new AbortController();
  const onAbort = () => local.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) local.abort();
  const child = execa('journalctl', [...journalArgs(unit, sinceUsec), '-f', '--no-tail'], {
    reject: false,
    stdin: 'ignore',
    stderr: 'ignore',
    buffer: false,
    cancelSignal: local.signal,
    forceKillAfterDelay: 2000,
    env: { SYSTEMD_PAGER: '', SYSTEMD_COLORS: '0' },
  });
  const splitter = new LineSplitter();
  const take = (lines: string[]) => {
    const entries: JournalEntry[] = [];
    for (const line of lines) {
      const e = parseJournalJson(line);
      if (e && e.usec >= sinceUsec) entries.push(e);
    }
    if (entries.length > 0) onEntries(entries);
  };
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => take(splitter.push(chunk)));
  const done = child.then(
    () => {
      take(splitter.end());
      signal?.removeEventListener('abort', onAbort);
    },
    () => signal?.removeEventListener('abort', onAbort),
  );
  return {
    done,
    async stop() {
      local.abort();
      await done;
    },
  };
}

/**
 * The unit's entries since sinceUsec, at most `lines` of the newest, oldest first. journalctl
 * with --since starts at that time and -n then keeps the first lines after it, so the journal
 * is read backwards (--reverse) from its end down to sinceUsec, and turned round here.
 */
export async function journalTail(
  unit: string,
  sinceUsec: number,
  lines: number,
  signal?: AbortSignal,
): Promise<JournalEntry[]> {
  const r = await execa('journalctl', [...journalArgs(unit, sinceUsec), '--reverse', '-n', String(lines)], {
    reject: false,
    stdin: 'ignore',
    timeout: 15_000,
    forceKillAfterDelay: 2000,
    maxBuffer: 64 * 1024 * 1024,
    env: { SYSTEMD_PAGER: '', SYSTEMD_COLORS: '0' },
    ...(signal ? { cancelSignal: signal } : {}),
  });
  return String(r.stdout ?? '')
    .split('\n')
    .map(parseJournalJson)
    .filter((e): e is JournalEntry => e !== null && e.usec >= sinceUsec)
    .reverse();
}
