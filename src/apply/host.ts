import { binaryVersion } from '../host/binaries.js';
import { followJournal, type JournalEntry, type JournalFollower, journalTail } from '../host/journal.js';
import type { ProbeRequest, ProbeResponse } from '../host/probe.js';
import { removeCreated, restoreBackup } from '../host/restore.js';
import { type CommandResult, systemctl, type UnitState } from '../host/systemd.js';
import { realStatusHost, type StatusHost } from '../status/host.js';
import { type PlannedFile, type WrittenFile, writePlanned } from './plan.js';

/**
 * Everything the apply pipeline and the status table do to the machine, behind one small
 * interface: unit tests hand in a fake, the commands the real one (realHost()).
 */
export interface ApplyHost extends StatusHost {
  /** milliseconds since the epoch */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** backup + atomic write of one planned file (unchanged files are not touched) */
  writeFile(file: PlannedFile, stamp: Date): Promise<WrittenFile | null>;
  /** puts back what writeFile replaced (the backup, byte for byte), or removes what it created */
  restoreFile(written: WrittenFile): Promise<void>;
  systemctl(args: string[], signal?: AbortSignal): Promise<CommandResult>;
  followJournal(
    unit: string,
    sinceUsec: number,
    onEntries: (entries: JournalEntry[]) => void,
    signal?: AbortSignal,
  ): JournalFollower;
  journalTail(unit: string, sinceUsec: number, lines: number, signal?: AbortSignal): Promise<JournalEntry[]>;
  /** "1.24" from `BINARY --version`, null when it cannot tell */
  binaryVersion(path: string): Promise<string | null>;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function realHost(): ApplyHost {
  return {
    ...realStatusHost(),
    now: () => Date.now(),
    sleep: abortableSleep,
    async writeFile(file, stamp) {
      const [written] = await writePlanned([file], stamp);
      return written ?? null;
    },
    async restoreFile(w) {
      if (w.backup) await restoreBackup(w.target, w.backup);
      else if (w.action === 'create') await removeCreated(w.target);
    },
    systemctl: (args, signal) => systemctl(args, signal ? { signal } : {}),
    followJournal: (unit, since, onEntries, signal) => followJournal(unit, since, onEntries, signal),
    journalTail: (unit, since, n, signal) => journalTail(unit, since, n, signal),
    async binaryVersion(path) {
      const r = await binaryVersion(path);
      return r.ok ? r.version : null;
    },
  };
}

export type { CommandResult, JournalEntry, JournalFollower, ProbeRequest, ProbeResponse, UnitState };
