import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { waitUntil } from '../wait.js';

/** What a terminal sends for each key. */
export const KEY = {
  enter: '\r',
  esc: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  home: '\u001b[H',
  end: '\u001b[F',
  pageDown: '\u001b[6~',
  tab: '\t',
  backspace: '\u007f',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlU: '\u0015',
  shiftUp: '\u001b[1;2A',
} as const;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * Renders into in-memory streams (ink-testing-library) and drives it like a person: keys
 * are written one at a time, each after the app has had its turn, and assertions wait for
 * the frame to show what is expected instead of sleeping.
 */
export function mount(node: ReactElement) {
  const r = render(node);
  const frame = () => (r.lastFrame() ?? '').replace(ANSI, '');
  return {
    ...r,
    frame,
    /** the frame with every run of white space (line ends included) as one space */
    flat: () => frame().replace(/\s+/g, ' '),
    async waitFor(test: string | ((frame: string) => boolean), timeoutMs = 5000): Promise<string> {
      const ok = typeof test === 'string' ? (f: string) => f.includes(test) : test;
      return waitUntil(() => ok(frame()) && frame(), {
        timeoutMs,
        intervalMs: 0,
        what: String(test),
        detail: () => `the frame is:\n${frame()}`,
      });
    },
    async press(...keys: (keyof typeof KEY | { text: string })[]): Promise<void> {
      for (const k of keys) {
        await tick();
        r.stdin.write(typeof k === 'string' ? KEY[k] : k.text);
        await tick();
        await tick();
      }
    },
    async type(text: string): Promise<void> {
      for (const ch of text) await this.press({ text: ch });
    },
  };
}
