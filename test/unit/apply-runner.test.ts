import { getMaxListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type ApplyEvent, type Failure, type PhaseId, phaseKey } from '../../src/apply/events.js';
import {
  Cancelled,
  type Phase,
  PhaseFailed,
  phaseIds,
  runAbortController,
  runPhases,
  type Step,
} from '../../src/apply/runner.js';

type Log = string[];

const failure = (phase: PhaseId): Failure => ({
  phase,
  state: null,
  diagnosis: { cause: 'unknown', params: {} },
  lastLines: [],
  since: 0,
});

/** A phase that logs when it starts and ends, and does what `how` says. */
function phase(
  name: string,
  how: { fail?: boolean; skip?: boolean; until?: Promise<void>; detail?: string } = {},
) {
  const id = { name, component: undefined } as unknown as PhaseId;
  const p: Phase<Log> = {
    id,
    ...(how.skip ? { skip: () => 'unchanged' as const } : {}),
    ...(how.detail ? { detail: () => how.detail } : {}),
    async run(log) {
      log.push(`run ${name}`);
      await how.until;
      log.push(`end ${name}`);
      if (how.fail) throw new PhaseFailed(failure(id));
      return `${name} done`;
    },
  };
  return p;
}

async function run(steps: Step<Log>[], signal = new AbortController().signal) {
  const log: Log = [];
  const events: ApplyEvent[] = [];
  const failed = await runPhases(steps, log, { emit: (e) => events.push(e), signal });
  const said = events.map((e) =>
    'phase' in e
      ? `${e.type} ${phaseKey(e.phase)}${'detail' in e && e.detail ? ` (${e.detail})` : ''}`
      : e.type,
  );
  return { log, said, failed };
}

describe('the phase runner', () => {
  it('runs the phases in order, saying each one start and done, and skips what says so', async () => {
    const { log, said, failed } = await run([
      phase('a', { detail: 'fast' }),
      phase('b', { skip: true }),
      phase('c'),
    ]);
    expect(failed).toBeNull();
    expect(log).toEqual(['run a', 'end a', 'run c', 'end c']);
    expect(said).toEqual([
      'phase-start a (fast)',
      'phase-done a (a done)',
      'phase-skipped b',
      'phase-start c',
      'phase-done c (c done)',
    ]);
  });

  it('stops at the first phase that fails, saying it failed, and runs nothing after it', async () => {
    const { log, said, failed } = await run([phase('a'), phase('b', { fail: true }), phase('c')]);
    expect(failed && phaseKey(failed.phase)).toBe('b');
    expect(log).toEqual(['run a', 'end a', 'run b', 'end b']);
    expect(said.slice(-2)).toEqual(['phase-failed b', 'failed']);
  });

  it('runs lanes at the same time, each lane in its order, and goes on when all are done', async () => {
    // x waits for y to start: were the lanes run one after the other, x would never end
    let yStarted: () => void = () => {};
    const started = new Promise<void>((r) => {
      yStarted = r;
    });
    const y: Phase<Log> = {
      ...phase('y'),
      run: (log) => {
        yStarted();
        return phase('y').run(log);
      },
    };
    const steps: Step<Log>[] = [{ lanes: [[phase('x', { until: started }), phase('x2')], [y]] }, phase('z')];
    const { log, failed } = await run(steps);
    expect(failed).toBeNull();
    expect(log.indexOf('run y')).toBeLessThan(log.indexOf('end x'));
    expect(log.indexOf('end x')).toBeLessThan(log.indexOf('run x2'));
    expect(log.at(-1)).toBe('end z');
    expect(phaseIds(steps).map(phaseKey)).toEqual(['x', 'x2', 'y', 'z']);
  });

  it('lets the other lanes finish when one fails, then reports that failure once', async () => {
    const steps: Step<Log>[] = [
      { lanes: [[phase('p', { fail: true }), phase('p2')], [phase('q')]] },
      phase('r'),
    ];
    const { log, said, failed } = await run(steps);
    expect(failed && phaseKey(failed.phase)).toBe('p');
    expect(log).toContain('end q');
    expect(log).not.toContain('run p2');
    expect(log).not.toContain('run r');
    expect(said.filter((s) => s === 'failed')).toHaveLength(1);
  });

  it('throws Cancelled between phases once the signal is aborted, and says nothing more', async () => {
    const controller = new AbortController();
    const stop: Phase<Log> = {
      ...phase('stop'),
      run: async () => {
        controller.abort();
        return undefined;
      },
    };
    const events: ApplyEvent[] = [];
    const pending = runPhases([stop, phase('after')], [], {
      emit: (e) => events.push(e),
      signal: controller.signal,
    });
    await expect(pending).rejects.toBeInstanceOf(Cancelled);
    expect(events.map((e) => e.type)).toEqual(['phase-start']);
  });
});

describe("a run's AbortSignal", () => {
  it('takes the listeners of a whole run (probes, systemctl, journalctl at once) without a warning on stderr', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const controller = runAbortController();
      // a plain signal warns after 10 (where Node warns at all: 20 does, 22 not always)
      expect(getMaxListeners(controller.signal)).toBeGreaterThanOrEqual(40);
      expect(getMaxListeners(new AbortController().signal)).toBeLessThan(40);
      for (let i = 0; i < 40; i++) controller.signal.addEventListener('abort', () => {});
      await new Promise((r) => setTimeout(r, 10));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
