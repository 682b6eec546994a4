// klog's header: Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg
// (L is I, W, E or F; the thread id is printed as the process id, right-aligned to 7).

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Wall-clock time with microseconds. */
function nowWithMicros() {
  const ms = performance.timeOrigin + performance.now();
  return { now: new Date(Math.floor(ms)), micros: pad(Math.floor((ms * 1000) % 1_000_000), 6) };
}

export function klogLine(level, where, message) {
  const { now, micros } = nowWithMicros();
  const stamp = `${pad(now.getMonth() + 1)}${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${micros}`;
  return `${level}${stamp} ${String(process.pid).padStart(7)} ${where}] ${message}\n`;
}

/**
 * From this minor on the real binaries (read from the built 1.36 and 1.37) end a failed start
 * with `E… run.go:72] "command failed" err="…"` and exit 1, where older releases logged F.
 */
export const COMMAND_FAILED_FROM = 36;

/** Writes to stderr (synchronous for the pipes and sockets systemd gives a service on Linux). */
export function makeLogger(verbosity = 0, minor = 0) {
  const write = (level, where, message) => process.stderr.write(klogLine(level, where, message));
  return {
    verbosity,
    info: (where, message) => write('I', where, message),
    /** an info line shown only at --v >= level */
    v: (level, where, message) => {
      if (verbosity >= level) write('I', where, message);
    },
    warning: (where, message) => write('W', where, message),
    error: (where, message) => write('E', where, message),
    /** klog.Fatal: the line, then exit. The real binaries exit 255 here; the stand-ins exit 1. */
    fatal: (where, message) => {
      write('F', where, message);
      process.exit(1);
    },
    /**
     * A start that cannot go on: `command failed` with just the error (from 1.36), else a
     * fatal line with `prefix` (the older releases' own words) before it.
     */
    failed: (where, message, prefix = '') => {
      if (minor >= COMMAND_FAILED_FROM) {
        write(
          'E',
          'run.go:72',
          `"command failed" err="${message.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
        );
      } else {
        write('F', where, `${prefix}${message}`);
      }
      process.exit(1);
    },
  };
}
