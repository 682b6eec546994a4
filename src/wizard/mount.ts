import { join } from 'node:path';
import type { CommandContext } from '../context.js';
import { exists } from '../host/files.js';
import { markStarted } from '../host/started.js';
import { SEED } from '../model/seed.js';
import type { SetValue } from '../model/set-values.js';
import { defaultConfigDir, STORE_FILE } from '../profiles/location.js';
import { lookAtHost } from './host-view.js';
import { createServices, loadKit, type Session } from './services.js';
import { type Capabilities, initialState, rootOf, type State } from './state.js';
import type { Event, WorkMode } from './types.js';

/**
 * Ink's composition root: the host is looked at (the quick facts at once, the binaries'
 * versions in the background), Ink and the first screen are loaded, and everything else (the
 * checks, the profile store, the other screens' work) follows after the first frame. Resolves
 * with the exit code and the last state once the screen is gone; null when it ended otherwise.
 */
export async function mountWizard(
  ctx: CommandContext,
  opts: { profile?: string; root?: string; sets?: readonly SetValue[] },
): Promise<{ code: number; state: State } | null> {
  const { t } = ctx;
  let drawn: () => void = () => {};
  const look = lookAtHost(
    opts.root,
    process.cwd(),
    new Promise<void>((r) => {
      drawn = r;
    }),
  );
  const host = look.host;
  let mode: WorkMode | null = host.mode;
  let detected: string | null = null;

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

  const address = host.addresses.find((a) => !a.internal && !a.address.includes(':'))?.address;
  const session = (): Session => ({
    t,
    configDir: ctx.configDir,
    root: rootOf(mode),
    mode: mode ?? { kind: 'master' },
    ...(address ? { address } : {}),
    version: detected ?? SEED.kubernetesVersion,
    ...(opts.sets ? { sets: opts.sets } : {}),
    send,
  });

  // the binaries answer while Ink loads
  const binaries = look.later.then((found) => {
    mode = found.mode;
    detected = found.detectedVersion;
    send({ type: 'HOST', host: found });
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
    wantedProfile: opts.profile ?? null,
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
    // the first frame is drawn: a run without a code cache writes it now, with what the start
    // needed and nothing more, so that later starts read no more than that (src/host/code-cache.ts)
    markStarted();
    drawn();
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
  return finished as { code: number; state: State } | null;
}
