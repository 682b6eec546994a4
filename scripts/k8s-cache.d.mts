export const K8S_BINARIES: string[];
export const K8S_TEST_VERSIONS: string[];
export function testVersions(env?: NodeJS.ProcessEnv): string[];
export function k8sCacheRoot(env?: NodeJS.ProcessEnv): string;
export function k8sBinaryDir(version: string, env?: NodeJS.ProcessEnv): string;
export function plainVersion(version: string): string;
export interface CachedBuild {
  dir: string;
  version: string;
  builtAt: string;
  seconds: number;
  go: string;
  source: string;
  binaries: Record<string, { bytes: number; version: string }>;
}
export function cachedBuild(version: string, env?: NodeJS.ProcessEnv): CachedBuild | null;
