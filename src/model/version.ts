/** Kubernetes minor versions the wizard supports: from the seed's era to the newest release. */
export const MIN_MINOR = 10;
export const MAX_MINOR = 36;

/** "1.13" or "v1.13.12" or "1.13.0-rc.1" → 13; null when outside 1.10–1.36 or not a version. */
export function parseMinor(value: string): number | null {
  const m = /^v?1\.(\d{1,2})(\.\d+)?(-[0-9A-Za-z.+-]+)?$/.exec(value.trim());
  if (!m) return null;
  const minor = Number(m[1]);
  return minor >= MIN_MINOR && minor <= MAX_MINOR ? minor : null;
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
