import type { UnitState } from '../host/systemd.js';
import type { ApplyResult, RollbackEvent } from './events.js';
import type { ApplyHost } from './host.js';
import { unitStates } from './pipeline.js';

export interface RollbackResult {
  ok: boolean;
  after: UnitState[];
}

/**
 * Undoes a run: units this run started are stopped (and disabled when it enabled them),
 * every file it replaced gets its backup back byte for byte, every file it created is
 * removed, systemd reloads, and the units that were running before are restarted on their
 * old files. The backups themselves stay.
 */
export async function rollback(
  run: Pick<ApplyResult, 'written' | 'before' | 'changed'>,
  host: ApplyHost,
  emit: (e: RollbackEvent) => void,
  signal?: AbortSignal,
): Promise<RollbackResult> {
  let ok = true;
  const sh = async (args: string[]) => {
    const r = await host.systemctl(args, signal);
    emit({
      type: 'rollback-command',
      argv: ['systemctl', ...args],
      exitCode: r.exitCode,
      stderr: r.stderr.trim(),
    });
    if (r.exitCode !== 0) ok = false;
    return r;
  };
  const services = run.before.map((b) => b.component);
  const now = await unitStates(host, services);
  const stateOf = (unit: string) => now.find((s) => s.unit === unit);

  // 1. what this run started or enabled, in reverse start order
  for (const b of [...run.before].reverse()) {
    const s = stateOf(b.unit);
    if (!s || s.loadState === 'not-found') continue;
    if (!b.active && s.activeState !== 'inactive') await sh(['stop', b.unit]);
    if (!b.active && s.activeState === 'failed') await sh(['reset-failed', b.unit]);
    if (!b.enabled && s.unitFileState === 'enabled') await sh(['disable', b.unit]);
  }

  // 2. the files, newest first
  for (const w of [...run.written].reverse()) {
    try {
      await host.restoreFile(w);
      emit(
        w.backup
          ? { type: 'rollback-file', path: w.target, action: 'restored', from: w.backup }
          : { type: 'rollback-file', path: w.target, action: 'removed' },
      );
    } catch {
      ok = false;
    }
  }
  if (run.written.length > 0) await sh(['daemon-reload']);

  // 3. what ran before runs again, on its old files
  for (const component of services) {
    const b = run.before.find((x) => x.component === component);
    if (!b?.active) continue;
    const changed = run.changed.includes(component);
    const s = stateOf(b.unit);
    if (changed || s?.activeState !== 'active') await sh([changed ? 'restart' : 'start', b.unit]);
  }

  const after = await unitStates(host, services);
  emit({ type: 'rollback-done', ok, after });
  return { ok, after };
}
