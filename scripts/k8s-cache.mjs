// Where the real Kubernetes (and etcd) binaries built by scripts/k8s-binaries.mjs live, and
// which releases the tests use. Shared by the build script and the tests that run the binaries.

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The binaries built for each Kubernetes release. */
export const K8S_BINARIES = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'];

/**
 * The releases the real-binary tests run (one per minor; the newest patch the Go module
 * proxy serves). KMW_K8S_VERSIONS="1.34.4,1.37.2" picks others.
 */
export const K8S_TEST_VERSIONS = ['1.36.3', '1.37.2'];

export function testVersions(env = process.env) {
  const list = env.KMW_K8S_VERSIONS?.split(/[\s,]+/).filter(Boolean);
  return list?.length ? list : K8S_TEST_VERSIONS;
}

function cacheHome(env) {
  return env.XDG_CACHE_HOME || join(homedir(), '.cache');
}

/** `$KMW_K8S_CACHE`, else `~/.cache/kmaster-wizard/k8s` (XDG_CACHE_HOME respected). */
export function k8sCacheRoot(env = process.env) {
  return env.KMW_K8S_CACHE || join(cacheHome(env), 'kmaster-wizard', 'k8s');
}

/** `~/.cache/kmaster-wizard/k8s/v1.37.2` */
export function k8sBinaryDir(version, env = process.env) {
  return join(k8sCacheRoot(env), `v${plainVersion(version)}`);
}

/** "v1.37.2" or "1.37.2" → "1.37.2"; throws on anything else. */
export function plainVersion(version) {
  const m = /^v?(\d+\.\d+\.\d+)$/.exec(String(version).trim());
  if (!m) throw new Error(`not a release version (like 1.37.2): ${version}`);
  return m[1];
}

/**
 * The manifest of a complete build in the cache (what build.json says), or null when the
 * directory, a binary or the manifest is missing.
 */
export function cachedBuild(version, env = process.env) {
  const dir = k8sBinaryDir(version, env);
  const manifest = join(dir, 'build.json');
  if (!existsSync(manifest) || K8S_BINARIES.some((b) => !existsSync(join(dir, b)))) return null;
  try {
    return { dir, ...JSON.parse(readFileSync(manifest, 'utf8')) };
  } catch {
    return null;
  }
}
