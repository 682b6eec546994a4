import { createTwoFilesPatch } from 'diff';
import { backup, backupStamp, type CurrentFile, readCurrent, underRoot, writeAtomic } from '../host/files.js';
import { checkTargets, WriteError } from '../host/targets.js';
import { COMPONENTS } from '../model/components.js';
import { HA_SERVICES, type Service, unitOfService } from '../model/ha-layout.js';
import type { FileSpec } from '../render/files.js';

/** A rendered file next to what is on disk now, and what writing it will do. */
export interface PlannedFile extends FileSpec {
  /** where it is really written: the path itself, or under --root */
  target: string;
  current: CurrentFile | null;
  action: 'create' | 'update' | 'mode' | 'unchanged';
}

/**
 * Each file next to what is on disk. Every target is checked first (see targets.ts): a
 * WriteError names the first that cannot be written, before anything is.
 */
export async function planFiles(files: FileSpec[], root: string): Promise<PlannedFile[]> {
  const targets = files.map((file) => underRoot(root, file.path));
  await checkTargets(targets);
  return Promise.all(
    files.map(async (file, i) => {
      const target = targets[i]!;
      const current = await readCurrent(target).catch((error: Error) => {
        throw new WriteError('write.cannotCheck', { target, error: error.message });
      });
      const action: PlannedFile['action'] = !current
        ? 'create'
        : current.content !== file.content
          ? 'update'
          : current.mode !== file.mode
            ? 'mode'
            : 'unchanged';
      return { ...file, target, current, action };
    }),
  );
}

/** The services whose files change (restarted, not just started). */
export function changedComponents(files: PlannedFile[]): Set<Service> {
  const out = new Set<Service>();
  for (const f of files) if (f.action !== 'unchanged' && f.component) out.add(f.component);
  return out;
}

/** A unified diff of the file against the disk; a new file is shown whole. */
export function unifiedDiff(file: PlannedFile): string {
  return createTwoFilesPatch(
    file.current ? file.path : '/dev/null',
    file.path,
    file.current?.content ?? '',
    file.content,
    file.current ? `mode ${modeText(file.current.mode)}` : '',
    `mode ${modeText(file.mode)}`,
    { context: 3 },
  );
}

export function modeText(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

/** The services a plan starts, in order: the three components, then the HA front's when it has files. */
export function servicesOf(files: readonly PlannedFile[]): Service[] {
  return [...COMPONENTS, ...HA_SERVICES.filter((s) => files.some((f) => f.component === s))];
}

/**
 * The systemctl steps of the seed for this plan: daemon-reload when a file changed, then
 * per service in order enable and start — restart when its files changed, so a running
 * unit picks them up.
 */
export function plannedCommands(files: PlannedFile[]): string[][] {
  const changed = changedComponents(files);
  const commands: string[][] = [];
  if (files.some((f) => f.action !== 'unchanged')) commands.push(['systemctl', 'daemon-reload']);
  for (const service of servicesOf(files)) {
    const unit = unitOfService(service);
    commands.push(['systemctl', 'enable', unit]);
    commands.push(['systemctl', changed.has(service) ? 'restart' : 'start', unit]);
  }
  return commands;
}

export interface WrittenFile {
  path: string;
  target: string;
  action: PlannedFile['action'];
  backup?: string;
}

/**
 * Writes every changed file: backup first, then an atomic replace. Unchanged files are not
 * touched. Every target is checked again before the first is written (the disk may have
 * changed since the plan). Files are written one by one in plan order, so an interruption
 * leaves each file either old or new, never half-written, and every replaced file has its
 * backup. A write that fails throws a WriteError naming the file and what was written.
 */
export async function writePlanned(
  files: PlannedFile[],
  now: Date,
  onWritten?: (w: WrittenFile) => void,
): Promise<WrittenFile[]> {
  const stamp = backupStamp(now);
  const changed = files.filter((f) => f.action !== 'unchanged');
  await checkTargets(changed.map((f) => f.target));
  const written: WrittenFile[] = [];
  for (const file of changed) {
    const result: WrittenFile = { path: file.path, target: file.target, action: file.action };
    try {
      if (file.current) result.backup = await backup(file.target, stamp);
      await writeAtomic(file.target, file.content, file.mode);
    } catch (error) {
      throw new WriteError(
        'write.failed',
        { target: file.target, error: (error as Error).message },
        written.map((w) => w.target),
      );
    }
    written.push(result);
    onWritten?.(result);
  }
  return written;
}
