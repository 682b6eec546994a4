#!/usr/bin/env node
// Start-up and typing speed of the single file or the executable, in a real pseudo-terminal.
//
//   npm run build && node scripts/bench-startup.mjs [--runs 15] [--keys 30] [--bundle dist/kmaster-wizard.mjs]
//   npm run build:exe && node scripts/bench-startup.mjs --exe dist/kmaster-wizard-linux-x64 --node NODE
//
// First frame: the time from spawning the wizard until the text of its first interactive
// screen ("New setup" and the footer's keys) has arrived on the terminal, side by side with
// the time `node -e 0` takes to start and exit through the same terminal: each run starts
// the three one after the other (bare node, the wizard with its code cache, the wizard with
// the cache turned off by NODE_DISABLE_COMPILE_CACHE), and the ratio is taken run by run, so
// a machine that gets busier or quieter moves both sides. Medians of --runs runs. The code
// cache lives in a temporary XDG_CACHE_HOME that one run before the measured ones fills, as
// the first run on a master does.
//
// --node NODE is the Node that runs `-e 0` and the single file (default: this one); with --exe
// the executable runs instead of the single file, and NODE should be the Node it was built on.
//
// Keystroke redraw: on the must-change screen, the advertise-address field is cleared and an
// address is typed one key at a time, 80 ms apart; for each key, the time from writing it to
// the terminal until the frame showing the field's new value has arrived.
//
// The terminal is util-linux `script` (a pty) sized 100x30 with stty; CI variables are removed
// so Ink draws as it does for a person, and the wizard works in a temporary directory with a
// temporary profile store, so nothing of this machine is read or written.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    keys: { type: 'string', default: '30' },
    bundle: { type: 'string', default: new URL('../dist/kmaster-wizard.mjs', import.meta.url).pathname },
    exe: { type: 'string' },
    node: { type: 'string', default: process.execPath },
  },
});
const runs = Math.max(10, Number(values.runs));
const PACE_MS = 80;
const keyCount = Math.max(5, Number(values.keys));
const bundle = resolve(values.exe ?? values.bundle);
if (!existsSync(bundle)) {
  console.error(`${bundle} does not exist; run \`npm run ${values.exe ? 'build:exe' : 'build'}\` first.`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'kmw-bench-'));
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => k !== 'CI' && k !== 'CONTINUOUS_INTEGRATION' && k !== 'GITHUB_ACTIONS' && !k.startsWith('CI_'),
  ),
);
Object.assign(env, {
  TERM: 'xterm-256color',
  KMW_CONFIG_DIR: join(work, 'config'),
  XDG_CACHE_HOME: join(work, 'cache'),
  LANG: 'C.UTF-8',
});
delete env.NODE_DISABLE_COMPILE_CACHE;

const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[\]P^_][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const plain = (s) => s.replace(ANSI, '');

/** A command in a 100x30 pty; `on(text)` sees everything it printed so far, ANSI removed. */
function inPty(command, extraEnv = {}) {
  const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], {
    cwd: work,
    env: { ...env, ...extraEnv },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let raw = '';
  const waiters = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    raw += chunk;
    // the whole output without ANSI only when a test reads it (a keystroke's test reads what
    // came after its mark): stripping all of it for every chunk grew with the output and was
    // counted in the keystrokes' times
    let text;
    const all = () => {
      text ??= plain(raw);
      return text;
    };
    for (const w of [...waiters]) {
      if (w.test(all)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(performance.now());
      }
    }
  });
  const exited = new Promise((r) => child.on('exit', () => r(performance.now())));
  return {
    child,
    exited,
    /** resolves with the time at which the printed text first passes the test */
    when(test, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        // a test made by mark() reads only what came after its mark
        const w = { test: test.sinceMark ? () => test() : (all) => test(all()), resolve };
        if (w.test(() => plain(raw))) return resolve(performance.now());
        waiters.push(w);
        setTimeout(
          () => reject(new Error(`timed out waiting; screen:\n${plain(raw).slice(-2000)}`)),
          timeoutMs,
        );
      });
    },
    /** the text printed from now on */
    mark() {
      const from = raw.length;
      return (test) => Object.assign(() => test(plain(raw.slice(from))), { sinceMark: true });
    },
    write: (s) => child.stdin.write(s),
    kill: () => child.kill('SIGKILL'),
  };
}

const node = resolve(values.node);
const wizard = `${values.exe ? '' : `${node} `}${bundle} --lang en`;
const isFirstFrame = (text) => text.includes('New setup') && text.includes('quit');

async function baseline() {
  const t0 = performance.now();
  const p = inPty(`${node} -e 0`);
  return (await p.exited) - t0;
}

async function firstFrame(extraEnv) {
  const t0 = performance.now();
  const p = inPty(wizard, extraEnv);
  const t = await p.when(isFirstFrame);
  p.write('\u0003');
  await Promise.race([p.exited, new Promise((r) => setTimeout(r, 2000))]);
  p.kill();
  return t - t0;
}

async function keystrokes() {
  const p = inPty(wizard);
  await p.when(isFirstFrame);
  // the checks are loaded right after the first frame; wait for the host's binaries too
  await p.when((text) => !text.includes('checking…') || text.includes('not found'));
  await new Promise((r) => setTimeout(r, 300));
  const next = p.mark();
  p.write('\r');
  await p.when(next((since) => since.includes('--advertise-address')));
  const cleared = p.mark();
  p.write('\u0015'); // Ctrl-U
  await p.when(cleared((since) => /--advertise-address \[ +\]/.test(since)));
  const address = '192.168.50.101';
  const times = [];
  let typed = '';
  for (let i = 0; i < keyCount; i++) {
    const ch = address[i % address.length];
    if (i > 0 && i % address.length === 0) {
      const wiped = p.mark();
      p.write('\u0015');
      await p.when(wiped((since) => /--advertise-address \[ +\]/.test(since)));
      typed = '';
    }
    typed += ch;
    // a fast typist: a key every PACE_MS, so each key meets a renderer that is not still within
    // the frame interval of the one before (Ink draws at most 30 frames a second)
    await new Promise((r) => setTimeout(r, PACE_MS));
    const shown = p.mark();
    const t0 = performance.now();
    p.write(ch);
    const want = `--advertise-address [${typed}`;
    const t1 = await p.when(shown((since) => since.includes(want)));
    times.push(t1 - t0);
  }
  p.write('\u0003');
  await Promise.race([p.exited, new Promise((r) => setTimeout(r, 2000))]);
  p.kill();
  return times;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const ms = (x) => `${x.toFixed(0)} ms`;

const noCache = { NODE_DISABLE_COMPILE_CACHE: '1' };
const ratios = (xs, base) => xs.map((x, i) => x / base[i]);
const row = (label, xs, base) =>
  `${label.padEnd(34)}median ${ms(median(xs))}  min ${ms(Math.min(...xs))}  p90 ${ms(pct(xs, 90))}${
    base ? `   ${median(ratios(xs, base)).toFixed(2)}x node -e 0 (median of the runs' ratios)` : ''
  }`;

try {
  // the first run on this machine: it writes the code cache that the measured runs read
  await firstFrame();
  const base = [];
  const warm = [];
  const cold = [];
  for (let i = 0; i < runs; i++) {
    base.push(await baseline());
    warm.push(await firstFrame());
    cold.push(await firstFrame(noCache));
  }
  const keys = await keystrokes();
  console.log(`${values.exe ? 'executable' : 'bundle'}: ${bundle}`);
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`node ${version}, ${runs} runs each, terminal 100x30 (script + stty)`);
  console.log(row('node -e 0 (start and exit):', base));
  console.log(row('first frame, code cache:', warm, base));
  console.log(row('first frame, no code cache:', cold, base));
  console.log(
    `keystroke to redraw (${keys.length} keys in the advertise-address field): median ${median(keys).toFixed(1)} ms  p90 ${pct(keys, 90).toFixed(1)} ms  max ${Math.max(...keys).toFixed(1)} ms`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
