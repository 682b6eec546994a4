/**
 * A throw-away machine for system tests: systemd booted as PID 1 of new PID, mount,
 * network and UTS namespaces (see docs/testing-with-real-systemd.md in the shared docs).
 *
 * - /tmp and /run are private tmpfs mounts made BEFORE systemd starts (Debian's
 *   tmpfiles.d would otherwise empty the host's /tmp).
 * - /etc, /usr/local, /usr/lib/systemd/system, /var/lib, /var/log and /root are
 *   copy-on-write overlays whose upper layers live on that private /run: whatever a test
 *   writes there (units, /etc/kubernetes, stand-ins, etcd data, the journal) vanishes
 *   with the sandbox.
 * - The network namespace has only `lo`, carrying 127.0.0.1 and the seed's addresses.
 *   Nothing inside can reach any other network.
 * - `shareDir` (under /var/tmp, which is not overlaid) is visible inside and outside; put
 *   files the test prepares for the sandbox there. It is removed by `stop()`.
 */
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { sleep, waitUntil } from './wait.js';

export const SEED_ADDRESSES = ['192.168.50.101', '192.168.50.102', '192.168.50.1'] as const;
export const OVERLAID_DIRS = [
  '/etc',
  '/usr/local',
  '/usr/lib/systemd/system',
  '/var/lib',
  '/var/log',
  '/root',
];

export const SANDBOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface SandboxOptions {
  /** hostname inside (also written to the overlaid /etc/hostname) */
  hostname?: string;
  /** addresses added as /32 on `lo` */
  addresses?: readonly string[];
  bootTimeoutMs?: number;
}

export interface ExecOptions {
  env?: Record<string, string>;
  input?: string | Uint8Array;
  timeoutMs?: number;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface Sandbox {
  /** PID (as seen from the host) of the sandbox's systemd */
  readonly pid: number;
  readonly hostname: string;
  readonly addresses: readonly string[];
  /** folder under /var/tmp shared with the sandbox (same path inside and out) */
  readonly shareDir: string;
  exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
  /**
   * A long-running command inside; `kill()` on the result reaches it as SIGTERM (through
   * nsenter's death). Killed at the latest by stop().
   */
  spawn(argv: readonly string[], opts?: { env?: Record<string, string> }): ResultPromise;
  writeFile(path: string, content: string | Uint8Array, mode?: number): Promise<void>;
  readFile(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
  systemctl(...args: string[]): Promise<ExecResult>;
  /**
   * A command of the host run in the sandbox's network namespace only (the host's files and
   * /proc, so `ip link … netns PID` can name another sandbox by its host PID).
   */
  inNetns(argv: readonly string[]): Promise<ExecResult>;
  /** `journalctl -u UNIT -o cat|short` output of the current boot */
  journal(unit: string, opts?: { output?: 'short' | 'cat' }): Promise<string>;
  stop(): Promise<void>;
}

/** The script run as the namespace's first process; it ends by exec-ing systemd. */
const INIT_SCRIPT = `set -e
if [ -n "$KMW_KEEP" ]; then mount --bind "$KMW_KEEP" /mnt; fi
mount -t tmpfs -o mode=1777 tmpfs /tmp
if [ -n "$KMW_KEEP" ]; then mkdir -p "$KMW_KEEP"; mount --move /mnt "$KMW_KEEP"; fi
mount -t tmpfs -o mode=755 tmpfs /run
mount --bind /dev/null /dev/kmsg
ip link set lo up
for a in $KMW_ADDRESSES; do ip addr add "$a/32" dev lo; done
i=0
for d in $KMW_OVERLAYS; do
  i=$((i+1))
  mkdir -p /run/kmw-overlay/$i/upper /run/kmw-overlay/$i/work
  mount -t overlay overlay -o "lowerdir=$d,upperdir=/run/kmw-overlay/$i/upper,workdir=/run/kmw-overlay/$i/work" "$d"
done
echo "$KMW_HOSTNAME" > /etc/hostname
hostname "$KMW_HOSTNAME"
exec env -i container=kmw-test PATH=${SANDBOX_PATH} /lib/systemd/systemd --system --unit=basic.target --log-target=journal
`;

const SHARE_PREFIX = '/var/tmp/kmw-system-';

/**
 * The checkout (the CLI under test, the fixtures) stays visible inside when it lies under /tmp,
 * which the sandbox's own tmpfs would hide: it is held at /mnt across that mount, then moved back.
 */
const CHECKOUT = realpathSync(fileURLToPath(new URL('../../..', import.meta.url)));
const KEEP_UNDER_TMP = CHECKOUT.startsWith('/tmp/') ? CHECKOUT : '';

/** Share dirs are named after the test process; remove those whose process is gone. */
function removeStaleShareDirs() {
  for (const name of readdirSync('/var/tmp')) {
    const m = /^kmw-system-(\d+)-/.exec(name);
    if (m && commOf(Number(m[1])) === null) rmSync(`/var/tmp/${name}`, { recursive: true, force: true });
  }
}

function childPidOf(pid: number): number | null {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first ? Number(first) : null;
  } catch {
    return null;
  }
}

function commOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

export async function bootSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  if (process.getuid?.() !== 0) throw new Error('bootSandbox needs root (namespaces, mounts)');
  const hostname = opts.hostname ?? 'kmw-master-101';
  const addresses = opts.addresses ?? SEED_ADDRESSES;
  removeStaleShareDirs();
  const shareDir = mkdtempSync(`${SHARE_PREFIX}${process.pid}-`);
  const bootLog = `${shareDir}/boot.log`;

  // setpriv --pdeathsig: if this test process dies, unshare dies, and --kill-child
  // then takes the whole namespace with it.
  const init = execa(
    'setpriv',
    [
      '--pdeathsig',
      'KILL',
      '--',
      'unshare',
      '--pid',
      '--fork',
      '--kill-child',
      '--mount',
      '--mount-proc',
      '--net',
      '--uts',
      '--propagation',
      'private',
      'sh',
      '-c',
      INIT_SCRIPT,
    ],
    {
      stdin: 'ignore',
      stdout: { file: bootLog, append: true },
      stderr: { file: bootLog, append: true },
      reject: false,
      extendEnv: false,
      env: {
        PATH: SANDBOX_PATH,
        KMW_HOSTNAME: hostname,
        KMW_ADDRESSES: addresses.join(' '),
        KMW_OVERLAYS: OVERLAID_DIRS.join(' '),
        KMW_KEEP: KEEP_UNDER_TMP,
      },
    },
  );
  const unsharePid = init.pid;
  if (!unsharePid) throw new Error('could not start unshare');

  let stopped = false;
  let systemdPid = 0;
  const children = new Set<ResultPromise>();

  const killNow = () => {
    if (systemdPid > 0) {
      try {
        process.kill(systemdPid, 'SIGKILL');
      } catch {}
    }
    try {
      process.kill(unsharePid, 'SIGKILL');
    } catch {}
  };
  const onExit = () => {
    killNow();
    rmSync(shareDir, { recursive: true, force: true });
  };
  process.on('exit', onExit);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killNow();
    for (const c of children) c.kill('SIGKILL');
    await init;
    await Promise.allSettled([...children]);
    // the namespace is gone once its init and every nsenter'ed process are
    await waitUntil(() => systemdPid === 0 || commOf(systemdPid) === null, { timeoutMs: 10_000 }).catch(
      () => {},
    );
    rmSync(shareDir, { recursive: true, force: true });
    process.off('exit', onExit);
  };

  const fail = async (why: string): Promise<never> => {
    let log = '';
    try {
      log = readFileSync(bootLog, 'utf8');
    } catch {}
    await stop();
    throw new Error(`sandbox did not boot: ${why}\n${log}`);
  };

  // the namespace's PID 1 is unshare's child: sh, which execs systemd
  const deadline = Date.now() + (opts.bootTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    const child = childPidOf(unsharePid);
    if (child && commOf(child) === 'systemd') {
      systemdPid = child;
      break;
    }
    if (init.exitCode !== null || commOf(unsharePid) === null) return fail('unshare exited');
    await sleep(20);
  }
  if (!systemdPid) return fail('systemd did not start');

  // nsenter does not pass signals on: the inner command gets `signal` when nsenter ends
  // (on a timeout, kill() or the end of this process)
  const nsenter = (argv: readonly string[], signal: 'KILL' | 'TERM' = 'KILL') => [
    '-t',
    String(systemdPid),
    '-m',
    '-p',
    '-n',
    '-u',
    'setpriv',
    '--pdeathsig',
    signal,
    '--',
    ...argv,
  ];
  const baseEnv = {
    PATH: SANDBOX_PATH,
    HOME: '/root',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    SYSTEMD_PAGER: '',
    SYSTEMD_COLORS: '0',
  };

  const exec = async (argv: readonly string[], o: ExecOptions = {}): Promise<ExecResult> => {
    if (stopped) throw new Error('sandbox is stopped');
    const r = await execa('nsenter', nsenter(argv), {
      reject: false,
      extendEnv: false,
      env: { ...baseEnv, ...o.env },
      cwd: '/',
      stripFinalNewline: false,
      ...(o.input !== undefined ? { input: o.input } : { stdin: 'ignore' as const }),
      ...(o.timeoutMs ? { timeout: o.timeoutMs } : {}),
    });
    return {
      exitCode: r.exitCode ?? -1,
      stdout: String(r.stdout ?? ''),
      stderr: String(r.stderr ?? ''),
      timedOut: r.timedOut,
    };
  };

  const must = async (argv: readonly string[], o?: ExecOptions) => {
    const r = await exec(argv, o);
    if (r.exitCode !== 0) throw new Error(`${argv.join(' ')} (in sandbox) exited ${r.exitCode}: ${r.stderr}`);
    return r;
  };

  const sandbox: Sandbox = {
    pid: systemdPid,
    hostname,
    addresses,
    shareDir,
    exec,
    spawn(argv, o = {}) {
      if (stopped) throw new Error('sandbox is stopped');
      const child = execa('nsenter', nsenter(argv, 'TERM'), {
        reject: false,
        extendEnv: false,
        env: { ...baseEnv, ...o.env },
        cwd: '/',
        stdin: 'ignore',
        buffer: false,
      });
      children.add(child);
      child.finally(() => children.delete(child)).catch(() => {});
      return child;
    },
    async writeFile(path, content, mode = 0o644) {
      // written from inside, so that symlinks resolve in the sandbox's view of the tree
      await must(['install', '-D', '-m', mode.toString(8).padStart(4, '0'), '/dev/null', path]);
      await must(['dd', `of=${path}`, 'status=none'], { input: content });
    },
    async readFile(path) {
      return (await must(['cat', '--', path])).stdout;
    },
    async exists(path) {
      return (await exec(['test', '-e', path])).exitCode === 0;
    },
    systemctl: (...args) => exec(['systemctl', '--no-pager', ...args], { timeoutMs: 60_000 }),
    async inNetns(argv) {
      if (stopped) throw new Error('sandbox is stopped');
      const r = await execa('nsenter', ['-t', String(systemdPid), '-n', '--', ...argv], {
        reject: false,
        extendEnv: false,
        env: { PATH: SANDBOX_PATH },
        stdin: 'ignore',
        timeout: 30_000,
      });
      return {
        exitCode: r.exitCode ?? -1,
        stdout: String(r.stdout ?? ''),
        stderr: String(r.stderr ?? ''),
        timedOut: r.timedOut,
      };
    },
    async journal(unit, o = {}) {
      const r = await exec(['journalctl', '--no-pager', '-b', '-u', unit, '-o', o.output ?? 'short']);
      return r.stdout;
    },
    stop,
  };

  const running = await waitUntil(
    async () => {
      const r = await exec(['systemctl', 'is-system-running']);
      const state = r.stdout.trim();
      return state === 'running' || state === 'degraded' ? state : null;
    },
    { timeoutMs: Math.max(1000, deadline - Date.now()), intervalMs: 50 },
  ).catch(() => null);
  if (!running) return fail('systemctl is-system-running never said running or degraded');
  return sandbox;
}
