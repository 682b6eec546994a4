import { MIN_MINOR, minorString, NEWEST_MINOR, parseMinor } from '../model/version.js';
import { profileNameProblem } from '../profiles/names.js';
import {
  draftToInput,
  fieldText,
  haWanted,
  isAdvancedField,
  isHaField,
  isMustChangeField,
  listItemOf,
  listOf,
  withField,
  withList,
} from './draft.js';
import { applyEdit, type EditOp } from './edit.js';
import { eventForKey } from './keymap.js';
import { CONTROL, splitKeys } from './keys.js';
import { loadedFields } from './marks.js';
import { reviewRows } from './review-rows.js';
import { focusedRow, type Row, reviewViewport, rowsOf, screenWidth } from './rows.js';
import { preferredStart, type State, startChoices, stepsFor } from './state.js';
import type { Event, HostView, Notice, Request, StartChoice, StepId, TriedStep } from './types.js';

/*
 * The wizard as a pure state machine: the shell turns keys into events (types.ts, keys.ts) and
 * runs the requests the machine makes (reading a profile, planning, writing, saving), feeding
 * the results back as events. No I/O here, so every path is testable without a terminal.
 */

export const VERSIONS: string[] = Array.from({ length: NEWEST_MINOR - MIN_MINOR + 1 }, (_, i) =>
  minorString(MIN_MINOR + i),
);

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const notice = (tone: Notice['tone'], key: Notice['key'], params?: Notice['params']): Notice =>
  params ? { tone, key, params } : { tone, key };

/** On a master the answers are also judged against this host (its addresses, interfaces, networks). */
const hostOf = (s: State) => (s.host.mode?.kind === 'master' ? s.host.addresses : null);

function revalidate(s: State): State {
  return { ...s, problems: s.kit ? s.kit.validate(s.draft, hostOf(s)) : new Map(), review: null };
}

/** Ctrl-T: this host's address, for answers that name another master's (loaded from its profile). */
function takeHostAddress(s: State): State {
  const host = hostOf(s);
  const address = s.kit && host ? s.kit.hostAddress(s.draft, host) : null;
  if (!address) return s;
  const mine = (a: string) =>
    host!.some((x) => x.address === a.trim()) || a.trim() === '0.0.0.0' || a.trim() === '::';
  const draft = {
    ...s.draft,
    advertiseAddress: mine(s.draft.advertiseAddress) ? s.draft.advertiseAddress : address,
    bindAddress: mine(s.draft.bindAddress) ? s.draft.bindAddress : address,
  };
  const next = revalidate({ ...s, draft });
  return {
    ...focusAt(next, next.focus),
    notice: notice('info', 'wizard.notice.usedHostAddress', { address }),
  };
}

/** Answers of another host (a profile exported on master 1, opened on master 2): say so, and offer Ctrl-T. */
function foreignNotice(s: State): Notice | null {
  const host = hostOf(s);
  const address = s.kit && host ? s.kit.hostAddress(s.draft, host) : null;
  if (!address) return null;
  return notice('warn', 'wizard.notice.notThisHost', { given: s.draft.advertiseAddress, address });
}

function textOf(s: State, row: Row | undefined): string {
  if (row?.kind === 'profileName') return s.saveName;
  if (row?.kind === 'field') return fieldText(s.draft, row.id);
  return '';
}

/** Focus a row: the text cursor goes to the end of a field. */
function focusAt(s: State, index: number): State {
  const rows = rowsOf(s);
  const focus = clamp(index, 0, Math.max(0, rows.length - 1));
  return { ...s, focus, cursor: textOf(s, rows[focus]).length };
}

function goTo(s: State, step: StepId): State {
  const left = { ...s, focusBy: { ...s.focusBy, [s.advanced ? 'advanced' : s.step]: s.focus } };
  const next: State = { ...left, step, advanced: false, notice: null, scroll: 0 };
  return focusAt(next, next.focusBy[step] ?? 0);
}

type NewRequest = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

function request(s: State, r: NewRequest): State {
  const req = { ...r, id: s.nextId } as Request;
  return { ...s, request: req, nextId: s.nextId + 1, busy: req.kind };
}

function stepAfter(s: State, step: StepId): StepId | null {
  const i = s.steps.indexOf(step);
  return i >= 0 && i + 1 < s.steps.length ? s.steps[i + 1]! : null;
}

function stepBefore(s: State, step: StepId): StepId | null {
  const i = s.steps.indexOf(step);
  return i > 0 ? s.steps[i - 1]! : null;
}

/** Enter a step, asking for what it shows. */
function enter(s: State, step: StepId): State {
  const moved = goTo(s, step);
  const input = draftToInput(s.draft);
  switch (step) {
    case 'review':
      return request({ ...moved, review: null }, { kind: 'plan', input });
    case 'preflight':
      return request({ ...moved, preflight: null }, { kind: 'preflight', input });
    case 'save': {
      const name = s.saveName || (s.origin?.kind === 'profile' ? s.origin.name : '');
      return focusAt({ ...moved, saveName: name }, 0);
    }
    case 'ha': {
      // a pair to fill in: this master first, the other one's address to type
      if (s.draft.ha.masters.some((m) => m.trim() !== '')) return moved;
      const masters = [s.draft.advertiseAddress.trim(), ''];
      return revalidate({ ...moved, draft: { ...s.draft, ha: { ...s.draft.ha, masters } } });
    }
    default:
      return moved;
  }
}

function firstProblemRow(s: State, fields: (field: string) => boolean): number {
  const rows = rowsOf(s);
  return rows.findIndex(
    (r) => r.kind === 'field' && [...s.problems.keys()].some((f) => fields(f) && f === r.id),
  );
}

/** Continue was pressed on this screen: from now on it shows every refused value. */
function tried(s: State, step: TriedStep): State {
  return s.tried.has(step) ? s : { ...s, tried: new Set([...s.tried, step]) };
}

const touch = (s: State, field: string): State =>
  s.touched.has(field) ? s : { ...s, touched: new Set([...s.touched, field]) };

function tryNext(s: State): State {
  if (s.step === 'apply' && !s.written && s.outcome !== 'healthy') {
    // the write failed (the notice says why): Enter tries again
    return s.run ? s : request(s, { kind: 'write', input: draftToInput(s.draft) });
  }
  if (s.step === 'mustChange') {
    const bad = [...s.problems.keys()].filter(isMustChangeField);
    if (!s.kit) return { ...s, notice: notice('info', 'wizard.notice.loading') };
    if (bad.length > 0) {
      const row = firstProblemRow(s, isMustChangeField);
      const at = tried(row >= 0 ? focusAt(s, row) : s, 'mustChange');
      return { ...at, notice: notice('error', 'wizard.notice.fixFirst', { count: bad.length }) };
    }
  }
  if (s.step === 'ha') {
    const bad = haWanted(s.draft) ? [...s.problems.keys()].filter(isHaField) : [];
    if (bad.length > 0) {
      const row = firstProblemRow(s, isHaField);
      const at = tried(row >= 0 ? focusAt(s, row) : s, 'ha');
      return { ...at, notice: notice('error', 'wizard.notice.fixFirst', { count: bad.length }) };
    }
  }
  const notHa = [...s.problems.keys()].filter((f) => !isHaField(f));
  if (s.step === 'staysFixed' && notHa.length > 0) {
    const advanced = notHa.filter(isAdvancedField);
    const base = {
      ...tried(s, 'staysFixed'),
      notice: notice('error', 'wizard.notice.fixFirst', { count: notHa.length }),
    };
    if (advanced.length === 0) return base;
    const opened = focusAt({ ...base, advanced: true }, 0);
    const row = firstProblemRow(opened, isAdvancedField);
    return row >= 0 ? focusAt(opened, row) : opened;
  }
  const next = stepAfter(s, s.step);
  return next ? enter(s, next) : { ...s, exit: { code: 0 } };
}

function begin(s: State, choice: StartChoice): State {
  if (!s.host.mode) return { ...s, notice: notice('info', 'wizard.notice.detecting') };
  // the screen goes, and kmaster-wizard doctor reads the master in the terminal
  if (choice === 'diagnose') return { ...s, exit: { code: 0, doctor: true } };
  const profile = choice === 'profile' ? s.host.profiles?.[s.profileIndex]?.name : undefined;
  const same =
    s.origin !== null &&
    s.origin.kind === choice &&
    (choice !== 'profile' || (s.origin.kind === 'profile' && s.origin.name === profile));
  if (same && s.kit) return enter(s, 'mustChange');
  return request({ ...s, notice: null }, { kind: 'begin', choice, ...(profile ? { profile } : {}) });
}

function activate(s: State): State {
  const row = focusedRow(s);
  if (!row) return s;
  switch (row.kind) {
    case 'choice':
      return begin(s, row.choice);
    case 'field': {
      // an empty VIP: no HA front, so Enter goes straight on
      if (row.id === 'ha.vip' && !haWanted(s.draft)) return tryNext(s);
      const rows = rowsOf(s);
      const next = rows.findIndex((r, i) => i > s.focus && (r.kind === 'field' || r.kind === 'next'));
      if (next >= 0) return focusAt(s, next);
      const close = rows.findIndex((r) => r.kind === 'closeAdvanced');
      return close >= 0 ? focusAt(s, close) : tryNext(s);
    }
    case 'addEtcd':
      return addItem(s, 'etcdServers');
    case 'addMaster':
      return addItem(s, 'ha.masters');
    case 'advanced':
      return openAdvanced(s);
    case 'closeAdvanced':
      return closeAdvanced(s);
    case 'button':
      return pressButton(s, row.button);
    case 'profileName':
      return pressButton(s, 'save');
    default:
      return tryNext(s);
  }
}

function openAdvanced(s: State): State {
  if (s.step !== 'staysFixed' || s.advanced) return s;
  return focusAt(
    { ...s, advanced: true, focusBy: { ...s.focusBy, staysFixed: s.focus } },
    s.focusBy.advanced ?? 0,
  );
}

/** A new empty row at the end of a list, focused. */
function addItem(s: State, list: 'etcdServers' | 'ha.masters'): State {
  const items = [...listOf(s.draft, list), ''];
  const added = revalidate({ ...s, draft: withList(s.draft, list, items) });
  return focusAt(
    added,
    rowsOf(added).findIndex((r) => r.kind === 'field' && r.id === `${list}.${items.length - 1}`),
  );
}

function closeAdvanced(s: State): State {
  const closed = { ...s, advanced: false, focusBy: { ...s.focusBy, advanced: s.focus } };
  return focusAt(closed, s.focusBy.staysFixed ?? 0);
}

function pressButton(s: State, button: string): State {
  switch (button) {
    case 'apply': {
      if (!s.review || s.busy) return s;
      const onHost = s.caps.pipeline && s.host.mode?.kind === 'master';
      const at = { ...goTo(s, 'apply'), written: null, run: null, outcome: null };
      return request(at, { kind: onHost ? 'apply' : 'write', input: draftToInput(s.draft) });
    }
    case 'saveOnly':
      return enter(s, 'save');
    case 'back':
      return back(s);
    case 'save': {
      const bad = profileNameProblem(s.saveName);
      if (bad) return { ...s, notice: { tone: 'error', ...bad } };
      return request(s, { kind: 'save', name: s.saveName, input: draftToInput(s.draft) });
    }
    case 'skip':
      return { ...s, exit: { code: 0 } };
    default:
      return s;
  }
}

function back(s: State): State {
  if (s.advanced) return closeAdvanced(s);
  // files that were written cannot be taken back by going back
  if (s.step === 'apply' || (s.step === 'save' && (s.written || s.outcome))) return s;
  const prev = s.step === 'save' ? 'review' : stepBefore(s, s.step);
  if (!prev) return s;
  return prev === 'review' || prev === 'preflight' ? enter(s, prev) : goTo(s, prev);
}

function edit(s: State, op: EditOp): State {
  const row = focusedRow(s);
  if (row?.kind === 'profileName') {
    const e = applyEdit({ value: s.saveName, cursor: s.cursor }, op);
    return { ...s, saveName: e.value, cursor: e.cursor, notice: null };
  }
  if (row?.kind !== 'field') return s;
  const e = applyEdit({ value: fieldText(s.draft, row.id), cursor: s.cursor }, op);
  // moving the cursor is not an edit
  const changed = e.value !== fieldText(s.draft, row.id);
  return {
    ...revalidate({ ...(changed ? touch(s, row.id) : s), draft: withField(s.draft, row.id, e.value) }),
    cursor: e.cursor,
    notice: null,
  };
}

function cycle(s: State, delta: number): State {
  const row = focusedRow(s);
  if (row?.kind === 'choice' && row.choice === 'profile') {
    const n = s.host.profiles?.length ?? 0;
    return n === 0 ? s : { ...s, profileIndex: (s.profileIndex + delta + n) % n };
  }
  if (row?.kind === 'field' && row.suggestions && row.suggestions.length > 0) {
    const list = row.suggestions;
    const at = list.indexOf(fieldText(s.draft, row.id));
    const i = at < 0 ? (delta > 0 ? 0 : list.length - 1) : (at + delta + list.length) % list.length;
    const value = list[i]!;
    return {
      ...revalidate({ ...touch(s, row.id), draft: withField(s.draft, row.id, value) }),
      cursor: value.length,
    };
  }
  if (row?.kind === 'version') {
    const at = VERSIONS.indexOf(s.draft.version);
    const version =
      VERSIONS[clamp((at < 0 ? VERSIONS.indexOf('1.13') : at) + delta, 0, VERSIONS.length - 1)]!;
    return revalidate({ ...s, draft: { ...s.draft, version } });
  }
  if (row?.kind === 'button') return focusAt(s, s.focus + delta);
  return s;
}

/** The focused row's place in its list (an etcd server, a master of the HA front). */
function focusedItem(s: State) {
  const row = focusedRow(s);
  return row?.kind === 'field' ? listItemOf(row.id) : null;
}

/** The touched rows of a list after rows moved: `moved(j)` is row j's new index, or null when it went. */
function movedRows(
  touched: ReadonlySet<string>,
  list: 'etcdServers' | 'ha.masters',
  moved: (j: number) => number | null,
): Set<string> {
  const out = new Set<string>();
  for (const f of touched) {
    const item = listItemOf(f);
    const to = item?.list === list ? moved(item.index) : undefined;
    if (to === undefined) out.add(f);
    else if (to !== null) out.add(`${list}.${to}`);
  }
  return out;
}

function removeRow(s: State): State {
  const item = focusedItem(s);
  if (item === null) return s;
  const i = item.index;
  const items = listOf(s.draft, item.list).filter((_, j) => j !== i);
  const touched = movedRows(s.touched, item.list, (j) => (j === i ? null : j > i ? j - 1 : j));
  const next = revalidate({ ...s, touched, draft: withList(s.draft, item.list, items) });
  return focusAt(next, items.length === 0 ? s.focus : s.focus - (i === items.length ? 1 : 0));
}

function reorder(s: State, delta: number): State {
  const item = focusedItem(s);
  if (item === null) return s;
  const i = item.index;
  const j = i + delta;
  const items = [...listOf(s.draft, item.list)];
  if (j < 0 || j >= items.length) return s;
  [items[i], items[j]] = [items[j]!, items[i]!];
  const touched = movedRows(s.touched, item.list, (k) => (k === i ? j : k === j ? i : k));
  return focusAt(revalidate({ ...s, touched, draft: withList(s.draft, item.list, items) }), s.focus + delta);
}

function hostUpdate(s: State, host: Partial<HostView>): State {
  const merged = { ...s.host, ...host };
  const keep: StartChoice | undefined = s.step === 'start' ? startChoices(s)[s.focus] : undefined;
  let next: State = { ...s, host: merged, steps: stepsFor(s.caps, merged.mode) };
  if (host.profiles && s.wantedProfile) {
    const i = host.profiles.findIndex((p) => p.name === s.wantedProfile);
    if (i < 0) next = { ...next, notice: notice('error', 'profiles.notFound', { name: s.wantedProfile }) };
    else next = { ...next, profileIndex: i };
  }
  // the focus follows what is found until the person moves it; then it stays on their choice
  if (next.step === 'start') {
    const focus = next.startMoved && keep ? startChoices(next).indexOf(keep) : preferredStart(next);
    next = { ...next, focus: Math.max(0, focus) };
  }
  if (host.detectedVersion && next.origin === null && parseMinor(host.detectedVersion) !== null) {
    next = { ...next, draft: { ...next.draft, version: host.detectedVersion } };
  }
  // --profile NAME opens that profile's answers as soon as the host and the profiles are known
  if (next.wantedProfile && next.step === 'start' && next.host.mode && next.request === null) {
    const i = next.host.profiles?.findIndex((p) => p.name === next.wantedProfile) ?? -1;
    if (i >= 0) return begin({ ...next, profileIndex: i, wantedProfile: null }, 'profile');
  }
  return next;
}

/** The review's last top row at a size: its rows at that width (long lines wrap) less the viewport. */
function maxScroll(s: State, size: State['size']): number {
  const rows = s.review ? reviewRows(s.review, screenWidth(size)).length : 0;
  return Math.max(0, rows - reviewViewport(size));
}

function resultFor(s: State, id: number): boolean {
  return s.request?.id === id;
}

function finishBusy(s: State): State {
  const done = { ...s, busy: null, request: null };
  return s.quitAfterBusy !== null ? { ...done, exit: { code: s.quitAfterBusy } } : done;
}

export function reduce(s: State, e: Event): State {
  if (s.exit) return s;
  switch (e.type) {
    case 'KEY': {
      // typed-ahead or pasted text that arrived in one piece with control keys in it
      // (Enter, Tab, Ctrl-U …): the text and each key in the order they were pressed
      if (e.input.length > 1 && CONTROL.test(e.input)) return splitKeys(e.input).reduce(reduce, s);
      // keys get their meaning from the state they arrive in, not the last one drawn
      const meant = eventForKey(s, e.input, e.key);
      return meant ? reduce(s, meant) : s;
    }
    case 'QUIT':
      if (s.busy === 'write' || s.busy === 'save' || s.busy === 'apply') {
        return { ...s, quitAfterBusy: e.code, notice: notice('warn', 'wizard.notice.finishing') };
      }
      return { ...s, exit: { code: e.code } };
    case 'RESIZE':
      if (s.size.columns === e.columns && s.size.rows === e.rows) return s;
      return {
        ...s,
        size: { columns: e.columns, rows: e.rows },
        scroll: Math.min(s.scroll, maxScroll(s, e)),
      };
    case 'HOST':
      return hostUpdate(s, e.host);
    case 'KIT':
      return { ...s, kit: e.kit, problems: e.kit.validate(s.draft, hostOf(s)) };
    case 'BEGUN': {
      if (!resultFor(s, e.id)) return s;
      const begun = enter(
        revalidate(
          finishBusy({
            ...s,
            draft: e.payload.draft,
            origin: e.payload.origin,
            focusBy: {},
            // loaded values are judged at once; empty fields wait to be typed in
            touched: loadedFields(e.payload.draft),
            tried: new Set(),
          }),
        ),
        'mustChange',
      );
      return { ...begun, notice: foreignNotice(begun) ?? e.payload.notice ?? null };
    }
    case 'PLANNED':
      return resultFor(s, e.id) ? { ...finishBusy(s), review: e.review } : s;
    case 'PREFLIGHTED':
      return resultFor(s, e.id) ? { ...finishBusy(s), preflight: e.report } : s;
    case 'WRITTEN':
      return resultFor(s, e.id) ? { ...finishBusy(s), written: e.result } : s;
    case 'APPLY_READY':
      // the pipeline runs on its own screen now; busy until it reports how it ended
      return resultFor(s, e.id) ? { ...s, run: e.controller } : s;
    case 'APPLY_FINISHED':
      if (s.busy !== 'apply') return { ...s, outcome: e.outcome };
      return { ...finishBusy(s), outcome: e.outcome };
    case 'SAVED':
      return resultFor(s, e.id)
        ? {
            ...finishBusy(s),
            saved: e.name,
            exit: { code: 0 },
            notice: notice('info', 'wizard.save.saved', { name: e.name }),
          }
        : s;
    case 'FAILED':
      return resultFor(s, e.id) ? { ...finishBusy(s), notice: e.notice } : s;
    default:
      break;
  }
  if (s.busy) return s;
  switch (e.type) {
    case 'MOVE':
      return {
        ...focusAt(s, s.focus + e.delta),
        notice: s.notice?.tone === 'error' ? s.notice : null,
        startMoved: s.startMoved || s.step === 'start',
      };
    case 'ACTIVATE':
      return activate(s);
    case 'OPEN_ADVANCED':
      return openAdvanced(s);
    case 'BACK':
      return back(s);
    case 'NEXT':
      return tryNext(s);
    case 'EDIT_STEP':
      if (s.steps.indexOf(e.step) >= s.steps.indexOf(s.step) || e.step === 'start') return s;
      return { ...goTo(s, e.step), run: null, outcome: null };
    case 'TYPE':
      return edit(s, e.op);
    case 'CYCLE':
      return cycle(s, e.delta);
    case 'REMOVE_ROW':
      return removeRow(s);
    case 'REORDER':
      return reorder(s, e.delta);
    case 'USE_HOST_ADDRESS':
      return takeHostAddress(s);
    case 'SCROLL':
      return { ...s, scroll: clamp(s.scroll + e.delta, 0, maxScroll(s, s.size)) };
  }
  return s;
}
