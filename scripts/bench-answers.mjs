// Benchmark of the answers reader on hostile files, through the single-file build: wall
// time and peak memory of `apply --root` on answers files made to be slow or large (each
// is refused with exit 2), next to the seed's own answers. Run `npm run build` first.
//   node scripts/bench-answers.mjs [runs]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 5);
const cli = new URL('../dist/kmaster-wizard.mjs', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'kmw-bench-answers-'));
const MiB = 1024 * 1024;
const base = [
  'kubernetesVersion: "1.13"',
  'advertiseAddress: 192.168.50.101',
  'bindAddress: 192.168.50.101',
  'securePort: 6443',
  'etcdServers: [https://192.168.50.101:2379, https://192.168.50.102:2379, https://192.168.50.1:2379]',
  '',
].join('\n');
const fill = (head, unit, tail) =>
  head + unit.repeat(Math.floor((MiB - 64 - head.length - tail.length) / unit.length)) + tail;

const files = {
  'the seed (accepted)': base,
  '20 MB value (cut at 1 MiB)': `${base}x: "${'a'.repeat(20_000_000)}"\n`,
  '1 MiB value': fill(`${base}x: "`, 'a', '"\n'),
  '1 MiB of [ (nesting)': fill('', '[', ''),
  '10,000-deep JSON': `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  '1 MiB flow list': fill(`${base}x: [`, '1,', '1]\n'),
  '1 MiB of keys': fill(base, 'k0000000: 1\n', ''),
  'aliases, 10^9 values': `a: &a [x, x, x, x, x, x, x, x, x, x]\n${'bcdefghij'
    .split('')
    .map((n, i) => `${n}: &${n} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)
    .join('\n')}\n`,
};

function measure(file, root) {
  const start = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, cli, 'apply', '--answers', file, '--root', root],
    {
      encoding: 'utf8',
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rssKb = Number(r.stderr.trim().split('\n').at(-1));
  return { ms, rssKb, status: r.status };
}

console.log(`${runs} runs each, ${process.version}, ${cli}`);
try {
  for (const [name, text] of Object.entries(files)) {
    const file = join(work, 'answers.yaml');
    writeFileSync(file, text);
    const results = [];
    for (let i = 0; i < runs; i++) results.push(measure(file, join(work, `root-${i}`)));
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    const rss = Math.max(...results.map((r) => r.rssKb));
    console.log(
      `${name.padEnd(28)} exit ${results[0].status}  median ${ms[Math.floor(ms.length / 2)].toFixed(0).padStart(5)} ms  max ${ms.at(-1).toFixed(0).padStart(5)} ms  peak RSS ${(rss / 1024).toFixed(1)} MiB`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
