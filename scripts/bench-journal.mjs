// Benchmark of the live journal pane: `node scripts/bench-journal.mjs [RATE] [SECONDS] [--profile DIR]`
// (default 50000 lines/s for 5 s; --profile writes a V8 CPU profile of the run into DIR). Bundles scripts/bench-journal-entry.tsx with the
// project's code, runs it in its own process (a child writes `journalctl -o json` lines at
// RATE; the real parser, controller and Ink ApplyScreen render them into a 120x40
// terminal stream) and prints CPU, peak RSS, lag behind the input and frames per second.

import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { startupPlugin } from './build-startup.mjs';

const { values: opts, positionals } = parseArgs({
  options: { profile: { type: 'string' } },
  allowPositionals: true,
});
const [rate = '50000', seconds = '5'] = positionals;
const dir = await mkdtemp(join(tmpdir(), 'kmw-bench-'));
const out = join(dir, 'bench.mjs');
try {
  await build({
    entryPoints: [new URL('./bench-journal-entry.tsx', import.meta.url).pathname],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    // the product build's start-up measures (scripts/build-startup.mjs): the same Ink, yoga and
    // text-width code as the single file runs
    plugins: [startupPlugin(new URL('..', import.meta.url).pathname)],
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
    supported: { 'regexp-unicode-property-escapes': true, 'regexp-set-notation': true },
    logLevel: 'warning',
  });
  // an interactive terminal: Ink treats any CI variable as "print only the last frame"
  const env = { ...process.env, RATE: rate, SECONDS: seconds };
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION', 'GITHUB_ACTIONS', 'BUILD_NUMBER', 'RUN_ID']) delete env[k];
  const profile = opts.profile ? ['--cpu-prof', '--cpu-prof-dir', resolve(opts.profile)] : [];
  const json = execFileSync(process.execPath, [...profile, out], {
    env,
    // stderr only matters when the run fails (Ink restores the cursor on it at exit)
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const r = JSON.parse(json.trim().split('\n').at(-1));
  const lines = [
    `journal pane benchmark: ${r.rate} lines/s requested for ${r.seconds} s (node ${process.version})`,
    `  lines received and parsed   ${r.received} (${r.achievedLinesPerS} lines/s over ${r.elapsedS} s)`,
    `  CPU                         ${r.cpuPercentOfOneCore}% of one core (${r.cpuMs} ms), of which reading + parsing + buffering ${r.parseCpuPercent}%`,
    `  peak RSS                    ${r.rssPeakMiB} MiB`,
    `  screen updates              ${r.updatesPerS}/s (one per flush: new lines and the spinner frame together), ${r.renderCpuMsPerUpdate} ms of CPU each apart from parsing`,
    `  terminal writes             ${r.frames} (${r.framesPerS}/s, ${Math.round(r.bytesPerS / 1024)} KiB/s)`,
    `  pane lag behind the input   p50 ${r.paneLagMs.p50} ms, p99 ${r.paneLagMs.p99} ms, max ${r.paneLagMs.max} ms`,
    `  parse lag (max)             ${r.parseLagMaxMs} ms`,
    `  event-loop delay            p50 ${r.eventLoopDelayMs.p50} ms, p99 ${r.eventLoopDelayMs.p99} ms, max ${r.eventLoopDelayMs.max} ms`,
    `  keystroke → useInput        ${r.keystrokes} keys: p50 ${r.keystrokeDelayMs.p50} ms, p99 ${r.keystrokeDelayMs.p99} ms, max ${r.keystrokeDelayMs.max} ms`,
  ];
  console.log(lines.join('\n'));
} finally {
  await rm(dir, { recursive: true, force: true });
}
