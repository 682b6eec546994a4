// The journal pane under load, bundled and run by scripts/bench-journal.mjs. A child
// process writes `journalctl -o json` lines at the requested rate; this process parses
// them with the same code as the real follower (LineSplitter, parseJournalJson,
// toLogLine), feeds them to the apply controller, and renders the real ApplyScreen with
// Ink into a terminal-sized stream. It prints one JSON object with the figures.
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PassThrough, Writable } from 'node:stream';
import { render, useInput } from 'ink';
import { ApplyScreen } from '../components/ApplyScreen.js';
import { createApplyController } from '../src/apply/controller.js';
import type { ApplyResult } from '../src/apply/events.js';
import { toLogLine } from '../src/apply/klog.js';
import { LineSplitter, parseJournalJson } from '../src/host/journal.js';
import { translator } from '../src/i18n/index.js';

const rate = Number(process.env.RATE ?? 50_000);
const seconds = Number(process.env.SECONDS ?? 5);
const UNIT = 'kube-apiserver.service';

const PRODUCER = `
const rate = ${rate}, seconds = ${seconds};
const start = Date.now();
let n = 0;
const pad = (x, w = 2) => String(x).padStart(w, '0');
function tick() {
  const now = Date.now();
  const due = Math.min(Math.floor(((now - start) / 1000) * rate), rate * seconds);
  let chunk = '';
  const d = new Date(now);
  const stamp = pad(d.getMonth() + 1) + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3) + '000';
  for (; n < due; n++) {
    const sev = n % 500 === 0 ? 'E' : n % 50 === 0 ? 'W' : 'I';
    const msg = sev + stamp + '    4242 handler.go:' + (n % 997) + '] "HTTP" verb="GET" URI="/api/v1/namespaces/kube-system/endpoints/kube-scheduler" latency="1.2ms" line=' + n;
    chunk += JSON.stringify({ __CURSOR: 's=1;i=' + n, __REALTIME_TIMESTAMP: String(now * 1000), PRIORITY: sev === 'I' ? '6' : sev === 'W' ? '4' : '3', _PID: '4242', SYSLOG_IDENTIFIER: 'kube-apiserver', MESSAGE: msg }) + '\\n';
  }
  if (chunk) process.stdout.write(chunk);
  if (n < rate * seconds) setTimeout(tick, 5);
}
tick();
`;

class Terminal extends Writable {
  isTTY = true;
  columns = 120;
  rows = 40;
  frames = 0;
  bytes = 0;
  onFrame: () => void = () => {};
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.frames++;
    this.bytes += chunk.length;
    this.onFrame();
    done();
  }
}

const t = translator('en');
const terminal = new Terminal();
let received = 0;
let parseLagMax = 0;
/** time spent reading, parsing and buffering lines (the rest of the CPU is rendering) */
let parseMs = 0;
/** the controller's notifications to the screen (one per flush with something new) */
let updates = 0;
const lags: number[] = [];
let rssPeak = 0;
const loop = monitorEventLoopDelay({ resolution: 10 });
// a keystroke every 50 ms on a raw-mode stdin: how long until Ink hands it to useInput?
const keyDelays: number[] = [];
let keySentAt = 0;
const stdin = Object.assign(new PassThrough(), {
  isTTY: true,
  setRawMode: () => {},
  ref: () => {},
  unref: () => {},
});
function KeyProbe() {
  useInput(() => {
    if (keySentAt) keyDelays.push(performance.now() - keySentAt);
    keySentAt = 0;
  });
  return null;
}

const controller = createApplyController({
  run: (emit) =>
    new Promise<ApplyResult>((resolve) => {
      emit({ type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } });
      const child = spawn(process.execPath, ['-e', PRODUCER], { stdio: ['ignore', 'pipe', 'inherit'] });
      const splitter = new LineSplitter();
      let id = 0;
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        const began = performance.now();
        const now = Date.now();
        const lines = [];
        for (const raw of splitter.push(chunk)) {
          const e = parseJournalJson(raw);
          if (!e) continue;
          parseLagMax = Math.max(parseLagMax, now - e.usec / 1000);
          lines.push(toLogLine(UNIT, e, ++id));
        }
        received += lines.length;
        emit({ type: 'journal', unit: UNIT, lines });
        parseMs += performance.now() - began;
      });
      child.on('close', () => {
        emit({ type: 'phase-done', phase: { name: 'wait', component: 'kube-apiserver' } });
        const r: ApplyResult = { outcome: 'healthy', written: [], changed: [], before: [], after: [] };
        emit({ type: 'finished', result: r });
        resolve(r);
      });
    }),
});

controller.subscribe(() => updates++);
terminal.onFrame = () => {
  const newest = controller.journal.tail(UNIT, 1)[0];
  if (newest) lags.push(Date.now() - newest.time);
};

const cpu0 = process.cpuUsage();
const t0 = performance.now();
loop.enable();
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 20);
const keys = setInterval(() => {
  keySentAt = performance.now();
  stdin.write('x');
}, 50);

const app = render(
  <>
    <KeyProbe />
    <ApplyScreen
      t={t}
      controller={controller}
      onEdit={() => {}}
      onQuit={() => {}}
      onDone={() => app.unmount()}
      paneHeight={20}
      width={119}
    />
  </>,
  {
    stdout: terminal as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    patchConsole: false,
    exitOnCtrlC: false,
    maxFps: 30,
  },
);
await app.waitUntilExit();
const elapsed = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
clearInterval(keys);
loop.disable();
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};
process.stdout.write(
  `${JSON.stringify({
    rate,
    seconds,
    received,
    elapsedS: Number(elapsed.toFixed(2)),
    achievedLinesPerS: Math.round(received / elapsed),
    cpuPercentOfOneCore: Number((((cpu.user + cpu.system) / 1e6 / elapsed) * 100).toFixed(1)),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    renderCpuMsPerUpdate: Number(
      (((cpu.user + cpu.system) / 1000 - parseMs) / Math.max(1, updates)).toFixed(1),
    ),
    rssPeakMiB: Number((rssPeak / 1024 / 1024).toFixed(1)),
    updatesPerS: Number((updates / elapsed).toFixed(1)),
    frames: terminal.frames,
    framesPerS: Number((terminal.frames / elapsed).toFixed(1)),
    bytesPerS: Math.round(terminal.bytes / elapsed),
    paneLagMs: { p50: pct(lags, 50), p99: pct(lags, 99), max: Math.max(0, ...lags) },
    parseLagMaxMs: parseLagMax,
    parseCpuPercent: Number(((parseMs / 1000 / elapsed) * 100).toFixed(1)),
    eventLoopDelayMs: {
      p50: Number((loop.percentile(50) / 1e6).toFixed(1)),
      p99: Number((loop.percentile(99) / 1e6).toFixed(1)),
      max: Number((loop.max / 1e6).toFixed(1)),
    },
    keystrokes: keyDelays.length,
    keystrokeDelayMs: {
      p50: Number(pct(keyDelays, 50).toFixed(1)),
      p99: Number(pct(keyDelays, 99).toFixed(1)),
      max: Number(Math.max(0, ...keyDelays).toFixed(1)),
    },
  })}\n`,
);
process.exit(0);
