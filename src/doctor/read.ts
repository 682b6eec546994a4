import { isBoolFlag } from '../adopt/adopt.js';
import { type GivenFlag, readFlags } from '../adopt/given-flags.js';
import { type ComponentSource, readComponent } from '../adopt/sources.js';
import type { HelpProbe, VersionProbe } from '../host/binaries.js';
import { COMPONENTS, type Component } from '../model/components.js';
import { parseMinor } from '../model/version.js';
import { parseHelp } from '../parse/kube-help.mjs';
import type { CheckHost } from '../preflight/host.js';

/**
 * One component as its files start it: the unit and EnvironmentFiles (read as adopt reads
 * them), the flags of its command line with the file and line of each, the version of the
 * binary its ExecStart runs, and what that binary itself says of each flag.
 */
export interface ComponentRead {
  component: Component;
  source: ComponentSource;
  flags: GivenFlag[];
  version: VersionProbe | null;
  /** the binary's minor version; null when it cannot tell */
  minor: number | null;
  /**
   * flag name → whether the binary takes it: listed by its `--help`, else a trial parse
   * (`BINARY FLAG --version`, which hidden deprecated flags pass); absent when it cannot tell
   */
  takes: Map<string, boolean>;
}

export type BinaryHost = Pick<CheckHost, 'binaryVersion' | 'binaryHelp' | 'trialParse'>;

/**
 * What the binary says of each flag: its --help first; what that does not list (hidden
 * deprecated flags, or gone ones) in one trial parse together, again without each flag the
 * binary names, until it takes the rest or names none.
 */
async function takenFlags(host: BinaryHost, binary: string, flags: readonly GivenFlag[], help: HelpProbe) {
  const takes = new Map<string, boolean>();
  const listed = help.ok ? parseHelp(help.text) : new Map();
  if (listed.size === 0) return takes;
  const rest = new Map<string, string>();
  for (const flag of flags) {
    if (listed.has(flag.name)) takes.set(flag.name, true);
    else if (!rest.has(flag.name)) rest.set(flag.name, flag.arg);
  }
  while (rest.size > 0) {
    const trial = await host.trialParse(binary, [...rest.values()]);
    if (trial.ok) {
      for (const name of rest.keys()) takes.set(name, true);
      break;
    }
    const named = trial.unknown ?? trial.invalid;
    if (named === null || !rest.has(named)) break;
    // an invalid value still means the flag exists
    takes.set(named, named !== trial.unknown);
    rest.delete(named);
  }
  return takes;
}

/** Each component's files and flags (a quick read); its binary is asked by askBinaries. */
export async function readSources(root: string): Promise<ComponentRead[]> {
  const read = await Promise.all(
    COMPONENTS.map(async (component): Promise<ComponentRead | null> => {
      // a file that cannot be read is adopt's problem to report
      const source = await readComponent(root, component).catch(() => null);
      if (!source) return null;
      const { flags } = readFlags(source.args, (name) => isBoolFlag(component, name));
      return { component, source, flags, version: null, minor: null, takes: new Map() };
    }),
  );
  return read.filter((r) => r !== null);
}

/** Each component's binary: its version, and what it says of each flag. All at once. */
export function askBinaries(reads: readonly ComponentRead[], host: BinaryHost): Promise<ComponentRead[]> {
  return Promise.all(
    reads.map(async (read): Promise<ComponentRead> => {
      const binary = read.source.binary;
      if (!binary) return read;
      const [version, help] = await Promise.all([host.binaryVersion(binary), host.binaryHelp(binary)]);
      const minor = version.ok ? parseMinor(version.version) : null;
      const takes = version.ok ? await takenFlags(host, binary, read.flags, help) : read.takes;
      return { ...read, version, minor, takes };
    }),
  );
}

/** The last value given for a flag (the one pflag keeps), with where it is written. */
export function lastFlag(read: ComponentRead | undefined, name: string): GivenFlag | undefined {
  return read?.flags.findLast((f) => f.name === name);
}
