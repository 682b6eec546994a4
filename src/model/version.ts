import table from './data/flag-table.json' with { type: 'json' };

/**
 * Kubernetes minor versions: the flag table (data/flag-table.json) covers every minor from
 * the seed's era to the newest release it knows; both ends are read from it, never repeated.
 * A newer minor is accepted and rendered as the newest known one, with a warning.
 */
const tableMinors = table.minors.map((m) => Number(m.split('.')[1]));

/** The oldest minor the wizard supports (1.10). */
export const MIN_MINOR = tableMinors[0]!;
/** The newest minor the flag table knows; a newer one is rendered as this one. */
export const NEWEST_MINOR = tableMinors[tableMinors.length - 1]!;

/** "1.13" or "v1.13.12" or "1.13.0-rc.1" → 13; null when older than 1.10 or not a version. */
export function parseMinor(value: string): number | null {
  const m = /^v?1\.(\d{1,3})(\.\d+)?(-[0-9A-Za-z.+-]+)?$/.exec(value.trim());
  if (!m) return null;
  const minor = Number(m[1]);
  return minor >= MIN_MINOR ? minor : null;
}

/** The minor the files are rendered for: the minor itself, or the newest known for a newer one. */
export function knownMinor(minor: number): number {
  return Math.min(minor, NEWEST_MINOR);
}

/** parseMinor, then knownMinor: the minor to render a version string for. */
export function renderMinor(value: string): number | null {
  const minor = parseMinor(value);
  return minor === null ? null : knownMinor(minor);
}

export function isNewerThanKnown(minor: number): boolean {
  return minor > NEWEST_MINOR;
}

export function minorString(minor: number): string {
  return `1.${minor}`;
}

/** The version line of `kube-apiserver --version`: "Kubernetes v1.13.12" → "1.13". */
export function versionFromBinaryOutput(output: string): string | null {
  const m = /Kubernetes v(1\.\d+)(\.\d+)?/.exec(output);
  if (!m) return null;
  return parseMinor(m[1]!) === null ? null : m[1]!;
}
