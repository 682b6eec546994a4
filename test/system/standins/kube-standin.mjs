#!/usr/bin/env node
// STAND-IN for kube-apiserver, kube-controller-manager and kube-scheduler, for system tests
// only. No registry reachable from the test machines ships the Kubernetes control-plane
// binaries (Debian only has kubectl), so the tests install small wrappers at
// /usr/local/bin/kube-* that run this script:
//
//   node kube-standin.mjs COMPONENT VERSION [flags...]     e.g. kube-apiserver 1.13.12
//
// It behaves like the real component wherever the wizard depends on it: flags judged
// against the project's flag table for VERSION (`Error: unknown flag: --x`, exit 1),
// `--version`, klog-formatted logging, sd_notify readiness, real TLS connections to etcd,
// health endpoints on the configured address and port, leader election through Lease /
// Endpoints objects kept in etcd. It is not Kubernetes: no scheduling, no controllers.
//
// Environment (all optional):
//   KMW_FLAG_TABLE                 path of the flag table (default: the project's)
//   KMW_STANDIN_ETCD_TIMEOUT_MS    how long the apiserver retries etcd before giving up (6000)
//   KMW_STANDIN_WITHOUT            flags (comma-separated) this binary lacks: not in --help, unknown
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  acceptedFlags,
  flagReader,
  loadFlagTable,
  minorOf,
  parseFlags,
  requiredFlags,
  usage,
} from './lib/flags.mjs';
import { makeLogger } from './lib/klog.mjs';

const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
const [component, version, ...args] = process.argv.slice(2);
if (!COMPONENTS.includes(component) || !/^\d+\.\d+\.\d+$/.test(version ?? '')) {
  process.stderr.write(
    'usage: kube-standin.mjs kube-apiserver|kube-controller-manager|kube-scheduler 1.NN.P [flags]\n',
  );
  process.exit(2);
}
const minor = minorOf(version);
const here = dirname(fileURLToPath(import.meta.url));
const tablePath =
  process.env.KMW_FLAG_TABLE || join(here, '..', '..', '..', 'src', 'model', 'data', 'flag-table.json');
let table;
try {
  table = loadFlagTable(tablePath);
} catch (e) {
  process.stderr.write(`kube-standin: cannot read the flag table ${tablePath}: ${e.message}\n`);
  process.exit(2);
}

const accepted = acceptedFlags(table, component, minor);
for (const name of (process.env.KMW_STANDIN_WITHOUT ?? '').split(',').filter(Boolean)) accepted.delete(name);
const parsed = parseFlags(args, accepted);

/** cobra's output for a flag error; the main() of releases before 1.22 printed it once more. */
function flagError(message) {
  if (component === 'kube-apiserver' && minor >= 36) {
    // the real 1.36 and 1.37 apiservers print the error alone, without the usage
    process.stderr.write(`Error: ${message}\n`);
  } else if (minor < 22) {
    process.stderr.write(`Error: ${message}\n${usage(component, accepted)}\nerror: ${message}\n`);
  } else {
    process.stderr.write(`${usage(component, accepted)}\nError: ${message}\n`);
  }
  process.exit(1);
}

if (parsed.error) flagError(parsed.error);
const flags = flagReader(parsed.values);
if (flags.has('--help')) {
  process.stdout.write(usage(component, accepted));
  process.exit(0);
}
if (flags.has('--version') && flags.str('--version') !== 'false') {
  process.stdout.write(`Kubernetes v${version}\n`);
  process.exit(0);
}

// the deprecation warnings pflag prints for flags marked deprecated in the code (only
// those known for sure; a "DEPRECATED" in the usage text prints nothing)
const KLOG_FLAGS = ['--logtostderr', '--alsologtostderr', '--log-dir', '--log-file', '--log-file-max-size']
  .concat(['--log-backtrace-at', '--one-output', '--skip-headers', '--skip-log-headers', '--stderrthreshold'])
  .concat(['--add-dir-header']);
const runtimeDeprecation = (name) => {
  if (minor >= 23 && KLOG_FLAGS.includes(name)) {
    return 'will be removed in a future release, see https://github.com/kubernetes/enhancements/tree/master/keps/sig-instrumentation/2845-deprecate-klog-specific-flags-in-k8s-components';
  }
  if (component === 'kube-apiserver' && (name === '--insecure-port' || name === '--insecure-bind-address')) {
    return 'This flag will be removed in a future version.';
  }
  return null;
};
for (const name of parsed.values.keys()) {
  const why = runtimeDeprecation(name);
  if (why) process.stderr.write(`Flag ${name} has been deprecated, ${why}\n`);
}

const required = requiredFlags(table, component, minor);
const missing = required.filter((f) => !parsed.values.has(f));
if (missing.length) {
  // the wording of kube-apiserver's validation (1.20+) for the service-account flags
  const messages = missing
    .filter((f) => f !== '--service-account-signing-key-file')
    .map((f) =>
      f === '--etcd-servers' ? '--etcd-servers must be specified' : `${f.slice(2)} is a required flag`,
    );
  const signing = missing.includes('--service-account-signing-key-file');
  const issuer = missing.includes('--service-account-issuer');
  if (required.includes('--service-account-signing-key-file') && (signing || issuer)) {
    messages.push(
      signing && issuer
        ? '--service-account-signing-key-file and --service-account-issuer are required flags'
        : '--service-account-signing-key-file, --service-account-issuer, and --api-audiences should be specified together',
    );
  }
  process.stderr.write(`Error: [${messages.join(', ')}]\n`);
  process.exit(1);
}

const log = makeLogger(flags.int('--v', 0), minor);
process.on('SIGTERM', () => {
  log.info('signal.go:21', 'Received SIGTERM, exiting');
  process.exit(0);
});
process.on('SIGINT', () => process.exit(0));

const context = { component, version, minor, flags, log };
if (component === 'kube-apiserver') {
  const { runApiserver } = await import('./lib/apiserver.mjs');
  await runApiserver(context);
} else {
  const { runControlLoopComponent } = await import('./lib/control-loop-component.mjs');
  await runControlLoopComponent(context);
}
