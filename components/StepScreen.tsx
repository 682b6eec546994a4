import { Box, Text } from 'ink';
import { lazy, Suspense } from 'react';
import type { Translate } from '../src/i18n/index.js';
import { REVIEW_BUTTONS, reviewViewport, SAVE_BUTTONS } from '../src/wizard/rows.js';
import { rootOf, type State, startChoices } from '../src/wizard/state.js';
import type { Event } from '../src/wizard/types.js';
import { AdvancedView } from './AdvancedView.js';
import { fieldScreenProps } from './field-screen.js';
import { HaScreen } from './HaScreen.js';
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

/** The screen of the current step, given what it shows from the machine's state. */
export function StepScreen({
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
  const fieldScreen = fieldScreenProps(t, s, width, height);
  const { rows, problems } = fieldScreen;
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
    case 'ha':
      return <HaScreen {...fieldScreen} />;
    case 'mustChange':
      return <MustChangeScreen {...fieldScreen} addresses={s.host.addresses} />;
    case 'staysFixed':
      return s.advanced ? (
        <AdvancedView {...fieldScreen} uses={s.kit?.advancedFields(s.draft) ?? []} />
      ) : (
        <StaysFixedScreen
          t={t}
          version={s.draft.version}
          detectedVersion={s.host.detectedVersion}
          rows={rows}
          focus={s.focus}
          problems={problems}
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
              height={Math.max(5, height - 4)}
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
          root={rootOf(s.host.mode)}
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
