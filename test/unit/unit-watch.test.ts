import { describe, expect, it } from 'vitest';
import { abortableSleep } from '../../src/apply/host.js';
import { UnitWatch } from '../../src/apply/unit-watch.js';
import type { JournalEntry } from '../../src/host/journal.js';
import { unitState } from './helpers/fake-host.js';
import { seedAnswers } from './helpers/seed-answers.js';

/**
 * The watch of a unit being started: its pause between two reads of the unit's state ends
 * early when systemd logs a line about the unit, so a transition is seen when it happens.
 */
function watched() {
  let deliver: (entries: JournalEntry[]) => void = () => {};
  const host = {
    now: () => Date.now(),
    sleep: abortableSleep,
    unitState: async (unit: string) => unitState(unit, { activeState: 'activating', subState: 'start' }),
    followJournal: (_unit: string, _since: number, on: (e: JournalEntry[]) => void) => {
      deliver = on;
      return { stop: async () => {}, done: Promise.resolve() };
    },
    journalTail: async () => [],
    binaryVersion: async () => null,
  };
  let id = 0;
  const open = UnitWatch.open(
    {
      answers: seedAnswers('1.13'),
      minor: 13,
      host,
      emit: () => {},
      signal: new AbortController().signal,
      nextLineId: () => ++id,
    },
    'kube-apiserver',
  );
  const entry = (ident: string, message: string, n: number): JournalEntry => ({
    usec: Date.now() * 1000 + n,
    pid: ident === 'systemd' ? 1 : 4242,
    ident,
    priority: 6,
    message,
    cursor: `c${n}`,
  });
  return { open, deliver: (e: JournalEntry[]) => deliver(e), entry };
}

describe('UnitWatch.pause', () => {
  it('ends when systemd logs about the unit, not at the end of the pause', async () => {
    const w = watched();
    const watch = await w.open;
    expect(watch.changed()).toBe(false);
    const t0 = Date.now();
    setTimeout(() => w.deliver([w.entry('systemd', 'Started kube-apiserver.service.', 1)]), 30);
    await watch.pause(5000);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(watch.changed()).toBe(true);
    expect(watch.changed()).toBe(false);
  });

  it("waits the whole pause through the component's own lines", async () => {
    const w = watched();
    const watch = await w.open;
    const t0 = Date.now();
    setTimeout(() => w.deliver([w.entry('kube-apiserver', 'I1202 serving securely', 2)]), 10);
    await watch.pause(150);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(watch.changed()).toBe(false);
  });

  it('does not pause at all when systemd has spoken since the state was last read', async () => {
    const w = watched();
    const watch = await w.open;
    w.deliver([w.entry('systemd', 'kube-apiserver.service: Main process exited', 3)]);
    const t0 = Date.now();
    await watch.pause(5000);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
