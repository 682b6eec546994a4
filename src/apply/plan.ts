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
export function changedComponents(files: readonly PlannedFile[]): Set<Service> {
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

/** What a service's unit is before the run, as far as the steps go. */
export interface UnitFacts {
  active: boolean;
  enabled: boolean;
}

/** The systemctl steps a plan needs, and no more. */
export interface UnitSteps {
  /** a unit file is new or changed: systemd must read it again (daemon-reload) */
  reload: boolean;
  /** the services whose units are not enabled yet, in order (one `systemctl enable`) */
  enable: Service[];
  /** per service: start it (not running), restart it (running, a file of it changed), or leave it (null) */
  start: Partial<Record<Service, 'start' | 'restart' | null>>;
}

/**
 * What a unit is when the host cannot say (under --root, or before the states are read): a unit
 * file the plan creates is a new unit, neither enabled nor running; any other unit (its file
 * there already, or a package's) is taken to be enabled and running.
 */
function guessedFacts(files: readonly PlannedFile[], service: Service): UnitFacts {
  const unit = files.find((f) => f.kind === 'unit' && f.component === service);
  const isNew = unit?.action === 'create';
  return { active: !isNew, enabled: !isNew };
}

/**
 * The fewest systemctl steps for the plan: daemon-reload only when a unit file is new or
 * changed (an EnvironmentFile or a kubeconfig is read when the unit starts), enable only the
 * units that are not enabled, start what does not run, restart what runs with a changed file,
 * and leave alone what runs with its files as they are. `facts`: the units' states as read on
 * the master; a service missing from them is guessed from the plan.
 */
export function unitSteps(
  files: readonly PlannedFile[],
  facts: Partial<Record<Service, UnitFacts>> = {},
  services: readonly Service[] = servicesOf(files),
): UnitSteps {
  const changed = changedComponents(files);
  const factsOf = (s: Service) => facts[s] ?? guessedFacts(files, s);
  const start: UnitSteps['start'] = {};
  for (const s of services) start[s] = !factsOf(s).active ? 'start' : changed.has(s) ? 'restart' : null;
  return {
    reload: files.some((f) => f.kind === 'unit' && (f.action === 'create' || f.action === 'update')),
    enable: services.filter((s) => !factsOf(s).enabled),
    start,
  };
}

/** The steps as the commands they run, in order, as a person would type them. */
export function plannedCommands(
  files: PlannedFile[],
  facts: Partial<Record<Service, UnitFacts>> = {},
): string[][] {
  const steps = unitSteps(files, facts);
  const commands: string[][] = [];
  if (steps.reload) commands.push(['systemctl', 'daemon-reload']);
  if (steps.enable.length > 0)
    commands.push(['systemctl', 'enable', '--no-reload', ...steps.enable.map(unitOfService)]);
  for (const service of servicesOf(files)) {
    const action = steps.start[service];
    if (action) commands.push(['systemctl', action, unitOfService(service)]);
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
