declare const __KMW_VERSION__: string | undefined;

/** The package version: inlined by the bundle, read from package.json when run from source. */
export function readPackageVersion(): string {
  return typeof __KMW_VERSION__ === 'string' ? __KMW_VERSION__ : '0.0.0-dev';
}
