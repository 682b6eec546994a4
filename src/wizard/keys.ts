import { focusedRow, isTextRow, reviewViewport } from './rows.js';
import type { State } from './state.js';
import type { Event, KeyLike } from './types.js';

/**
 * The one place keys get their meaning: the shell's single always-active input handler
 * calls this for every key press and dispatches the event it returns.
 *
 *   ↑ ↓ Tab Shift-Tab   move between rows          Enter   go on
 *   ← →                 pick (addresses, profile, version, buttons) or move the text cursor
 *   Esc                 back one step                q / Ctrl-C   quit (q only outside a text field)
 *   Backspace, Ctrl-U   erase a character / the field;  Ctrl-D remove an etcd server;
 *   Shift-↑/↓ (or Alt)  move an etcd server up or down; PgUp/PgDn scroll the review
 */
export function eventForKey(s: State, input: string, key: KeyLike): Event | null {
  if (key.ctrl && input === 'c') return { type: 'QUIT', code: 130 };
  if (s.exit) return null;
  // the apply pipeline's screen has its own keys (cancel, the failure menu) until the run is
  // healthy; the preflight screen has its own (scroll, Enter when no error remains, Esc)
  if (s.step === 'apply' && s.run && s.outcome !== 'healthy') return null;
  if (s.step === 'preflight')
    return input === 'q' && !key.ctrl && !key.meta ? { type: 'QUIT', code: 0 } : null;
  const row = focusedRow(s);
  const text = isTextRow(row) && !s.busy;
  if (key.escape) return { type: 'BACK' };
  if (key.return) return { type: 'ACTIVATE' };
  if (key.tab) return { type: 'MOVE', delta: key.shift ? -1 : 1 };
  const etcd = row?.kind === 'field' && row.id.startsWith('etcdServers.');
  if ((key.upArrow || key.downArrow) && (key.shift || key.meta) && etcd) {
    return { type: 'REORDER', delta: key.upArrow ? -1 : 1 };
  }
  if (s.step === 'review') {
    const page = reviewViewport(s.size) - 1;
    if (key.upArrow) return { type: 'SCROLL', delta: -1 };
    if (key.downArrow) return { type: 'SCROLL', delta: 1 };
    if (key.pageUp) return { type: 'SCROLL', delta: -page };
    if (key.pageDown || input === ' ') return { type: 'SCROLL', delta: page };
    if (key.home) return { type: 'SCROLL', delta: -Number.MAX_SAFE_INTEGER };
    if (key.end) return { type: 'SCROLL', delta: Number.MAX_SAFE_INTEGER };
  }
  if (key.upArrow) return { type: 'MOVE', delta: -1 };
  if (key.downArrow) return { type: 'MOVE', delta: 1 };
  if (key.pageUp) return { type: 'MOVE', delta: -10 };
  if (key.pageDown) return { type: 'MOVE', delta: 10 };
  const suggests = row?.kind === 'field' && (row.suggestions?.length ?? 0) > 0;
  if (key.leftArrow || key.rightArrow) {
    const delta = key.leftArrow ? -1 : 1;
    if (text && !suggests) return { type: 'TYPE', op: { op: key.leftArrow ? 'left' : 'right' } };
    return { type: 'CYCLE', delta };
  }
  if (!text) return input === 'q' && !key.ctrl && !key.meta && !s.busy ? { type: 'QUIT', code: 0 } : null;
  if (key.backspace || key.delete) return { type: 'TYPE', op: { op: 'erase' } };
  if (key.home || (key.ctrl && input === 'a')) return { type: 'TYPE', op: { op: 'home' } };
  if (key.end || (key.ctrl && input === 'e')) return { type: 'TYPE', op: { op: 'end' } };
  if (key.ctrl && input === 'u') return { type: 'TYPE', op: { op: 'clear' } };
  if (key.ctrl && input === 'd')
    return etcd ? { type: 'REMOVE_ROW' } : { type: 'TYPE', op: { op: 'eraseForward' } };
  if (key.ctrl || key.meta || input.length === 0) return null;
  return { type: 'TYPE', op: { op: 'insert', text: input } };
}

export const CONTROL = /[\u0000-\u001f\u007f]/;

/** Text with control characters in it, as the key presses it stands for. */
export function splitKeys(input: string): Event[] {
  const out: Event[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'KEY', input: text, key: {} });
    text = '';
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    const code = ch.charCodeAt(0);
    if (!CONTROL.test(ch)) {
      text += ch;
      continue;
    }
    flush();
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      out.push({ type: 'KEY', input: '', key: { return: true } });
    } else if (ch === '\t') out.push({ type: 'KEY', input: '', key: { tab: true } });
    else if (code === 0x7f || code === 0x08) out.push({ type: 'KEY', input: '', key: { delete: true } });
    else if (code >= 1 && code <= 26)
      out.push({ type: 'KEY', input: String.fromCharCode(96 + code), key: { ctrl: true } });
  }
  flush();
  return out;
}
