import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitUntil } from '../wait.js';

/** The single-file build (`npm run build`). */
export const BUNDLE = new URL('../../dist/kmaster-wizard.mjs', import.meta.url).pathname;

/**
 * The command the terminal tests drive: `node dist/kmaster-wizard.mjs`, or with KMW_CLI set
 * to an executable (dist/kmaster-wizard-linux-x64 from `npm run build:exe`), that executable,
 * so the same tests show that it does everything the single file does.
 */
export const CLI: readonly string[] = process.env.KMW_CLI
  ? [resolve(process.env.KMW_CLI)]
  : [process.execPath, BUNDLE];

/** CLI as words for sh -c */
export const CLI_SH = CLI.map((w) => `'${w.replaceAll("'", "'\\''")}'`).join(' ');

export function requireBundle(): void {
  const file = CLI.at(-1)!;
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run build\` (or build:exe) before the terminal tests`);
}

let sessions = 0;

export interface StartOptions {
  cols?: number;
  rows?: number;
  cwd?: string;
  env?: Record<string, string>;
  /** a command the program runs under, e.g. nsenter into a test sandbox */
  prefix?: string[];
}

/**
 * The built CLI in a real terminal: a tmux server of its own (its own socket, no status line,
 * panes kept after the program exits so its exit status can be read). Everything waits for
 * text on the screen; nothing sleeps for a fixed time.
 */
export class Terminal {
  /** the server's socket, inside the terminal's own directory (removed by close()) */
  readonly socket: string;
  private readonly dir: string;

  private constructor(readonly name: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'kmw-tmux-'));
    this.socket = join(this.dir, 'socket');
  }

  /** Starts `CLI ARGS` (the single file, or KMW_CLI) without CI variables in the environment. */
  static start(args: string[], opts: StartOptions = {}): Terminal {
    const term = new Terminal(String(++sessions));
    const conf = join(term.dir, 'tmux.conf');
    writeFileSync(conf, 'set -g status off\nset -g remain-on-exit on\nset -g history-limit 5000\n');
    const env = Object.entries({ TERM: 'xterm-256color', LANG: 'C.UTF-8', ...opts.env }).map(
      ([k, v]) => `${k}=${v}`,
    );
    // the shell prints the program's exit status when it ends; the pane stays (remain-on-exit)
    const command = [
      'sh',
      '-c',
      '"$@"; echo "[kmw-exit $?]"',
      'sh',
      'env',
      '-u',
      'CI',
      '-u',
      'CONTINUOUS_INTEGRATION',
      '-u',
      'GITHUB_ACTIONS',
      ...env,
      ...(opts.prefix ?? []),
      ...CLI,
      ...args,
    ]
      .map((w) => `'${w.replaceAll("'", "'\\''")}'`)
      .join(' ');
    execFileSync('tmux', [
      '-S',
      term.socket,
      '-f',
      conf,
      'new-session',
      '-d',
      '-s',
      'w',
      '-x',
      String(opts.cols ?? 100),
      '-y',
      String(opts.rows ?? 30),
      '-c',
      opts.cwd ?? term.dir,
      command,
    ]);
    return term;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
  }

  /** The screen as text, one line per terminal row. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'w');
  }

  /** The screen with its escape sequences (colours, bold, inverse). */
  screenWithStyles(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', 'w');
  }

  /** Everything the program printed, including what scrolled away. */
  scrollback(): string {
    return this.tmux('capture-pane', '-p', '-S', '-', '-t', 'w');
  }

  /** Keys by tmux name (Enter, Escape, Down, C-c, S-Up …), each sent on its own. */
  keys(...names: string[]): void {
    for (const k of names) this.tmux('send-keys', '-t', 'w', k);
  }

  /** Text typed as it is. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'w', '-l', text);
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', 'w', '-x', String(cols), '-y', String(rows));
  }

  size(): { cols: number; rows: number } {
    const [cols, rows] = this.tmux('display', '-p', '-t', 'w', '#{pane_width} #{pane_height}')
      .trim()
      .split(' ');
    return { cols: Number(cols), rows: Number(rows) };
  }

  /** null while the program runs, else its exit status. */
  exitStatus(): number | null {
    const m = /\[kmw-exit (\d+)\]/.exec(this.scrollback());
    return m ? Number(m[1]) : null;
  }

  async waitFor(test: string | RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const ok =
      typeof test === 'string'
        ? (s: string) => s.includes(test)
        : test instanceof RegExp
          ? (s: string) => test.test(s)
          : test;
    return waitUntil(
      () => {
        const screen = this.screen();
        return ok(screen) && screen;
      },
      { timeoutMs, intervalMs: 25, what: String(test), detail: () => `the screen is:\n${this.screen()}` },
    );
  }

  /** Waits for the screen to show `text`, then types the keys: the app is ready for them. */
  async when(text: string | RegExp, ...keys: string[]): Promise<void> {
    await this.waitFor(text);
    this.keys(...keys);
  }

  async exited(timeoutMs = 15_000): Promise<number> {
    return waitUntil(() => this.exitStatus() ?? false, {
      timeoutMs,
      what: 'the program to exit',
      detail: () => `the screen is:\n${this.screen()}`,
    });
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // the server is gone already
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
