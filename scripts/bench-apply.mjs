// Benchmark of the non-interactive front end on the single-file build: wall time and peak
// memory of `apply --dry-run` and `apply --root` (first write, then the no-op re-run) for the
// seed's answers, compared with `node -e 0`. Run `npm run build` first.
//   node scripts/bench-apply.mjs [runs]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 15);
const cli = new URL('../dist/kmaster-wizard.mjs', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'kmw-bench-'));
const answers = join(work, 'answers.yaml');
writeFileSync(
  answers,
  [
    'kubernetesVersion: "1.13"',
    'advertiseAddress: 192.168.50.101',
    'bindAddress: 192.168.50.101',
    'securePort: 6443',
    'etcdServers: [https://192.168.50.101:2379, https://192.168.50.102:2379, https://192.168.50.1:2379]',
    '',
  ].join('\n'),
);

function measure(argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...argv], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rssKb = Number(r.stderr.trim().split('\n').at(-1));
  return { ms, rssKb };
}

function series(name, make) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(measure(make(i)));
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const rss = Math.max(...results.map((r) => r.rssKb));
  const median = ms[Math.floor(ms.length / 2)];
  console.log(
    `${name.padEnd(34)} median ${median.toFixed(0).padStart(4)} ms  min ${ms[0].toFixed(0).padStart(4)} ms  peak RSS ${(rss / 1024).toFixed(1)} MiB`,
  );
}

console.log(`${runs} runs each, ${process.version}, ${cli}`);
series('node -e 0', () => ['-e', '0']);
series('apply --dry-run', () => [
  cli,
  'apply',
  '--answers',
  answers,
  '--dry-run',
  '--root',
  join(work, 'empty'),
]);
series('apply --root (first write)', (i) => [
  cli,
  'apply',
  '--answers',
  answers,
  '--root',
  join(work, `fresh-${i}`),
]);
measure([cli, 'apply', '--answers', answers, '--root', join(work, 'same')]);
series('apply --root (no-op re-run)', () => [
  cli,
  'apply',
  '--answers',
  answers,
  '--root',
  join(work, 'same'),
]);
rmSync(work, { recursive: true, force: true });
