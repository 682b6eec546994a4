import { useInput, useStdout } from 'ink';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Translate } from '../src/i18n/index.js';
import { hintsFor } from '../src/wizard/keymap.js';
import { reduce } from '../src/wizard/machine.js';
import { screenHeight, screenWidth } from '../src/wizard/rows.js';
import type { Services } from '../src/wizard/services.js';
import type { State } from '../src/wizard/state.js';
import type { Event } from '../src/wizard/types.js';
import { Frame } from './Frame.js';
import { StepScreen } from './StepScreen.js';
import { useWindowSize } from './use-window-size.js';

/** Longer than Ink's frame interval (30 frames a second), so the newest frame is out. */
const REPAINT_AFTER_MS = 50;

export interface AppProps {
  t: Translate;
  initial: State;
  services: Services;
  /** events from outside (host detection, the pipeline's end); returns how to stop listening */
  connect: (dispatch: (e: Event) => void) => () => void;
  /** the wizard is over: unmount with this exit code */
  onExit: (code: number, state: State) => void;
}

/**
 * The shell: one state machine, one always-active key handler that routes every key into it
 * (so raw mode never drops between screens), the requests the machine makes run through the
 * services, and the screen of the current step in a frame with the keys that work now.
 */
export function App({ t, initial, services, connect, onExit }: AppProps) {
  const [s, dispatch] = useReducer(reduce, initial);
  const { stdout, write } = useStdout();

  useEffect(() => connect(dispatch), [connect]);
  useInput(
    useCallback((input, key) => dispatch({ type: 'KEY', input, key }), []),
    { isActive: true },
  );
  // the machine lays out for the terminal's size: it hears of every change
  const size = useWindowSize();
  const seen = useRef(size);
  useEffect(() => {
    if (seen.current === size) return;
    seen.current = size;
    dispatch({ type: 'RESIZE', columns: size.columns, rows: size.rows });
  }, [size]);
  // When the terminal gets narrower it re-wraps the old frame, and Ink's erasing by the old
  // line count leaves pieces of it on screen. Once the frame for the new width is out (after
  // Ink's frame interval), the screen is cleared and that frame drawn again, through Ink's own
  // writer so it keeps count.
  const columns = useRef(s.size.columns);
  useEffect(() => {
    const narrower = s.size.columns < columns.current;
    columns.current = s.size.columns;
    if (!narrower || !stdout.isTTY) return;
    const timer = setTimeout(() => write('\u001b[2J\u001b[H'), REPAINT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [s.size.columns, stdout, write]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each request runs once, by id
  useEffect(() => {
    const req = s.request;
    if (!req || (s.busy === 'apply' && s.run)) return;
    let live = true;
    services.run(req).then((events) => {
      if (live) for (const e of events) dispatch(e);
    });
    return () => {
      live = false;
    };
  }, [s.request?.id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the machine says it is over
  useEffect(() => {
    if (s.exit) onExit(s.exit.code, s);
  }, [s.exit]);

  const width = screenWidth(s.size);
  const height = screenHeight(s.size);
  const index = s.steps.indexOf(s.step);
  return (
    <Frame
      t={t}
      title={t(s.advanced ? 'wizard.title.advanced' : `wizard.title.${s.step}`)}
      progress={index > 0 ? t('wizard.progress', { n: index, total: s.steps.length - 1 }) : ''}
      notice={s.notice}
      hints={hintsFor(s)}
      width={width}
    >
      <StepScreen t={t} s={s} width={width} height={height} dispatch={dispatch} />
    </Frame>
  );
}
