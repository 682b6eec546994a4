import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { eventForKey, hintsFor } from '../../src/wizard/keymap.js';
import { rowsOf } from '../../src/wizard/rows.js';
import type { State } from '../../src/wizard/state.js';
import type { KeyLike, StepId } from '../../src/wizard/types.js';
import { testHost, testState } from './wizard-helpers.js';

const t = translator('en');
const footer = (s: State) => hintsFor(s).map((h) => `${h.keys} ${t(h.label)}`);

/** A key press for each way the footer names a key. */
const PRESS: Record<string, { input: string; key: KeyLike }> = {
  Enter: { input: '', key: { return: true } },
  Esc: { input: '', key: { escape: true } },
  q: { input: 'q', key: {} },
  'Ctrl-C': { input: 'c', key: { ctrl: true } },
  'Ctrl-U': { input: 'u', key: { ctrl: true } },
  'Ctrl-D': { input: 'd', key: { ctrl: true } },
  '↑↓/Tab': { input: '', key: { downArrow: true } },
  '↑↓ PgUp/PgDn': { input: '', key: { downArrow: true } },
  '←→': { input: '', key: { rightArrow: true } },
  '←→/Tab': { input: '', key: { rightArrow: true } },
  'Shift-↑↓': { input: '', key: { downArrow: true, shift: true } },
  'PgUp/PgDn Home/End': { input: '', key: { pageDown: true } },
  'PgUp/PgDn': { input: '', key: { pageDown: true } },
  a: { input: 'a', key: {} },
};

function everyState(): State[] {
  const steps: StepId[] = ['start', 'mustChange', 'staysFixed', 'review', 'apply', 'save'];
  const base = testState({
    host: testHost({
      profiles: [{ name: 'p1', savedAt: '2026-01-01' }],
      files: [{ path: '/a', target: '/a' }],
    }),
  });
  const review = { lines: [], changed: 0, commands: [] };
  const out: State[] = [];
  for (const step of steps)
    for (const advanced of [false, true]) {
      const s: State = { ...base, step, advanced, review, draft: { ...base.draft, etcdServers: ['a', 'b'] } };
      rowsOf(s).forEach((_, focus) => {
        out.push({ ...s, focus });
      });
    }
  return out;
}

describe('the keymap', () => {
  it('names in the footer only keys that do something there', () => {
    const states = everyState();
    expect(states.length).toBeGreaterThan(30);
    for (const s of states) {
      for (const h of hintsFor(s)) {
        const press = PRESS[h.keys];
        expect(press, `a key press for "${h.keys}"`).toBeDefined();
        expect(
          eventForKey(s, press!.input, press!.key),
          `${s.step} row ${s.focus}: ${h.keys}`,
        ).not.toBeNull();
      }
    }
  });

  it('says what each kind of row does with its keys, then back and quit', () => {
    const s = testState();
    expect(footer(s)).toEqual(['↑↓/Tab move', 'Enter choose', 'q quit']);
    const etcd = {
      ...s,
      step: 'mustChange' as const,
      focus: rowsOf({ ...s, step: 'mustChange' }).findIndex(
        (r) => r.kind === 'field' && r.id === 'etcdServers.0',
      ),
    };
    expect(footer(etcd)).toEqual([
      '↑↓/Tab move',
      'Enter next field',
      'Ctrl-U clear',
      'Ctrl-D remove',
      'Shift-↑↓ reorder',
      'Esc back',
      'Ctrl-C quit',
    ]);
  });

  it('leaves the apply screen its own keys while the pipeline runs, and the preflight screen its own', () => {
    const running = { ...testState(), step: 'apply' as const, run: {} as State['run'] };
    expect(footer(running)).toEqual(['Ctrl-C stop and quit (the host is left as it is)']);
    expect(eventForKey(running, '', { return: true })).toBeNull();
    expect(eventForKey(running, 'c', { ctrl: true })).toEqual({ type: 'QUIT', code: 130 });
    // after a failed run: the screen's menu, and Ctrl-C only quits
    expect(footer({ ...running, outcome: 'failed' })).toEqual(['↑↓ Enter choose', 'Ctrl-C quit']);
    expect(footer({ ...running, outcome: 'healthy' })).toContain('Enter go on');
    const preflight = { ...testState(), step: 'preflight' as const };
    // Enter is not said while the checks run (below)
    expect(footer(preflight)).toEqual(['↑↓ PgUp/PgDn scroll', 'Esc back', 'q quit']);
    expect(eventForKey(preflight, '', { downArrow: true })).toBeNull();
    expect(eventForKey(preflight, 'q', {})).toEqual({ type: 'QUIT', code: 0 });
  });

  it('says no Enter while the files are being written, just after Enter on the review', () => {
    const writing: State = { ...testState(), step: 'apply', busy: 'apply', run: null };
    expect(footer(writing)).not.toContainEqual(expect.stringMatching(/^Enter/));
    expect(footer({ ...writing, busy: null })).toContain('Enter go on');
    const zh = hintsFor(writing).map((h) => `${h.keys} ${translator('zh')(h.label)}`);
    expect(zh).not.toContainEqual(expect.stringMatching(/^Enter/));
  });

  it('says Enter on the checks only once they are in and no error remains, and each key once', () => {
    const at = (errors: number): State => ({
      ...testState(),
      step: 'preflight',
      preflight: {
        checks: [
          {
            name: 'a',
            severity: 'error',
            status: errors > 0 ? 'fail' : 'pass',
            message: { key: 'preflight.ok' },
          },
          { name: 'b', severity: 'warning', status: 'fail', message: { key: 'preflight.ok' } },
        ],
      } as unknown as State['preflight'],
    });
    expect(footer(at(0))).toEqual(['↑↓ PgUp/PgDn scroll', 'Enter go on', 'Esc back', 'q quit']);
    expect(footer(at(1))).toEqual(['↑↓ PgUp/PgDn scroll', 'Esc back', 'q quit']);
    expect(footer({ ...at(0), preflight: null })).not.toContain('Enter go on');
    for (const s of everyState()) {
      const keys = hintsFor(s).map((h) => h.keys);
      expect(new Set(keys).size, keys.join(' ')).toBe(keys.length);
    }
  });
});
