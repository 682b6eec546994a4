import { isBoolFlag } from '../adopt/adopt.js';
import { type GivenFlag, readFlags } from '../adopt/given-flags.js';
import { type ComponentSource, readComponent } from '../adopt/sources.js';
import type { VersionProbe } from '../host/binaries.js';
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

/** What the binary says of each flag: its --help first, a trial parse for what that does not list. */
async function takenFlags(host: BinaryHost, binary: string, flags: readonly GivenFlag[]) {
  const takes = new Map<string, boolean>();
  const help = await host.binaryHelp(binary);
  const listed = help.ok ? parseHelp(help.text) : new Map();
  if (listed.size === 0) return takes;
  for (const flag of flags) {
    if (takes.has(flag.name)) continue;
    if (listed.has(flag.name)) {
      takes.set(flag.name, true);
      continue;
    }
    const trial = await host.trialParse(binary, [flag.arg]);
    if (trial.ok || trial.invalid === flag.name) takes.set(flag.name, true);
    else if (trial.unknown === flag.name) takes.set(flag.name, false);
  }
  return takes;
}

export async function readComponents(root: string, host: BinaryHost): Promise<ComponentRead[]> {
  const read = await Promise.all(
    COMPONENTS.map(async (component): Promise<ComponentRead | null> => {
      // a file that cannot be read is adopt's problem to report
      const source = await readComponent(root, component).catch(() => null);
      if (!source) return null;
      const { flags } = readFlags(source.args, (name) => isBoolFlag(component, name));
      const version = source.binary ? await host.binaryVersion(source.binary) : null;
      const minor = version?.ok ? parseMinor(version.version) : null;
      const takes = source.binary && version?.ok ? await takenFlags(host, source.binary, flags) : new Map();
      return { component, source, flags, version, minor, takes };
    }),
  );
  return read.filter((r) => r !== null);
}

/** The last value given for a flag (the one pflag keeps), with where it is written. */
export function lastFlag(read: ComponentRead | undefined, name: string): GivenFlag | undefined {
  return read?.flags.findLast((f) => f.name === name);
}
