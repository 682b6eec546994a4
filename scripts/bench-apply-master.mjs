// The wizard's own time on a real master: `kmaster-wizard apply --answers FILE --yes` on a real
// systemd (a sandbox of the system tests: systemd as PID 1 of new namespaces, a 3-member TLS
// etcd cluster, the stand-in kube binaries of 1.13), next to the same work done by hand with
// the fewest systemctl calls (a shell script in the same sandbox: the files copied, daemon-reload
// only when a unit file is new, enable only what is not enabled, then start and wait on each
// health endpoint with curl every 50 ms, the controller-manager and the scheduler together).
// What systemd and the components take is in both; the difference is the wizard's own time
// (its start, the preflight checks, planning, polling, the status table at the end).
//
//   node scripts/bench-apply-master.mjs [runs] [--real VERSION] [--node PATH] [--case new|change] [--trace]
//                                                   (root; run `npm run build` first)
//
// --real 1.37.2: the real binaries of that release (scripts/k8s-binaries.mjs, bind-mounted as
// the system tests do) instead of the stand-ins: compiled programs, whose --version and --help
// answers the wizard keeps across runs, as on a master. --trace prints one run of each case
// with the time of every line the wizard printed. --node PATH: the wizard runs on that Node
// (e.g. "$(node scripts/node-dist.mjs 24)"), else on the one running this script. --case: one
// of the two cases only.
//
// Two cases: a new install (nothing of the master yet) and a one-line change to the apiserver
// (--service-node-port-range, on a running master). Each case alternates the wizard and the
// hand-run `runs` times (default 5) and prints both medians and their difference. For the
// one-line change it also gives the difference without the apiserver's own restart on each side
// (from the restart asked to its first healthy answer, the wizard's printed lines timed as they
// come): a real apiserver takes anywhere from 3 to 70 s to stop (it drains its requests), which
// would drown a difference of tenths of a second.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

if (process.getuid?.() !== 0) {
  console.log('bench-apply-master: needs root (it boots systemd in new namespaces); skipped');
  process.exit(0);
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    real: { type: 'string' },
    node: { type: 'string' },
    case: { type: 'string' },
    trace: { type: 'boolean', default: false },
  },
});
const runs = Number(positionals[0] ?? 5);
const real = opts.real;
if (real && !/^1\.\d+\.\d+$/.test(real)) {
  console.error(`--real wants a release such as 1.37.2, not ${real}`);
  process.exit(2);
}
const cli = join(ROOT, 'dist/kmaster-wizard.mjs');
const nodeBin = opts.node ?? process.execPath;
const UNITS = ['kube-apiserver.service', 'kube-controller-manager.service', 'kube-scheduler.service'];

/** The system tests' harness (TypeScript), bundled once into a module this script can import. */
async function loadHarness() {
  const dir = join(ROOT, 'test/system/harness');
  const out = join(ROOT, 'node_modules/.cache/kmw-bench/harness.mjs');
  mkdirSync(dirname(out), { recursive: true });
  await build({
    stdin: {
      contents: [
        "export { bootSandbox } from './sandbox.ts';",
        "export { installCerts, makeCerts } from './certs.ts';",
        "export { startEtcdCluster } from './etcd.ts';",
        "export { addNotifyDropIn, installStandins } from './standins.ts';",
        "export { installRealBinaries } from './real-binaries.ts';",
      ].join('\n'),
      resolveDir: dir,
      sourcefile: 'bench-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    // the harness finds the stand-ins next to itself
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(dir, 'bench-entry.ts')).href) },
    outfile: out,
    logLevel: 'error',
  });
  return import(pathToFileURL(out).href);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

const h = await loadHarness();
const sandbox = await h.bootSandbox({ hostname: 'kmw-master-101' });
try {
  const certs = await h.makeCerts(`${sandbox.shareDir}/certs`);
  await h.installCerts(sandbox, certs);
  await h.startEtcdCluster(sandbox);
  if (real) await h.installRealBinaries(sandbox, real);
  else {
    await h.installStandins(sandbox, '1.13.12', { etcdTimeoutMs: 3000 });
    await h.addNotifyDropIn(sandbox);
  }
  const must = async (argv) => {
    const r = await sandbox.exec(argv, { timeoutMs: 180_000, env: { LANG: 'C.UTF-8' } });
    if (r.exitCode !== 0) throw new Error(`${argv.join(' ')} exited ${r.exitCode}\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  const timed = async (argv) => {
    const start = process.hrtime.bigint();
    await must(argv);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const share = sandbox.shareDir;
  const answers = (range) => {
    const file = join(share, `answers-${range}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        kubernetesVersion: real ? real.split('.').slice(0, 2).join('.') : '1.13',
        advertiseAddress: '192.168.50.101',
        bindAddress: '192.168.50.101',
        securePort: 6443,
        etcdServers: [
          'https://192.168.50.101:2379',
          'https://192.168.50.102:2379',
          'https://192.168.50.1:2379',
        ],
        serviceNodePortRange: range,
      }),
    );
    return file;
  };
  const A = answers('30000-50000');
  const B = answers('30000-32767');
  const wizard = (file) => timed([nodeBin, cli, '--lang', 'en', 'apply', '--answers', file, '--yes']);
  // every line the wizard prints, with the milliseconds since it was started (perl's clock)
  const tracedRun = async (file) => {
    const start = process.hrtime.bigint();
    const r = await must([
      'sh',
      '-c',
      `perl -MTime::HiRes=time -e '$| = 1; $t0 = time; open(my $w, "-|", @ARGV) or die; while (<$w>) { printf "%6.0f %s", (time - $t0) * 1000, $_ }' ${nodeBin} ${cli} --lang en apply --answers ${file} --yes`,
    ]);
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, trace: r.stdout };
  };
  // in a traced run, from "▶ Restart kube-apiserver.service" to its first healthy answer
  const restartSpan = (trace) => {
    const at = (re) => {
      const line = trace.split('\n').find((l) => re.test(l.trimEnd()));
      if (!line) throw new Error(`no line ${re} in the trace:\n${trace}`);
      return Number(line.trim().split(/\s+/)[0]);
    };
    return at(/:6443\/\S+: (livez: 200 ok, readyz: )?200 ok$/) - at(/▶ Restart kube-apiserver\.service/);
  };

  // the health endpoints, as the wizard probes them (the apiserver with a client certificate)
  const ssl = '/etc/kubernetes/ssl';
  const waitHealthy = (names) =>
    names
      .map((n) => {
        const url = {
          api: `--cacert ${ssl}/ca.pem --cert ${ssl}/kube-controller-manager.pem --key ${ssl}/kube-controller-manager-key.pem https://192.168.50.101:6443/healthz`,
          cm: '-k https://127.0.0.1:10257/healthz',
          sched: '-k https://127.0.0.1:10259/healthz',
        }[n];
        // two minutes at most: a component that never answers fails the run instead of hanging it
        return `n=0; until curl -sf -o /dev/null ${url}; do n=$((n + 1)); [ $n -lt 2400 ] || exit 1; sleep 0.05; done`;
      })
      .join('\n');
  const script = (name, body) => {
    const file = join(share, `${name}.sh`);
    writeFileSync(file, `set -e\n${body}\n`);
    return ['sh', file];
  };
  const [apiUnit, cmUnit, schedUnit] = UNITS;
  const byHandNew = script(
    'new-by-hand',
    [
      `tar -C / -xf ${share}/files.tar`,
      'systemctl daemon-reload',
      `systemctl enable --no-reload ${UNITS.join(' ')} 2>/dev/null`,
      `systemctl start ${apiUnit}`,
      waitHealthy(['api']),
      `systemctl start ${cmUnit} ${schedUnit}`,
      `(${waitHealthy(['cm'])}) & (${waitHealthy(['sched'])}) & wait`,
    ].join('\n'),
  );
  // prints the milliseconds from the restart asked to the apiserver healthy
  const byHandChange = (from, to) =>
    script(
      `change-by-hand-${to}`,
      [
        `sed -i 's/--service-node-port-range=${from}/--service-node-port-range=${to}/' /etc/kubernetes/apiserver`,
        'r0=$(date +%s%N)',
        `systemctl restart ${apiUnit}`,
        waitHealthy(['api']),
        'echo "span $(( ($(date +%s%N) - r0) / 1000000 ))"',
      ].join('\n'),
    );
  const reset = script(
    'reset',
    [
      `systemctl stop ${UNITS.join(' ')} || true`,
      `systemctl disable --no-reload ${UNITS.join(' ')} 2>/dev/null || true`,
      `rm -f ${UNITS.map((u) => `/etc/systemd/system/${u}`).join(' ')} /etc/kubernetes/apiserver* /etc/kubernetes/controller-manager* /etc/kubernetes/scheduler*`,
      'systemctl daemon-reload',
      `systemctl reset-failed ${UNITS.join(' ')} 2>/dev/null || true`,
    ].join('\n'),
  );

  const version = (await sandbox.exec([nodeBin, '--version'])).stdout.trim();
  console.log(`${runs} runs each, Node ${version}, ${cli}`);
  console.log(
    `on a real systemd in a sandbox: 3-member TLS etcd, ${real ? `the real kube binaries ${real}` : 'stand-in kube binaries 1.13'}`,
  );
  const traced = async (label, file) => console.log(`--- ${label}\n${(await tracedRun(file)).trace}`);

  // a new install: the first run also keeps the files for the hand-run
  await wizard(A);
  await must([
    'sh',
    '-c',
    // every file the wizard wrote (the kubeconfigs too, for the releases that use them)
    `cd / && tar -cf ${share}/files.tar etc/kubernetes/apiserver etc/kubernetes/controller-manager etc/kubernetes/scheduler $(ls etc/kubernetes/*.kubeconfig 2>/dev/null) ${UNITS.map((u) => `etc/systemd/system/${u}`).join(' ')}`,
  ]);
  const only = opts.case;
  if (only !== undefined && only !== 'new' && only !== 'change') {
    throw new Error(`--case wants new or change, not ${only}`);
  }
  const fresh = { wizard: [], hand: [] };
  for (let i = 0; i < (only === 'change' ? 0 : runs); i++) {
    await must(reset);
    fresh.wizard.push(await wizard(A));
    await must(reset);
    fresh.hand.push(await timed(byHandNew));
  }
  if (opts.trace && only !== 'change') {
    await must(reset);
    await traced('new install', A);
  }

  // a one-line change to the running apiserver, back and forth
  await must(reset);
  await wizard(A);
  const change = { wizard: [], hand: [], wizardSpan: [], handSpan: [] };
  // systemd refuses a sixth start of a unit within 10 s (StartLimitBurst): its counter is
  // reset before each run, outside the time measured
  const resetLimit = () => must(['systemctl', 'reset-failed', apiUnit]);
  for (let i = 0; i < (only === 'new' ? 0 : runs); i++) {
    await resetLimit();
    const w = await tracedRun(B);
    change.wizard.push(w.ms);
    change.wizardSpan.push(restartSpan(w.trace));
    await resetLimit();
    const start = process.hrtime.bigint();
    const hand = await must(byHandChange('30000-32767', '30000-50000'));
    change.hand.push(Number(process.hrtime.bigint() - start) / 1e6);
    change.handSpan.push(Number(/span (\d+)/.exec(hand.stdout)?.[1]));
    // the hand-run put A back; the wizard goes to B again next time
  }
  if (opts.trace && only !== 'new') {
    await resetLimit();
    await traced('one-line change', B);
  }

  for (const [name, r] of [
    ['new install', fresh],
    ['one-line change', change],
  ].filter(([, r]) => r.wizard.length > 0)) {
    const w = median(r.wizard);
    const hand = median(r.hand);
    console.log(
      `${name.padEnd(16)} wizard median ${secs(w)} (min ${secs(Math.min(...r.wizard))})  by hand median ${secs(hand)} (min ${secs(Math.min(...r.hand))})  the wizard's own time ${secs(w - hand)}`,
    );
    if (r.wizardSpan) {
      const rest = (walls, spans) => median(walls.map((x, i) => x - spans[i]));
      console.log(
        `${''.padEnd(16)} without the apiserver's restart (wizard ${secs(median(r.wizardSpan))}, by hand ${secs(median(r.handSpan))}): wizard ${secs(rest(r.wizard, r.wizardSpan))}  by hand ${secs(rest(r.hand, r.handSpan))}  the wizard's own time ${secs(rest(r.wizard, r.wizardSpan) - rest(r.hand, r.handSpan))}`,
      );
    }
  }
} finally {
  await sandbox.stop();
  rmSync(join(ROOT, 'node_modules/.cache/kmw-bench'), { recursive: true, force: true });
}
