import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENT_FILES, COMPONENTS, type Component } from '../model/components.js';
import { isRoot, systemdBooted } from './machine.js';
import { type HostAddress, hostAddresses } from './network.js';

/**
 * What is on this machine before the wizard asks anything: who runs it, whether systemd is
 * the init system, the kube binaries and their versions, this host's addresses, and the files
 * a previous setup (by hand from the seed, or by this wizard) left behind.
 *
 * The quick facts are read synchronously (a few stat calls); the binary versions need to run
 * each binary and arrive later. Nothing here writes anything.
 */

/** Where the seed and systemd keep unit files; the seed uses the first two, the wizard the last. */
export const UNIT_DIRS = ['/lib/systemd/system', '/usr/lib/systemd/system', '/etc/systemd/system'] as const;

export interface ExistingFile {
  /** the path on the master, e.g. /etc/kubernetes/apiserver */
  path: string;
  /** where it is read from: the path itself, or under --root / the scratch directory */
  target: string;
}

export interface QuickFacts {
  isRoot: boolean;
  /** systemd booted this machine (its marker directory exists) */
  systemd: boolean;
  addresses: HostAddress[];
  /** files under <configDir> and kube-*.service files in the unit directories, read under root */
  files: ExistingFile[];
}

export type BinaryFact = {
  component: Component;
  path: string;
} & ({ found: false } | { found: true; version: string | null; error?: string });

export interface DetectOptions {
  /** where files are read: '/' on a master, else --root DIR or the scratch directory */
  root: string;
  configDir: string;
  /** for tests: the directory whose existence says systemd booted the machine */
  systemdMarker?: string;
}

export function quickFacts(opts: DetectOptions): QuickFacts {
  return {
    isRoot: isRoot(),
    systemd: systemdBooted(opts.systemdMarker),
    addresses: safe(hostAddresses, []),
    files: existingFiles(opts.root, opts.configDir),
  };
}

export function existingFiles(root: string, configDir: string): ExistingFile[] {
  const found: ExistingFile[] = [];
  const add = (dir: string, keep: (name: string) => boolean) => {
    for (const name of listDir(underRoot(root, dir)).filter(keep)) {
      const path = join(dir, name);
      const target = underRoot(root, path);
      if (isFile(target)) found.push({ path, target });
    }
  };
  add(configDir, (name) => !name.includes('.bak-'));
  for (const dir of UNIT_DIRS) add(dir, (name) => /^kube-[a-z-]+\.service$/.test(name));
  return found;
}

/** Runs `BINARY --version` for each component's binary that exists, all at once. */
export async function detectBinaries(binDir: string, timeoutMs = 3000): Promise<BinaryFact[]> {
  const paths = COMPONENTS.map((component) => ({ component, path: join(binDir, component) }));
  if (!paths.some((p) => isFile(p.path))) return paths.map((p) => ({ ...p, found: false }));
  const { binaryVersion } = await import('./binaries.js');
  return Promise.all(
    paths.map(async (p): Promise<BinaryFact> => {
      if (!isFile(p.path)) return { ...p, found: false };
      const probe = await binaryVersion(p.path, timeoutMs);
      return probe.ok
        ? { ...p, found: true, version: probe.version }
        : { ...p, found: true, version: null, error: probe.error };
    }),
  );
}

/** What keeps this host from being a master the wizard may set up for real. */
export type MasterGap = 'notRoot' | 'noSystemd' | 'noBinaries';

/**
 * Why this host is not a master (root, systemd as PID 1 and every kube binary present); empty
 * on a master. While the binaries are not known yet (null) they are not counted.
 */
export function masterGaps(
  f: Pick<QuickFacts, 'isRoot' | 'systemd'>,
  binaries: BinaryFact[] | null,
): MasterGap[] {
  const gaps: MasterGap[] = [];
  if (!f.isRoot) gaps.push('notRoot');
  if (!f.systemd) gaps.push('noSystemd');
  if (binaries && (binaries.length === 0 || !binaries.every((b) => b.found))) gaps.push('noBinaries');
  return gaps;
}

/** The version the apiserver binary reports. */
export function binariesVersion(binaries: BinaryFact[]): string | null {
  const apiserver = binaries.find((b) => b.component === 'kube-apiserver');
  return apiserver?.found ? apiserver.version : null;
}

/** Like files.ts's underRoot, without loading the writing side (write-file-atomic) at start. */
function underRoot(root: string, path: string): string {
  return root === '/' ? path : join(root, path);
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/**
 * The kube units systemd has given up on or keeps restarting (what `kmaster-wizard doctor` is
 * for). Read with `systemctl show`; none when systemd cannot be asked.
 */
export async function failedKubeUnits(): Promise<string[]> {
  const { unitState } = await import('./systemd.js');
  const states = await Promise.all(
    COMPONENTS.map((c) => unitState(COMPONENT_FILES[c].unit).catch(() => null)),
  );
  return states
    .filter((s) => s !== null && (s.activeState === 'failed' || s.subState === 'auto-restart'))
    .map((s) => s!.unit);
}
