import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useEffect, useSyncExternalStore } from 'react';
import type { ApplyController } from '../src/apply/controller.js';
import { applySummary, causeText, fixText, phaseTitle, sinceText, stateText } from '../src/apply/describe.js';
import type { ApplyResult } from '../src/apply/events.js';
import { type LogLine, unitLabel } from '../src/apply/klog.js';
import { rollbackLines } from '../src/apply/print.js';
import type { ApplyViewState, PhaseView } from '../src/apply/state.js';
import type { Translate } from '../src/i18n/index.js';
import type { StatusReport } from '../src/status/types.js';
import { JournalPane } from './JournalPane.js';
import { StatusTable } from './StatusTable.js';
import { type Colors, useColors } from './theme.js';
import { useWindowSize } from './use-window-size.js';

export type FailureChoice = 'edit' | 'rollback' | 'quit';

export interface ApplyViewProps {
  t: Translate;
  state: ApplyViewState;
  /** the newest journal lines of the units being started, oldest first (from the controller's buffer) */
  journal: readonly LogLine[];
  /** how many lines those units have logged in this run */
  journalTotal: number;
  /** rows of the live journal pane; the whole view stays within this and 12 rows more */
  paneHeight: number;
  width: number;
  /** called with the user's choice after a failure or a rollback; no menu when absent */
  onChoice?: (choice: FailureChoice) => void;
  /** spinner frame counter (the controller's flush tick) */
  tick?: number;
}

const ICON: Record<PhaseView['status'], { text: string; color?: keyof Colors }> = {
  pending: { text: '·' },
  running: { text: '' },
  done: { text: '✔', color: 'ok' },
  skipped: { text: '–' },
  failed: { text: '✘', color: 'bad' },
};

/** cli-spinners' "dots", stepped by the controller's flush tick (no timer of its own) */
const DOTS = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const spinnerFrame = (tick: number) => DOTS[tick % DOTS.length]!;

function Icon({ status, tick }: { status: PhaseView['status']; tick: number }) {
  const c = useColors();
  if (status === 'running') return <Text color={c.accent}>{spinnerFrame(tick)}</Text>;
  const i = ICON[status];
  return (
    <Text color={i.color && c[i.color]} dimColor={status === 'pending' || status === 'skipped'}>
      {i.text}
    </Text>
  );
}

function PhaseRow({ t, p, tick }: { t: Translate; p: PhaseView; tick: number }) {
  const detail =
    p.status === 'skipped' && p.skipReason
      ? t(`apply.skipped.${p.skipReason}`)
      : p.phase.name === 'wait' && p.detail
        ? p.detail
        : '';
  return (
    <Box>
      <Icon status={p.status} tick={tick} />
      <Text wrap="truncate-end" dimColor={p.status === 'pending'}>
        {' '}
        {phaseTitle(p.phase, t, p.phase.name === 'start' || p.phase.name === 'enable' ? p.detail : undefined)}
        {detail ? <Text dimColor>{`  ${detail}`}</Text> : null}
      </Text>
    </Box>
  );
}

/** The phases, compact: write and daemon-reload, then one line per service phase that has begun. */
function shownPhases(state: ApplyViewState): PhaseView[] {
  return state.phases.filter(
    (p) =>
      !p.phase.component ||
      p.status !== 'pending' ||
      // the next component's phases appear once the previous one is through
      state.phases.some((q) => q.phase.component === p.phase.component && q.status !== 'pending'),
  );
}

function Phases({ t, state, tick }: { t: Translate; state: ApplyViewState; tick: number }) {
  const shown = shownPhases(state);
  const next = state.services.find((c) =>
    state.phases.every((p) => p.phase.component !== c || p.status === 'pending'),
  );
  return (
    <Box flexDirection="column">
      {shown.map((p) => (
        <PhaseRow key={p.key} t={t} p={p} tick={tick} />
      ))}
      {next && state.stage === 'running' ? <Text dimColor>{`· ${next}`}</Text> : null}
    </Box>
  );
}

function FailureView({
  t,
  state,
  width,
  lines,
}: {
  t: Translate;
  state: ApplyViewState;
  width: number;
  /** rows for the unit's last lines */
  lines: number;
}) {
  const f = state.failure!;
  const c = useColors();
  return (
    <Box flexDirection="column" width={width}>
      <Text color={c.bad} bold wrap="truncate-end">
        {f.unit && f.state
          ? t('apply.failed', { unit: f.unit, state: stateText(f.state) })
          : t('apply.failedPhase', { phase: phaseTitle(f.phase, t) })}
      </Text>
      {f.lastLines.length > 0 ? (
        <>
          <Text dimColor>{t('apply.lastLines', { unit: f.unit ?? 'systemctl' })}</Text>
          <JournalPane lines={f.lastLines} height={Math.min(lines, f.lastLines.length)} width={width} />
          {f.unit ? (
            <Text dimColor wrap="truncate-end">
              {t('apply.moreLogs', { unit: f.unit, since: sinceText(f.since) })}
            </Text>
          ) : null}
        </>
      ) : null}
      <Text color={c.warn}>{t('apply.cause', { text: causeText(f.diagnosis, t) })}</Text>
      <Text color={c.ok}>{t('apply.fix', { text: fixText(f.diagnosis, t) })}</Text>
    </Box>
  );
}

/** ink-select-input's pointer and item, in the theme's accent (bold, so it shows without colour too). */
function ChoiceIndicator({ isSelected = false }: { isSelected?: boolean }) {
  const c = useColors();
  return (
    <Box marginRight={1}>
      <Text color={c.accent} bold>
        {isSelected ? '❯' : ' '}
      </Text>
    </Box>
  );
}

function ChoiceItem({ isSelected = false, label }: { isSelected?: boolean; label: string }) {
  const c = useColors();
  return (
    <Text color={isSelected ? c.accent : undefined} bold={isSelected}>
      {label}
    </Text>
  );
}

/**
 * The apply screen, presentational, one frame that never grows past the terminal (so the
 * title above it stays at the top): the phases with spinners and ticks and, while units are
 * being started, one live pane of their journal (the controller-manager's and the scheduler's
 * together, each line named by its unit); once the run is healthy, a line of what was done
 * instead of the phases; on failure the unit's last lines, the cause, the fix and the choice
 * (edit and retry / roll back / quit). The keys are said by the frame's footer.
 */
export function ApplyView({
  t,
  state,
  journal,
  journalTotal,
  paneHeight,
  width,
  onChoice,
  tick = 0,
}: ApplyViewProps) {
  const c = useColors();
  const units = state.liveUnits;
  const live = state.stage === 'running' && units.length > 0;
  const over = state.stage === 'checking' || state.stage === 'done';
  const choices: { label: string; value: FailureChoice }[] = [
    { label: t('apply.choice.edit'), value: 'edit' },
    ...(state.stage === 'failed' || state.stage === 'cancelled'
      ? [{ label: t('apply.choice.rollback'), value: 'rollback' as const }]
      : []),
    { label: t('apply.choice.quit'), value: 'quit' },
  ];
  const menu =
    onChoice && (state.stage === 'failed' || state.stage === 'cancelled' || state.stage === 'rolled-back');
  // the failure's last lines take the pane's rows less those of the phases above them (the
  // failure's own lines and the menu take the twelve rows around the pane)
  const failureLines = Math.max(2, paneHeight - shownPhases(state).length);
  return (
    <Box flexDirection="column" width={width}>
      {over ? (
        <Text color={c.ok} wrap="wrap">
          {applySummary(state.phases, state.files.length, t)}
        </Text>
      ) : (
        <Phases t={t} state={state} tick={tick} />
      )}
      {live ? (
        <JournalPane
          lines={
            units.length > 1
              ? journal.map((l) => ({ ...l, text: `${unitLabel(l.unit)} | ${l.text}` }))
              : journal
          }
          height={paneHeight}
          width={width}
          // (two units by their short names, so the line fits 80 columns)
          title={`── journalctl ${units.map((u) => `-u ${units.length > 1 ? unitLabel(u) : u}`).join(' ')} -f  (${journalTotal}) ──`}
          placeholder={t('apply.pane.waiting', { unit: units.map(unitLabel).join(', ') })}
        />
      ) : null}
      {state.stage === 'failed' && state.failure ? (
        <FailureView t={t} state={state} width={width} lines={failureLines} />
      ) : null}
      {state.stage === 'cancelled' ? (
        <Box flexDirection="column">
          <Text color={c.warn}>{t('apply.cancelled')}</Text>
          <Text>
            {state.files.length
              ? t('apply.hostState.files', { count: state.files.length })
              : t('apply.hostState.noFiles')}
          </Text>
          {state.files.map((f) => (
            <Text key={f.target}>{t('apply.hostState.file', { target: f.target })}</Text>
          ))}
          {(state.cancelledState ?? []).map((s) => (
            <Text key={s.unit}>
              {t('apply.hostState.unit', { unit: s.unit, active: s.activeState, sub: s.subState })}
            </Text>
          ))}
        </Box>
      ) : null}
      {state.stage === 'rolling-back' || state.stage === 'rolled-back' ? (
        <Box flexDirection="column">
          <Text bold>{t('apply.rollback.title')}</Text>
          {state.rollback
            .flatMap((e, i) =>
              rollbackLines(e, t).map((line, j) => ({
                key: `${i}-${j}`,
                line,
                color: e.type === 'rollback-done' ? (e.ok ? c.ok : c.bad) : undefined,
              })),
            )
            .map((r) => (
              <Text key={r.key} wrap="truncate-end" color={r.color}>
                {r.line}
              </Text>
            ))}
        </Box>
      ) : null}
      {state.stage === 'checking' ? (
        <Text>
          <Text color={c.accent}>{spinnerFrame(tick)}</Text> {t('apply.status')}
        </Text>
      ) : null}
      {state.report ? <StatusTable t={t} report={state.report} width={width} /> : null}
      {menu ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>{t('apply.choice.title')}</Text>
          <SelectInput
            key={state.stage}
            items={choices}
            indicatorComponent={ChoiceIndicator}
            itemComponent={ChoiceItem}
            onSelect={(item) => onChoice(item.value)}
          />
        </Box>
      ) : null}
    </Box>
  );
}

export interface ApplyScreenProps {
  t: Translate;
  /**
   * Runs the pipeline and keeps its state (src/apply/controller.ts): `hostApplyController(
   * {answers, minor, planned, t})` for this host, or `createApplyController({run, rollback,
   * status})` with your own functions.
   */
  controller: ApplyController;
  /** the user chose "edit and retry": show the answers again, then call controller.start() */
  onEdit: () => void;
  /** the user chose "quit" (after a failure, cancel or rollback) */
  onQuit: (result: ApplyResult | null) => void;
  /** the run ended healthy and the status table is shown */
  onDone: (result: ApplyResult, report: StatusReport | null) => void;
  /** rows of the live journal pane (default: the terminal's rows minus 14, at least 5) */
  paneHeight?: number;
  /** columns (default: the terminal's width) */
  width?: number;
  /** start the run when mounted (default true) */
  autoStart?: boolean;
}

/**
 * Mounts the apply run: starts it, re-renders at most once per controller flush, turns
 * Ctrl-C into a cancel (render Ink with `exitOnCtrlC: false`), and routes the failure
 * choice: rollback runs here, edit and quit go to the caller.
 */
export function ApplyScreen({
  t,
  controller,
  onEdit,
  onQuit,
  onDone,
  paneHeight,
  width,
  autoStart = true,
}: ApplyScreenProps) {
  const snap = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const terminal = useWindowSize({ columns: 100, rows: 30 });
  const columns = width ?? Math.max(40, terminal.columns - 1);
  const rows = paneHeight ?? Math.max(5, terminal.rows - 14);
  useEffect(() => {
    if (!autoStart) return;
    controller.start().catch(() => {});
    return () => controller.dispose();
  }, [controller, autoStart]);
  const { stage, result, report } = snap.state;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per finished run, not per new callback
  useEffect(() => {
    if (stage === 'done' && result) onDone(result, report);
  }, [stage, result]);
  useInput((input, key) => {
    if (
      key.ctrl &&
      input === 'c' &&
      (snap.state.stage === 'running' ||
        snap.state.stage === 'checking' ||
        snap.state.stage === 'rolling-back')
    ) {
      controller.cancel();
    }
  });
  const units = snap.state.liveUnits;
  // the units' newest lines, in the order they were logged (line ids grow across units)
  const journal = units
    .flatMap((u) => controller.journal.tail(u, rows))
    .sort((a, b) => a.id - b.id)
    .slice(-rows);
  return (
    <ApplyView
      t={t}
      state={snap.state}
      journal={journal}
      journalTotal={units.reduce((n, u) => n + controller.journal.total(u), 0)}
      paneHeight={rows}
      width={columns}
      tick={snap.tick}
      onChoice={(choice) => {
        if (choice === 'rollback') void controller.rollback();
        else if (choice === 'edit') onEdit();
        else onQuit(snap.state.result);
      }}
    />
  );
}
