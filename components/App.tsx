import { Box, Text, useInput, useStdout } from 'ink';
import { lazy, Suspense, useCallback, useEffect, useReducer, useRef } from 'react';
import type { Translate } from '../src/i18n/index.js';
import { type Event, reduce } from '../src/wizard/machine.js';
import { REVIEW_BUTTONS, reviewViewport, rowsOf, SAVE_BUTTONS, startChoices } from '../src/wizard/rows.js';
import type { Services } from '../src/wizard/services.js';
import type { State } from '../src/wizard/state.js';
import { AdvancedView } from './AdvancedView.js';
import { Frame } from './Frame.js';
import { hintsFor } from './hints.js';
import { MustChangeScreen } from './MustChangeScreen.js';
import { ReviewScreen } from './ReviewScreen.js';
import { SaveScreen } from './SaveScreen.js';
import { StartScreen } from './StartScreen.js';
import { StaysFixedScreen } from './StaysFixedScreen.js';
import { WrittenScreen } from './WrittenScreen.js';

// the preflight and apply pipeline screens are only needed at the end, on a master
const ApplyScreen = lazy(async () => ({ default: (await import('./ApplyScreen.js')).ApplyScreen }));
const PreflightScreen = lazy(async () => ({
  default: (await import('./PreflightScreen.js')).PreflightScreen,
}));

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
  useEffect(() => {
    const resized = () =>
      dispatch({ type: 'RESIZE', columns: stdout.columns ?? 80, rows: stdout.rows ?? 24 });
    stdout.on('resize', resized);
    return () => {
      stdout.off('resize', resized);
    };
  }, [stdout]);
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

  const width = Math.max(40, s.size.columns - 1);
  const height = Math.max(8, s.size.rows - 5);
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
      <Screen t={t} s={s} width={width} height={height} dispatch={dispatch} />
    </Frame>
  );
}

function Screen({
  t,
  s,
  width,
  height,
  dispatch,
}: {
  t: Translate;
  s: State;
  width: number;
  height: number;
  dispatch: (e: Event) => void;
}) {
  const rows = rowsOf(s);
  const root = s.host.mode?.kind === 'master' ? '/' : (s.host.mode?.root ?? '');
  switch (s.step) {
    case 'start':
      return (
        <StartScreen
          t={t}
          host={s.host}
          choices={startChoices(s)}
          focus={s.focus}
          profileIndex={s.profileIndex}
          width={width}
        />
      );
    case 'mustChange':
      return (
        <MustChangeScreen
          t={t}
          draft={s.draft}
          rows={rows}
          focus={s.focus}
          cursor={s.cursor}
          problems={s.problems}
          addresses={s.host.addresses}
          width={width}
          height={height}
        />
      );
    case 'staysFixed':
      return s.advanced ? (
        <AdvancedView
          t={t}
          draft={s.draft}
          rows={rows}
          focus={s.focus}
          cursor={s.cursor}
          problems={s.problems}
          width={width}
          height={height}
        />
      ) : (
        <StaysFixedScreen
          t={t}
          version={s.draft.version}
          detectedVersion={s.host.detectedVersion}
          rows={rows}
          focus={s.focus}
          problems={s.problems}
          width={width}
          height={height}
        />
      );
    case 'preflight':
      return (
        <Box marginTop={1}>
          <Suspense fallback={<Text dimColor>…</Text>}>
            <PreflightScreen
              t={t}
              report={s.preflight}
              width={width}
              height={Math.max(5, height - 5)}
              onContinue={() => dispatch({ type: 'NEXT' })}
              onBack={() => dispatch({ type: 'BACK' })}
            />
          </Suspense>
        </Box>
      );
    case 'review':
      return (
        <ReviewScreen
          t={t}
          review={s.review}
          scroll={s.scroll}
          viewport={reviewViewport(s.size)}
          buttons={REVIEW_BUTTONS}
          focus={s.focus}
          onHost={s.caps.pipeline && s.host.mode?.kind === 'master'}
          root={root}
          width={width}
        />
      );
    case 'apply':
      if (s.run) {
        const run = s.run;
        return (
          <Box flexDirection="column" width={width}>
            <Suspense fallback={<Text dimColor>…</Text>}>
              <ApplyScreen
                t={t}
                controller={run}
                width={width}
                paneHeight={Math.max(5, height - 12)}
                onEdit={() => dispatch({ type: 'EDIT_STEP', step: 'mustChange' })}
                onQuit={() => dispatch({ type: 'QUIT', code: 1 })}
                onDone={() => dispatch({ type: 'APPLY_FINISHED', outcome: 'healthy' })}
              />
            </Suspense>
            {s.outcome === 'healthy' ? (
              <Text bold inverse>
                {` ${t('wizard.continue')} `}
              </Text>
            ) : null}
          </Box>
        );
      }
      return (
        <WrittenScreen
          t={t}
          result={s.written}
          busy={s.busy !== null}
          onHost={s.host.mode?.kind === 'master'}
          width={width}
          height={height}
          focused={!s.busy}
        />
      );
    case 'save':
      return (
        <SaveScreen
          t={t}
          name={s.saveName}
          cursor={s.cursor}
          focus={s.focus}
          buttons={SAVE_BUTTONS}
          profiles={s.host.profiles ?? []}
          busy={s.busy === 'save'}
          saved={s.saved}
          width={width}
        />
      );
    default:
      return <Text dimColor>…</Text>;
  }
}
