import type { ApplyController } from '../apply/controller.js';
import type { PreflightReport } from '../preflight/types.js';
import type { Draft } from './draft.js';
import { newDraft } from './draft.js';
import type {
  ApplyOutcome,
  HostView,
  Kit,
  Notice,
  Origin,
  ProblemMap,
  Request,
  ReviewDoc,
  StartChoice,
  StepId,
  TriedStep,
  WorkMode,
  WriteResult,
} from './types.js';

/** What the wizard can do in this build: the preflight and apply screens plug in when present. */
export interface Capabilities {
  preflight: boolean;
  pipeline: boolean;
}

export interface State {
  caps: Capabilities;
  steps: StepId[];
  step: StepId;
  kit: Kit | null;
  host: HostView;
  /** --profile NAME: the start screen offers it first */
  wantedProfile: string | null;
  /** start screen: which saved profile the "load a profile" row points at */
  profileIndex: number;
  /** start screen: the person moved the focus, so it no longer follows what is found */
  startMoved: boolean;
  origin: Origin | null;
  draft: Draft;
  problems: ProblemMap;
  /** fields edited (or loaded with a value): their problems are shown (marks.ts) */
  touched: ReadonlySet<string>;
  /** screens where Continue was pressed: every problem of theirs is shown */
  tried: ReadonlySet<TriedStep>;
  /** the focused row of the current screen */
  focus: number;
  /** the focus each screen had when it was left, so going back returns to the same row */
  focusBy: Partial<Record<StepId | 'advanced', number>>;
  /** the text cursor in the focused field */
  cursor: number;
  /** stays-fixed: the advanced editor is open */
  advanced: boolean;
  /** review: first line on screen */
  scroll: number;
  review: ReviewDoc | null;
  preflight: PreflightReport | null;
  written: WriteResult | null;
  /** the apply pipeline's controller while its screen is shown (on a master) */
  run: ApplyController | null;
  outcome: ApplyOutcome | null;
  saveName: string;
  saved: string | null;
  notice: Notice | null;
  /** an operation is running; keys other than quit wait */
  busy: Request['kind'] | null;
  request: Request | null;
  nextId: number;
  /** set when the wizard is over: the shell exits with this code (or runs doctor, which says it) */
  exit: { code: number; doctor?: true } | null;
  /** Ctrl-C while files are being written: quit as soon as the write is over */
  quitAfterBusy: number | null;
  size: { columns: number; rows: number };
}

export interface InitOptions {
  caps: Capabilities;
  host: HostView;
  wantedProfile?: string | null;
  size?: { columns: number; rows: number };
  kit?: Kit | null;
  version: string;
}

/** What the start screen offers: a new setup, then a saved profile and this host's files when there are any. */
export function startChoices(s: Pick<State, 'host'>): StartChoice[] {
  const out: StartChoice[] = ['new'];
  if ((s.host.profiles?.length ?? 0) > 0) out.push('profile');
  // only where a component's EnvironmentFile or unit is: other files (token.csv) are not a master
  if ((s.host.adoptFiles?.length ?? 0) > 0) out.push('adopt');
  if (s.host.mode?.kind === 'master' && (s.host.failedUnits?.length ?? 0) > 0) out.push('diagnose');
  return out;
}

/** Where files are read and written: / on a master (and while that is not known yet), else the directory. */
export const rootOf = (mode: WorkMode | null): string => (!mode || mode.kind === 'master' ? '/' : mode.root);

/** The preflight checks run on a master only: elsewhere nothing is started (as `apply --root`). */
export function stepsFor(caps: Capabilities, mode: WorkMode | null): StepId[] {
  const steps: StepId[] = ['start', 'mustChange', 'staysFixed', 'ha'];
  if (caps.preflight && mode?.kind === 'master') steps.push('preflight');
  steps.push('review', 'apply', 'save');
  return steps;
}

export function initialState(o: InitOptions): State {
  const s: State = {
    caps: o.caps,
    steps: stepsFor(o.caps, o.host.mode),
    step: 'start',
    kit: o.kit ?? null,
    host: o.host,
    wantedProfile: o.wantedProfile ?? null,
    profileIndex: 0,
    startMoved: false,
    origin: null,
    draft: newDraft({ version: o.version }),
    problems: new Map(),
    touched: new Set(),
    tried: new Set(),
    focus: 0,
    focusBy: {},
    cursor: 0,
    advanced: false,
    scroll: 0,
    review: null,
    preflight: null,
    written: null,
    run: null,
    outcome: null,
    saveName: '',
    saved: null,
    notice: null,
    busy: null,
    request: null,
    nextId: 1,
    exit: null,
    quitAfterBusy: null,
    size: o.size ?? { columns: 80, rows: 24 },
  };
  return { ...s, focus: preferredStart(s) };
}

/**
 * Where the start screen's focus is until the person moves it: the profile asked for with
 * --profile, else a host set up before starts from its files, else a new setup.
 */
export function preferredStart(s: State): number {
  const choices = startChoices(s);
  const wanted = s.wantedProfile && s.host.profiles?.some((p) => p.name === s.wantedProfile);
  const choice = wanted ? 'profile' : choices.includes('adopt') ? 'adopt' : 'new';
  return Math.max(0, choices.indexOf(choice));
}
