import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandContext } from '../commands/context.js';
import {
  type BinaryFact,
  detectBinaries,
  existingFiles,
  type QuickFacts,
  quickFacts,
} from '../host/detect.js';
import { exists } from '../host/files.js';
import { SEED } from '../model/seed.js';
import { parseMinor } from '../model/version.js';
import { defaultConfigDir, STORE_FILE } from '../profiles/location.js';
import type { Event } from './machine.js';
import { createServices, loadKit, type Session } from './services.js';
import { type Capabilities, initialState, type State } from './state.js';
import type { HostView, ScratchReason, WorkMode } from './types.js';

/**
 * `kmaster-wizard [--profile NAME] [--root DIR]`: the interactive wizard.
 *
 * Whether it can run is decided here, once, before anything of Ink is loaded: without a
 * terminal on both stdin and stdout (or under CI) it prints how to use `apply` and exits 2,
 * so raw mode is never attempted and no cursor code reaches a pipe. Then the host is looked at
 * (the quick facts at once, the binaries' versions in the background), Ink and the first
 * screen are loaded, and everything else (the checks, the profile store, the other screens'
 * work) follows after the first frame.
 */

/** Where the wizard works when this host is not a master and no --root was given. */
export const SCRATCH_DIR = '.kmw-scratch';

export interface Terminal {
  stdin: { isTTY?: boolean };
  stdout: { isTTY?: boolean; columns?: number; rows?: number };
}

/** The same test as Ink's is-in-ci: CI set (and not 0/false), CONTINUOUS_INTEGRATION, or CI_*. */
export function isInCi(env: NodeJS.ProcessEnv): boolean {
  if (env.CI === '0' || env.CI === 'false') return false;
  return 'CI' in env || 'CONTINUOUS_INTEGRATION' in env || Object.keys(env).some((k) => k.startsWith('CI_'));
}

export type Interactivity = { ok: true } | { ok: false; why: 'noTty' | 'ci' };

/** The one place that decides whether the interactive wizard may start. */
export function interactivity(term: Terminal, env: NodeJS.ProcessEnv): Interactivity {
  if (!term.stdin.isTTY || !term.stdout.isTTY) return { ok: false, why: 'noTty' };
  if (isInCi(env)) return { ok: false, why: 'ci' };
  return { ok: true };
}

export function scratchReasons(
  f: Pick<QuickFacts, 'isRoot' | 'systemd'>,
  binaries: BinaryFact[] | null,
): ScratchReason[] {
  const out: ScratchReason[] = [];
  if (!f.isRoot) out.push('notRoot');
  if (!f.systemd) out.push('noSystemd');
  if (binaries && !binaries.every((b) => b.found)) out.push('noBinaries');
  return out;
}

/** --root wins; a master works on /; anything else in the scratch directory. null: not known yet. */
export function workMode(
  rootFlag: string | undefined,
  f: Pick<QuickFacts, 'isRoot' | 'systemd'>,
  binaries: BinaryFact[] | null,
  cwd: string,
): WorkMode | null {
  if (rootFlag) return { kind: 'root', root: resolve(cwd, rootFlag) };
  const reasons = scratchReasons(f, binaries);
  if (reasons.length > 0) return { kind: 'scratch', root: resolve(cwd, SCRATCH_DIR), reasons };
  return binaries ? { kind: 'master' } : null;
}

export const rootOf = (mode: WorkMode | null): string => (!mode || mode.kind === 'master' ? '/' : mode.root);

export async function startWizard(ctx: CommandContext, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { profile: { type: 'string' }, root: { type: 'string' } },
    strict: true,
  });
  const { t } = ctx;
  const can = interactivity(process, ctx.env);
  if (!can.ok) {
    ctx.err(t('cli.noTty'));
    if (can.why === 'ci') ctx.err(t('wizard.ci'));
    return 2;
  }

  const cwd = process.cwd();
  const paths = { configDir: SEED.paths.configDir, binDir: SEED.paths.binDir };
  const quick = quickFacts({ root: '/', ...paths });
  let mode = workMode(values.root, quick, null, cwd);
  const host: HostView = {
    isRoot: quick.isRoot,
    systemd: quick.systemd,
    addresses: quick.addresses.map((a) => ({ address: a.address, iface: a.interface, internal: a.internal })),
    files: mode && mode.kind !== 'master' ? existingFiles(mode.root, paths.configDir) : quick.files,
    binaries: null,
    profiles: null,
    profilesError: null,
    mode,
    detectedVersion: null,
  };

  // events for the machine from outside the screen; kept until the shell is listening
  let dispatch: ((e: Event) => void) | null = null;
  const queue: Event[] = [];
  const send = (e: Event) => (dispatch ? dispatch(e) : queue.push(e));
  const connect = (d: (e: Event) => void) => {
    dispatch = d;
    for (const e of queue.splice(0)) d(e);
    return () => {
      dispatch = null;
    };
  };

  let detected: string | null = null;
  const address = host.addresses.find((a) => !a.internal && !a.address.includes(':'))?.address;
  const session = (): Session => ({
    t,
    configDir: ctx.configDir,
    root: rootOf(mode),
    mode: mode ?? { kind: 'master' },
    ...(address ? { address } : {}),
    version: detected ?? SEED.kubernetesVersion,
    send,
  });

  // the binaries answer while Ink loads
  const binaries = detectBinaries(paths.binDir, 3000).then((found) => {
    mode = workMode(values.root, quick, found, cwd);
    const apiserver = found.find((b) => b.component === 'kube-apiserver');
    const version =
      apiserver?.found && apiserver.version && parseMinor(apiserver.version) !== null
        ? apiserver.version
        : null;
    detected = version;
    const files = rootOf(mode) === '/' ? quick.files : existingFiles(rootOf(mode), paths.configDir);
    send({ type: 'HOST', host: { binaries: found, mode, detectedVersion: version, files } });
  });

  const colors = (await import('../../components/theme.js')).colorsFor(ctx.env);
  const [{ render }, { createElement }, { App }, { ColorContext }] = await Promise.all([
    import('ink'),
    import('react'),
    import('../../components/App.js'),
    import('../../components/theme.js'),
  ]);
  const caps: Capabilities = { preflight: true, pipeline: true };
  const size = { columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24 };
  const initial = initialState({
    caps,
    host,
    wantedProfile: values.profile ?? null,
    size,
    version: SEED.kubernetesVersion,
  });

  let finished: { code: number; state: State } | null = null;
  let done: () => void = () => {};
  const over = new Promise<void>((r) => {
    done = r;
  });
  const app = render(
    createElement(
      ColorContext.Provider,
      { value: colors },
      createElement(App, {
        t,
        initial,
        services: createServices(session),
        connect,
        onExit: (code: number, state: State) => {
          finished = { code, state };
          done();
        },
      }),
    ),
    { exitOnCtrlC: false },
  );

  // signals that do not come through the keyboard (kill, or Ctrl-C before raw mode is on)
  const onSignal = (code: number) => () => send({ type: 'QUIT', code });
  const sigint = onSignal(130);
  const sigterm = onSignal(143);
  process.on('SIGINT', sigint);
  process.on('SIGTERM', sigterm);

  // after the first frame: the rest of the host, the checks
  setImmediate(() => {
    void loadKit().then((kit) => send({ type: 'KIT', kit }));
    // the store module (and conf) is loaded only when there is a store to list
    const storeFile = join(ctx.configDir ?? defaultConfigDir(ctx.env), STORE_FILE);
    void exists(storeFile)
      .then((found) => (found ? import('../profiles/store.js') : null))
      .then((store) => {
        const list = store ? store.openProfileStore(ctx.configDir).list() : [];
        send({ type: 'HOST', host: { profiles: list } });
      })
      .catch((error: { text?: (t: CommandContext['t']) => string; message?: string }) => {
        const text = typeof error.text === 'function' ? error.text(t) : String(error.message ?? error);
        send({ type: 'HOST', host: { profiles: [], profilesError: text } });
      });
  });

  await over;
  app.unmount();
  await app.waitUntilExit().catch(() => {});
  process.off('SIGINT', sigint);
  process.off('SIGTERM', sigterm);
  await binaries.catch(() => {});
  const end = finished as { code: number; state: State } | null;
  if (!end) return 1;
  for (const line of summary(end.state, t)) ctx.out(line);
  return end.code;
}

/** What the wizard leaves behind, said once after the screen is gone. */
export function summary(s: State, t: CommandContext['t']): string[] {
  const lines: string[] = [];
  if (s.written && s.written.written.length > 0)
    lines.push(t('wizard.exit.written', { root: s.written.root }));
  else if (!s.written && !s.outcome) lines.push(t('wizard.exit.nothing'));
  if (s.saved) lines.push(t('wizard.exit.saved', { name: s.saved }));
  return lines;
}
