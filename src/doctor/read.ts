import { isBoolFlag } from '../adopt/adopt.js';
import { type GivenFlag, readFlags } from '../adopt/given-flags.js';
import { type ComponentSource, readComponent } from '../adopt/sources.js';
import type { VersionProbe } from '../host/binaries.js';
import { COMPONENTS, type Component } from '../model/components.js';
import { parseMinor } from '../model/version.js';

/**
 * One component as its files start it: the unit and EnvironmentFiles (read as adopt reads
 * them), the flags of its command line with the file and line of each, and the version of the
 * binary its ExecStart runs.
 */
export interface ComponentRead {
  component: Component;
  source: ComponentSource;
  flags: GivenFlag[];
  version: VersionProbe | null;
  /** the binary's minor version; null when it cannot tell */
  minor: number | null;
}

export async function readComponents(
  root: string,
  binaryVersion: (path: string) => Promise<VersionProbe>,
): Promise<ComponentRead[]> {
  const read = await Promise.all(
    COMPONENTS.map(async (component): Promise<ComponentRead | null> => {
      // a file that cannot be read is adopt's problem to report
      const source = await readComponent(root, component).catch(() => null);
      if (!source) return null;
      const { flags } = readFlags(source.args, (name) => isBoolFlag(component, name));
      const version = source.binary ? await binaryVersion(source.binary) : null;
      const minor = version?.ok ? parseMinor(version.version) : null;
      return { component, source, flags, version, minor };
    }),
  );
  return read.filter((r) => r !== null);
}

/** The last value given for a flag (the one pflag keeps), with where it is written. */
export function lastFlag(read: ComponentRead | undefined, name: string): GivenFlag | undefined {
  return read?.flags.findLast((f) => f.name === name);
}
