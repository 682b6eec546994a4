import { ADVANCED_FIELDS } from './draft.js';
import { type State, startChoices } from './state.js';
import type { FixedRow, StartChoice } from './types.js';

/**
 * The rows of each screen: what the focus moves over. The machine moves the focus and the
 * screens draw the same rows, so both agree on what row N is.
 */
export type Row =
  | { kind: 'choice'; choice: StartChoice }
  | { kind: 'field'; id: string; suggestions?: string[] }
  | { kind: 'addEtcd' }
  | { kind: 'addMaster' }
  | { kind: 'next' }
  | { kind: 'version' }
  | { kind: 'fixed'; row: FixedRow }
  | { kind: 'advanced' }
  | { kind: 'closeAdvanced' }
  | { kind: 'button'; button: ReviewButton | SaveButton }
  | { kind: 'profileName' };

export type ReviewButton = 'apply' | 'saveOnly' | 'back';
export type SaveButton = 'save' | 'skip';

/** This host's addresses other members can reach (no loopback). */
export function reachableAddresses(s: State): string[] {
  return s.host.addresses.filter((a) => !a.internal).map((a) => a.address);
}

export function mustChangeRows(s: State): Row[] {
  const host = reachableAddresses(s);
  return [
    { kind: 'field', id: 'advertiseAddress', suggestions: host },
    { kind: 'field', id: 'bindAddress', suggestions: [...host, '0.0.0.0'] },
    { kind: 'field', id: 'securePort' },
    ...s.draft.etcdServers.map((_, i): Row => ({ kind: 'field', id: `etcdServers.${i}` })),
    { kind: 'addEtcd' },
    { kind: 'next' },
  ];
}

export function staysFixedRows(s: State): Row[] {
  if (s.advanced) {
    // the values this version uses (and any other that is refused, so it can be put right)
    const used = new Set(
      s.kit ? s.kit.advancedFields(s.draft).map((u) => u.id) : ADVANCED_FIELDS.map((f) => f.id),
    );
    const shown = ADVANCED_FIELDS.filter((f) => used.has(f.id) || s.problems.has(f.id));
    return [...shown.map((f): Row => ({ kind: 'field', id: f.id })), { kind: 'closeAdvanced' }];
  }
  const fixed = s.kit ? s.kit.fixedRows(s.draft) : [];
  return [
    { kind: 'version' },
    ...fixed.map((row): Row => ({ kind: 'fixed', row })),
    { kind: 'advanced' },
    { kind: 'next' },
  ];
}

/** Columns the screens draw in: the terminal's, less one (a full last column makes terminals wrap). */
export function screenWidth(size: { columns: number }): number {
  return Math.max(40, size.columns - 1);
}

/** Lines a step's screen may use: the terminal's rows minus the title, the notice and the footer. */
export function screenHeight(size: { rows: number }): number {
  return Math.max(8, size.rows - 5);
}

/**
 * Lines of the stays-fixed list: the screen less the version line, the refused values shown
 * above the list (three at most), the focused flag's reason, the advanced row and Continue.
 */
export function fixedListHeight(height: number, problemsShown: number): number {
  return Math.max(1, height - 7 - Math.min(problemsShown, 3));
}

/** Rows of the advanced editor on screen (the focused one also takes its flag's line). */
export function advancedWindow(height: number): number {
  return Math.max(3, height - 4);
}

/** Lines of the review that fit on screen: the terminal height minus title, buttons and footer. */
export function reviewViewport(size: { rows: number }): number {
  return Math.max(3, size.rows - 9);
}

export const REVIEW_BUTTONS: ReviewButton[] = ['apply', 'saveOnly', 'back'];
export const SAVE_BUTTONS: SaveButton[] = ['save', 'skip'];

/** This host's interfaces that are not loopback: what VRRP can run on. */
export function hostInterfaces(s: State): string[] {
  return [...new Set(s.host.addresses.filter((a) => !a.internal).map((a) => a.iface))];
}

/** The HA front's step: the VIP (its switch), every master's address, then haproxy's port and VRRP's settings. */
export function haRows(s: State): Row[] {
  return [
    { kind: 'field', id: 'ha.vip' },
    ...s.draft.ha.masters.map((_, i): Row => ({ kind: 'field', id: `ha.masters.${i}` })),
    { kind: 'addMaster' },
    { kind: 'field', id: 'ha.port' },
    { kind: 'field', id: 'ha.interface', suggestions: hostInterfaces(s) },
    { kind: 'field', id: 'ha.virtualRouterId' },
    { kind: 'next' },
  ];
}

export function rowsOf(s: State): Row[] {
  switch (s.step) {
    case 'start':
      return startChoices(s).map((choice) => ({ kind: 'choice', choice }));
    case 'mustChange':
      return mustChangeRows(s);
    case 'staysFixed':
      return staysFixedRows(s);
    case 'ha':
      return haRows(s);
    case 'review':
      return REVIEW_BUTTONS.map((button) => ({ kind: 'button', button }));
    case 'save':
      return [{ kind: 'profileName' }, ...SAVE_BUTTONS.map((button): Row => ({ kind: 'button', button }))];
    default:
      return [{ kind: 'next' }];
  }
}

export function focusedRow(s: State): Row | undefined {
  const rows = rowsOf(s);
  return rows[Math.min(s.focus, rows.length - 1)];
}

/** The focused row takes typed text. */
export function isTextRow(row: Row | undefined): row is Extract<Row, { kind: 'field' | 'profileName' }> {
  return row?.kind === 'field' || row?.kind === 'profileName';
}
