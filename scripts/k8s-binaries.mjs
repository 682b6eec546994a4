// Builds the real kube-apiserver, kube-controller-manager, kube-scheduler and kubectl of a
// Kubernetes release from the Go module proxy into ~/.cache/kmaster-wizard/k8s/vX.Y.Z/
// (KMW_K8S_CACHE overrides the k8s folder), and reuses a complete build found there.
//
//   node scripts/k8s-binaries.mjs [VERSION...] [--force]     (npm run k8s:binaries -- 1.37.2)
//
// Without VERSION: the releases the real-binary tests use (scripts/k8s-cache.mjs,
// KMW_K8S_VERSIONS). k8s.io/kubernetes cannot be built as a dependency as it is: its go.mod
// asks for every staging module (k8s.io/api, k8s.io/apiserver, …) at v0.0.0, which the proxy
// does not serve. So each build is a throw-away wrapper module that requires
// k8s.io/kubernetes vX.Y.Z and replaces each of those with its v0.Y.Z, built with
// CGO_ENABLED=0 and -trimpath, the release stamped into the version variables so that
// `--version` prints it. Go: $KMW_GO, else `go` on PATH, else /usr/local/go/bin/go.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { cachedBuild, K8S_BINARIES, k8sBinaryDir, plainVersion, testVersions } from './k8s-cache.mjs';

const VERSION_PACKAGES = ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'];

function log(line) {
  process.stderr.write(`k8s-binaries: ${line}\n`);
}

async function findGo() {
  if (process.env.KMW_GO) return process.env.KMW_GO;
  const onPath = await execa('go', ['version'], { reject: false });
  if (onPath.exitCode === 0) return 'go';
  if (existsSync('/usr/local/go/bin/go')) return '/usr/local/go/bin/go';
  throw new Error('Go is needed to build the Kubernetes binaries: install it or set KMW_GO');
}

/** `go` run niced (the build takes both cores for many minutes), Go's module mode forced. */
function goRunner(go) {
  const [cmd, ...pre] = existsSync('/usr/bin/nice') ? ['/usr/bin/nice', '-n', '10', go] : [go];
  const env = { CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
  return (args, opts = {}) => execa(cmd, [...pre, ...args], { env, ...opts });
}

/**
 * The wrapper module's go.mod: the staging modules the published go.mod asks for at
 * v0.0.0, each replaced by v0.MINOR.PATCH of the same release.
 */
export function wrapperGoMod(version, publishedGoMod) {
  const [, minor, patch] = version.split('.');
  const goLine = /^go (\S+)$/m.exec(publishedGoMod)?.[1] ?? '1.26.0';
  const staging = [...publishedGoMod.matchAll(/^\s*(k8s\.io\/[\w.-]+) v0\.0\.0\s*$/gm)].map((m) => m[1]);
  if (!staging.length)
    throw new Error(`k8s.io/kubernetes v${version}: no staging module at v0.0.0 in its go.mod`);
  const replaces = [...new Set(staging)].sort().map((m) => `\t${m} => ${m} v0.${minor}.${patch}`);
  return `module kmwbuild\n\ngo ${goLine}\n\nrequire k8s.io/kubernetes v${version}\n\nreplace (\n${replaces.join('\n')}\n)\n`;
}

export function versionLdflags(version, buildDate) {
  const [major, minor] = version.split('.');
  const vars = {
    gitVersion: `v${version}`,
    gitMajor: major,
    gitMinor: minor,
    gitTreeState: 'clean',
    gitCommit: '',
    buildDate,
  };
  const x = VERSION_PACKAGES.flatMap((pkg) => Object.entries(vars).map(([k, v]) => `-X ${pkg}.${k}=${v}`));
  return ['-s', '-w', ...x].join(' ');
}

async function versionOf(file) {
  const args = file.endsWith('/kubectl') ? ['version', '--client'] : ['--version'];
  const r = await execa(file, args, { reject: false });
  return `${r.stdout}${r.stderr}`.trim();
}

async function buildRelease(version, { force }) {
  const dest = k8sBinaryDir(version);
  const cached = cachedBuild(version);
  if (cached && !force) {
    log(`v${version}: reusing ${dest} (built ${cached.builtAt} in ${cached.seconds} s)`);
    return cached;
  }
  const go = await findGo();
  const run = goRunner(go);
  const started = Date.now();
  const work = await mkdtemp(join(tmpdir(), `kmw-k8s-${version}-`));
  const stage = `${dest}.partial-${process.pid}`;
  try {
    log(`v${version}: fetching k8s.io/kubernetes v${version} from the Go module proxy`);
    const dl = await run(['mod', 'download', '-json', `k8s.io/kubernetes@v${version}`], { cwd: work });
    const info = JSON.parse(dl.stdout);
    if (info.Error) throw new Error(info.Error);
    const published = readFileSync(info.GoMod, 'utf8');
    const releasedAt = JSON.parse(readFileSync(info.Info, 'utf8')).Time ?? '1970-01-01T00:00:00Z';
    await writeFile(join(work, 'go.mod'), wrapperGoMod(version, published));
    await mkdir(stage, { recursive: true });
    log(`v${version}: building ${K8S_BINARIES.join(', ')} (CGO_ENABLED=0, -trimpath) into ${dest}`);
    await run(
      [
        'build',
        '-trimpath',
        '-ldflags',
        versionLdflags(version, releasedAt),
        '-o',
        `${stage}/`,
        ...K8S_BINARIES.map((b) => `k8s.io/kubernetes/cmd/${b}`),
      ],
      { cwd: work, stdout: 'inherit', stderr: 'inherit' },
    );
    const goVersion = (await execa(go, ['version'])).stdout.trim();
    const binaries = {};
    for (const b of K8S_BINARIES) {
      const said = await versionOf(join(stage, b));
      if (!said.includes(`v${version}`)) throw new Error(`${b} built for v${version} says: ${said}`);
      binaries[b] = { bytes: statSync(join(stage, b)).size, version: said.split('\n')[0] };
    }
    const manifest = {
      version,
      builtAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      go: goVersion,
      source: `k8s.io/kubernetes v${version} from the Go module proxy (released ${releasedAt})`,
      binaries,
    };
    await writeFile(join(stage, 'build.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(dest, { recursive: true, force: true });
    await mkdir(dirname(dest), { recursive: true });
    await rename(stage, dest);
    const mb = Object.entries(binaries).map(([b, v]) => `${b} ${(v.bytes / 1e6).toFixed(0)} MB`);
    log(`v${version}: built in ${manifest.seconds} s: ${mb.join(', ')}`);
    return { dir: dest, ...manifest };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(stage, { recursive: true, force: true });
  }
}

/** Removes the leftovers of builds that were interrupted. */
async function removePartials(root) {
  if (!existsSync(root)) return;
  for (const name of await readdir(root)) {
    const m = /\.partial-(\d+)$/.exec(name);
    if (m && !existsSync(`/proc/${m[1]}`)) await rm(join(root, name), { recursive: true, force: true });
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node scripts/k8s-binaries.mjs [VERSION...] [--force]\n' +
        `  builds or reuses ${K8S_BINARIES.join(', ')} in ${dirname(k8sBinaryDir('0.0.0'))}/vVERSION\n` +
        `  default versions: ${testVersions().join(' ')}\n`,
    );
    return;
  }
  const versions = (positionals.length ? positionals : testVersions()).map(plainVersion);
  await removePartials(dirname(k8sBinaryDir('0.0.0')));
  for (const v of versions) {
    const build = await buildRelease(v, values);
    process.stdout.write(`${build.dir}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    log(error.stderr || error.message);
    process.exit(1);
  });
}
