// Benchmark of `kmaster-wizard doctor` on the single-file build: wall time and peak memory of
// `doctor --json` on the master this runs on, beside `node -e 0`. It needs a master (root,
// systemd running, the kube units or EnvironmentFiles on disk): elsewhere it says so and
// measures nothing. The figures in the notes were taken inside the system tests' sandbox
// (test/system/doctor.test.ts boots one: the guide's hand-made master, stand-in binaries).
//   node scripts/bench-doctor.mjs [runs]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const runs = Number(process.argv[2] ?? 5);
const cli = new URL('../dist/kmaster-wizard.mjs', import.meta.url).pathname;

const master =
  process.getuid?.() === 0 &&
  existsSync('/run/systemd/system') &&
  [
    '/etc/kubernetes/apiserver',
    '/etc/systemd/system/kube-apiserver.service',
    '/lib/systemd/system/kube-apiserver.service',
  ].some(existsSync);
if (!master) {
  console.log('doctor: not measured, this is not a master (needs root, systemd and the kube files)');
  process.exit(0);
}

function measure(argv, ok) {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...argv], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!ok.includes(r.status)) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, rssKb: Number(r.stderr.trim().split('\n').at(-1)), status: r.status };
}

function series(name, argv, ok = [0]) {
  const results = Array.from({ length: runs }, () => measure(argv, ok));
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const rss = Math.max(...results.map((r) => r.rssKb));
  console.log(
    `${name.padEnd(24)} median ${ms[Math.floor(ms.length / 2)].toFixed(0).padStart(5)} ms  min ${ms[0].toFixed(0).padStart(5)} ms  peak RSS ${(rss / 1024).toFixed(1)} MiB  exit ${results[0].status}`,
  );
}

console.log(`${runs} runs each, ${process.version}, ${cli}`);
series('node -e 0', ['-e', '0']);
series('doctor --json', [cli, 'doctor', '--json'], [0, 1]);
