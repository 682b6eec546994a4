import { isAdvancedField, listItemOf } from './draft.js';
import { markedProblems } from './marks.js';
import {
  advancedWindow,
  fixedListHeight,
  focusedRow,
  isTextRow,
  type Row,
  reviewViewport,
  screenHeight,
} from './rows.js';
import type { State } from './state.js';
import type { Event, Hint, KeyLike } from './types.js';

/**
 * The wizard's keys, as one table: where a binding holds (`when`), which key press it takes
 * (`key`), the event it means (`event`; null: the key is taken and does nothing, or the screen
 * handles it itself) and what the footer says for it (`hint`). The shell's one input handler
 * asks `eventForKey` (the first row that holds and takes the key wins); the footer shows
 * `hintsFor` (the hints of the rows that hold, in table order).
 *
 *   ↑ ↓ Tab Shift-Tab   move between rows          Enter   go on
 *   ← →                 pick (addresses, profile, version, buttons) or move the text cursor
 *   Esc                 back one step                q / Ctrl-C   quit (q only outside a text field)
 *   Backspace, Ctrl-U   erase a character / the field;  Ctrl-D remove an etcd server or master;
 *   Shift-↑/↓ (or Alt)  move an etcd server (or master) up or down; PgUp/PgDn scroll the review
 *   PgUp/PgDn           a page of the list on screen; Home/End the first / last row (outside a text field)
 *   a                   the advanced editor, from anywhere on the stays-fixed screen
 *   Ctrl-T              this host's address, for answers that name another master's
 */

/** What the bindings look at: the state and the focused row, worked out once per key. */
export interface KeyContext {
  s: State;
  row: Row | undefined;
  /** the focused row takes text (and no operation is running) */
  text: boolean;
  /** the focused row is an item of a list (an etcd server, a master of the HA front) */
  etcd: boolean;
}

export interface Binding {
  when: (c: KeyContext) => boolean;
  key: (input: string, key: KeyLike) => boolean;
  event: (c: KeyContext, input: string, key: KeyLike) => Event | null;
  hint?: (c: KeyContext) => Hint | null;
}

/** The apply pipeline's screen has its own keys (cancel, the failure menu) until the run is healthy. */
const applyRunning = ({ s }: KeyContext) => s.step === 'apply' && s.run !== null && s.outcome !== 'healthy';
/** The preflight screen has its own keys (scroll, Enter when no error remains, Esc). */
const preflight = ({ s }: KeyContext) => s.step === 'preflight';
/** The rows below hold on the shell's own screens only. */
const shell =
  (when: (c: KeyContext) => boolean) =>
  (c: KeyContext): boolean =>
    !applyRunning(c) && !preflight(c) && when(c);
const review = shell(({ s }) => s.step === 'review');
const kind = (c: KeyContext) => c.row?.kind;
/** the rows the footer treats as text fields (whether or not something runs) */
const textKind = (c: KeyContext) => kind(c) === 'field' || kind(c) === 'profileName';

const plain = (key: KeyLike) => !key.ctrl && !key.meta;
const ctrl = (letter: string) => (input: string, key: KeyLike) => Boolean(key.ctrl) && input === letter;
const always = () => true;
const any = shell(always);
const anyButCtrlC = (input: string, key: KeyLike) => !(key.ctrl && input === 'c');
const none = () => null;
const hint =
  (keys: string, label: Hint['label'], when: (c: KeyContext) => boolean = always) =>
  (c: KeyContext): Hint | null =>
    when(c) ? { keys, label } : null;

const upDown = (key: KeyLike) => Boolean(key.upArrow || key.downArrow);
const leftRight = (key: KeyLike) => Boolean(key.leftArrow || key.rightArrow);
const cycle = (_c: KeyContext, _i: string, key: KeyLike): Event => ({
  type: 'CYCLE',
  delta: key.leftArrow ? -1 : 1,
});
const type = (op: Extract<Event, { type: 'TYPE' }>['op']) => (): Event => ({ type: 'TYPE', op });

const ENTER_LABEL: Partial<Record<Row['kind'], Hint['label']>> = {
  field: 'wizard.key.nextField',
  profileName: 'wizard.key.save',
  choice: 'wizard.key.choose',
  button: 'wizard.key.press',
};

export const KEYMAP: readonly Binding[] = [
  // once the wizard is over only Ctrl-C means anything; the apply screen has its own keys
  { when: (c) => c.s.exit !== null, key: anyButCtrlC, event: none },
  {
    when: preflight,
    key: (_i, k) => upDown(k) || Boolean(k.pageUp || k.pageDown),
    event: none,
    hint: hint('↑↓ PgUp/PgDn', 'wizard.key.scroll'),
  },
  {
    when: preflight,
    key: (_i, k) => Boolean(k.return),
    event: none,
    // Enter goes on only once the checks are in and no error remains
    hint: hint('Enter', 'wizard.key.next', ({ s }) =>
      Boolean(s.preflight?.checks.every((c) => c.status !== 'fail' || c.severity !== 'error')),
    ),
  },
  { when: preflight, key: (_i, k) => Boolean(k.escape), event: none, hint: hint('Esc', 'wizard.key.back') },
  {
    when: preflight,
    key: (i, k) => i === 'q' && plain(k),
    event: () => ({ type: 'QUIT', code: 0 }),
    hint: hint('q', 'wizard.key.quit'),
  },

  // the review scrolls with the arrows and the page keys
  {
    when: review,
    key: (i, k) => upDown(k) || Boolean(k.pageUp || k.pageDown || k.home || k.end) || i === ' ',
    event: ({ s }, i, k) => {
      const page = reviewViewport(s.size) - 1;
      if (k.upArrow) return { type: 'SCROLL', delta: -1 };
      if (k.downArrow) return { type: 'SCROLL', delta: 1 };
      if (k.pageUp) return { type: 'SCROLL', delta: -page };
      if (k.pageDown || i === ' ') return { type: 'SCROLL', delta: page };
      return { type: 'SCROLL', delta: k.home ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER };
    },
    hint: hint('↑↓ PgUp/PgDn', 'wizard.key.scroll'),
  },
  {
    when: shell((c) => !c.etcd),
    key: (_i, k) => upDown(k),
    event: (_c, _i, k) => ({ type: 'MOVE', delta: k.upArrow ? -1 : 1 }),
    hint: hint('↑↓/Tab', 'wizard.key.move', (c) => kind(c) !== 'button'),
  },
  {
    when: shell((c) => c.etcd),
    key: (_i, k) => upDown(k) && !k.shift && !k.meta,
    event: (_c, _i, k) => ({ type: 'MOVE', delta: k.upArrow ? -1 : 1 }),
    hint: hint('↑↓/Tab', 'wizard.key.move'),
  },
  // moving between rows (Shift/Alt with ↑↓ on an etcd server reorders instead, below): a page
  // of the list on screen with PgUp/PgDn, the first and the last row with Home/End
  {
    when: any,
    key: (_i, k) => Boolean(k.tab),
    event: (_c, _i, k) => ({ type: 'MOVE', delta: k.shift ? -1 : 1 }),
  },
  {
    when: any,
    key: (_i, k) => Boolean(k.pageUp || k.pageDown),
    event: ({ s }, _i, k) => ({ type: 'MOVE', delta: (k.pageUp ? -1 : 1) * pageRows(s) }),
    hint: ({ s }) =>
      s.step !== 'staysFixed'
        ? null
        : s.advanced
          ? { keys: 'PgUp/PgDn', label: 'wizard.key.pageOnly' }
          : { keys: 'PgUp/PgDn Home/End', label: 'wizard.key.page' },
  },
  {
    when: shell((c) => !c.text),
    key: (_i, k) => Boolean(k.home || k.end),
    event: (_c, _i, k) => ({
      type: 'MOVE',
      delta: k.home ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER,
    }),
  },
  // the advanced editor sits after some forty flags: `a` opens it from anywhere on the screen
  {
    when: shell(({ s }) => s.step === 'staysFixed' && !s.advanced),
    key: (i, k) => i === 'a' && plain(k),
    event: () => ({ type: 'OPEN_ADVANCED' }),
    hint: hint('a', 'wizard.key.advanced'),
  },
  // ← → pick: the version before Enter, the buttons with Tab
  {
    when: shell((c) => kind(c) === 'version'),
    key: (_i, k) => leftRight(k),
    event: cycle,
    hint: hint('←→', 'wizard.key.pickVersion'),
  },
  {
    when: shell((c) => kind(c) === 'button'),
    key: (_i, k) => leftRight(k),
    event: cycle,
    hint: hint('←→/Tab', 'wizard.key.pickButton'),
  },
  {
    when: any,
    key: (_i, k) => Boolean(k.return),
    event: () => ({ type: 'ACTIVATE' }),
    // not while something runs (the files being written, say): Enter does nothing then
    hint: (c) =>
      c.s.busy ? null : { keys: 'Enter', label: ENTER_LABEL[kind(c) ?? 'next'] ?? 'wizard.key.next' },
  },
  // ← → elsewhere: this host's addresses or the profile, else the text cursor
  {
    when: any,
    key: (_i, k) => leftRight(k),
    event: (c, i, k) => {
      const suggests = c.row?.kind === 'field' && (c.row.suggestions?.length ?? 0) > 0;
      return c.text && !suggests
        ? { type: 'TYPE', op: { op: k.leftArrow ? 'left' : 'right' } }
        : cycle(c, i, k);
    },
    hint: (c) =>
      c.row?.kind === 'field' && c.row.suggestions?.length
        ? { keys: '←→', label: 'wizard.key.pickAddress' }
        : c.row?.kind === 'choice' && c.row.choice === 'profile'
          ? { keys: '←→', label: 'wizard.key.pickProfile' }
          : null,
  },
  // (said on a text field while something runs too; they work again when it is over)
  {
    when: shell((c) => isTextRow(c.row)),
    key: ctrl('u'),
    event: (c) => (c.text ? { type: 'TYPE', op: { op: 'clear' } } : null),
    hint: hint('Ctrl-U', 'wizard.key.clear', (c) => kind(c) === 'field'),
  },
  {
    when: shell((c) => isTextRow(c.row)),
    key: ctrl('d'),
    event: (c) =>
      !c.text ? null : c.etcd ? { type: 'REMOVE_ROW' } : { type: 'TYPE', op: { op: 'eraseForward' } },
    hint: hint('Ctrl-D', 'wizard.key.remove', (c) => c.etcd),
  },
  {
    when: shell(({ s }) => (s.step === 'mustChange' || s.step === 'ha') && hostAddressOffered(s)),
    key: ctrl('t'),
    event: ({ s }) => (s.busy ? null : { type: 'USE_HOST_ADDRESS' }),
    hint: hint('Ctrl-T', 'wizard.key.useHostAddress'),
  },
  {
    when: shell((c) => c.etcd),
    key: (_i, k) => upDown(k) && Boolean(k.shift || k.meta),
    event: (_c, _i, k) => ({ type: 'REORDER', delta: k.upArrow ? -1 : 1 }),
    hint: hint('Shift-↑↓', 'wizard.key.reorder'),
  },
  {
    when: any,
    key: (_i, k) => Boolean(k.escape),
    event: () => ({ type: 'BACK' }),
    // files that were written cannot be taken back by going back
    hint: hint('Esc', 'wizard.key.back', ({ s }) => {
      const wrote = s.written !== null || s.outcome !== null;
      return !(s.step === 'start' || s.step === 'apply' || (s.step === 'save' && wrote));
    }),
  },
  {
    when: shell((c) => !c.text),
    key: (i, k) => i === 'q' && plain(k),
    event: ({ s }) => (s.busy ? null : { type: 'QUIT', code: 0 }),
    hint: hint('q', 'wizard.key.quit', (c) => !textKind(c)),
  },
  // editing the focused field
  {
    when: shell((c) => c.text),
    key: (_i, k) => Boolean(k.backspace || k.delete),
    event: type({ op: 'erase' }),
  },
  {
    when: shell((c) => c.text),
    key: (i, k) => Boolean(k.home) || ctrl('a')(i, k),
    event: type({ op: 'home' }),
  },
  {
    when: shell((c) => c.text),
    key: (i, k) => Boolean(k.end) || ctrl('e')(i, k),
    event: type({ op: 'end' }),
  },
  {
    when: shell((c) => c.text),
    key: (i, k) => plain(k) && i.length > 0,
    event: (_c, i) => ({ type: 'TYPE', op: { op: 'insert', text: i } }),
  },
  // after a failed run the apply screen's menu takes the arrows and Enter
  {
    when: (c) => applyRunning(c) && c.s.outcome !== null,
    key: () => false,
    event: none,
    hint: hint('↑↓ Enter', 'wizard.key.choose'),
  },
  // quitting works everywhere; while the pipeline runs Ctrl-C stops it first
  {
    when: always,
    key: ctrl('c'),
    event: () => ({ type: 'QUIT', code: 130 }),
    hint: (c) =>
      applyRunning(c) && c.s.outcome === null
        ? { keys: 'Ctrl-C', label: 'wizard.key.stopRun' }
        : applyRunning(c) || (textKind(c) && !preflight(c))
          ? { keys: 'Ctrl-C', label: 'wizard.key.quit' }
          : null,
  },
];

/** Rows a page key moves: the stays-fixed list or the advanced editor as they are on screen, else ten. */
export function pageRows(s: State): number {
  const height = screenHeight(s.size);
  if (s.step !== 'staysFixed') return 10;
  if (s.advanced) return Math.max(1, advancedWindow(height) - 2);
  const above = [...markedProblems(s).keys()].filter((f) => !isAdvancedField(f)).length;
  return Math.max(1, fixedListHeight(height, above) - 1);
}

/** On a master, the draft names an address this host does not have and one of its own can replace it. */
function hostAddressOffered(s: State): boolean {
  return (
    s.host.mode?.kind === 'master' && s.kit !== null && s.kit.hostAddress(s.draft, s.host.addresses) !== null
  );
}

function contextOf(s: State): KeyContext {
  const row = focusedRow(s);
  return {
    s,
    row,
    text: isTextRow(row) && !s.busy,
    etcd: row?.kind === 'field' && listItemOf(row.id) !== null,
  };
}

/** The event a key press means in this state, or null: the one place keys get their meaning. */
export function eventForKey(s: State, input: string, key: KeyLike): Event | null {
  const c = contextOf(s);
  const binding = KEYMAP.find((b) => b.when(c) && b.key(input, key));
  return binding ? binding.event(c, input, key) : null;
}

/** The keys that work now, for the footer: the hints of the bindings that hold, in table order. */
export function hintsFor(s: State): Hint[] {
  const c = contextOf(s);
  return KEYMAP.flatMap((b) => {
    const h = b.when(c) ? b.hint?.(c) : null;
    return h ? [h] : [];
  });
}
