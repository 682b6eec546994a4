import { describe, expect, it, vi } from 'vitest';
import { createApplyController } from '../../src/apply/controller.js';
import type { ApplyResult } from '../../src/apply/events.js';
import { JournalBuffer } from '../../src/apply/journal-buffer.js';
import type { LogLine } from '../../src/apply/klog.js';
import { type ApplyAction, applyReducer, initialApplyState } from '../../src/apply/state.js';
import { unitState } from './helpers/fake-host.js';

const line = (id: number, unit = 'kube-apiserver.service'): LogLine => ({
  id,
  unit,
  time: 0,
  severity: 'I',
  fromSystemd: false,
  text: `line ${id}`,
});

const fold = (events: ApplyAction[]) => events.reduce(applyReducer, initialApplyState());

const result = (outcome: ApplyResult['outcome']): ApplyResult => ({
  outcome,
  written: [],
  changed: [],
  before: [],
  after: [],
});

describe('the apply screen reducer', () => {
  it('starts with every phase pending, in pipeline order', () => {
    const s = initialApplyState();
    expect(s.stage).toBe('running');
    expect(s.phases.map((p) => p.key)).toEqual([
      'write',
      'daemon-reload',
      'enable',
      'kube-apiserver/start',
      'kube-apiserver/wait',
      'kube-controller-manager/start',
      'kube-controller-manager/wait',
      'kube-scheduler/start',
      'kube-scheduler/wait',
    ]);
    expect(s.phases.every((p) => p.status === 'pending')).toBe(true);
  });

  it('marks phases running, done and skipped, and follows the unit being started', () => {
    const s = fold([
      { type: 'phase-skipped', phase: { name: 'write' }, reason: 'unchanged' },
      { type: 'phase-start', phase: { name: 'start', component: 'kube-apiserver' }, detail: 'restart' },
      { type: 'phase-done', phase: { name: 'start', component: 'kube-apiserver' }, detail: 'restart' },
      { type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } },
    ]);
    const byKey = Object.fromEntries(s.phases.map((p) => [p.key, p]));
    expect(byKey.write?.status).toBe('skipped');
    expect(byKey.write?.skipReason).toBe('unchanged');
    expect(byKey['kube-apiserver/start']).toMatchObject({ status: 'done', detail: 'restart' });
    expect(byKey['kube-apiserver/wait']?.status).toBe('running');
    expect(s.liveUnits).toEqual(['kube-apiserver.service']);
    // once it is healthy its journal leaves the pane
    const after = applyReducer(s, {
      type: 'phase-done',
      phase: { name: 'wait', component: 'kube-apiserver' },
    });
    expect(after.liveUnits).toEqual([]);
  });

  it('follows the controller-manager and the scheduler at once, each until its own wait ends', () => {
    let s = fold([
      {
        type: 'phase-start',
        phase: { name: 'start', component: 'kube-controller-manager' },
        detail: 'start',
      },
      { type: 'phase-start', phase: { name: 'start', component: 'kube-scheduler' }, detail: 'start' },
    ]);
    expect(s.liveUnits).toEqual(['kube-controller-manager.service', 'kube-scheduler.service']);
    s = applyReducer(s, { type: 'phase-done', phase: { name: 'wait', component: 'kube-scheduler' } });
    expect(s.liveUnits).toEqual(['kube-controller-manager.service']);
  });

  it('follows no journal for a unit left running: only its health is checked', () => {
    const s = fold([
      { type: 'phase-skipped', phase: { name: 'start', component: 'kube-scheduler' }, reason: 'running' },
      { type: 'phase-start', phase: { name: 'wait', component: 'kube-scheduler' } },
    ]);
    expect(s.liveUnits).toEqual([]);
  });

  it('ignores journal lines and commands (they do not re-render the screen)', () => {
    const s0 = initialApplyState();
    expect(applyReducer(s0, { type: 'journal', unit: 'x', lines: [line(1)] })).toBe(s0);
    expect(applyReducer(s0, { type: 'command', argv: ['systemctl'], exitCode: 0, stderr: '' })).toBe(s0);
  });

  it('keeps the failure and moves to the failed stage; a rollback goes through rolling-back to rolled-back', () => {
    const failure = {
      phase: { name: 'wait' as const, component: 'kube-apiserver' as const },
      component: 'kube-apiserver' as const,
      unit: 'kube-apiserver.service',
      state: unitState('kube-apiserver.service', { activeState: 'failed' }),
      diagnosis: { cause: 'unknown-flag' as const, params: { flag: '--x' } },
      lastLines: [line(1)],
      since: 0,
    };
    let s = fold([
      { type: 'failed', failure },
      { type: 'finished', result: { ...result('failed'), failure } },
    ]);
    expect(s.stage).toBe('failed');
    expect(s.failure?.diagnosis.params.flag).toBe('--x');
    s = applyReducer(s, { type: 'rollback-start' });
    expect(s.stage).toBe('rolling-back');
    s = applyReducer(s, {
      type: 'rollback-file',
      path: '/etc/kubernetes/apiserver',
      action: 'restored',
      from: 'b',
    });
    s = applyReducer(s, { type: 'rollback-done', ok: true, after: [] });
    expect(s.stage).toBe('rolled-back');
    expect(s.rollbackOk).toBe(true);
    expect(s.rollback).toHaveLength(2);
  });

  it('after a healthy run waits for the status table, then is done', () => {
    let s = fold([{ type: 'finished', result: result('healthy') }, { type: 'checking' }]);
    expect(s.stage).toBe('checking');
    s = applyReducer(s, {
      type: 'status',
      report: { version: '1.13', rows: [], leaders: [], componentStatuses: null, notes: [], healthy: true },
    });
    expect(s.stage).toBe('done');
  });

  it('a retry starts over: every phase pending, no unit followed', () => {
    let s = fold([{ type: 'phase-start', phase: { name: 'start', component: 'kube-apiserver' } }]);
    s = applyReducer(s, { type: 'retry' });
    expect(s.liveUnits).toEqual([]);
    expect(s.phases.every((p) => p.status === 'pending')).toBe(true);
  });
});

describe('the journal buffer', () => {
  it('keeps the newest lines of each unit within its capacity and counts them all', () => {
    const b = new JournalBuffer(5);
    b.push(
      'a',
      [1, 2, 3].map((i) => line(i, 'a')),
    );
    b.push(
      'a',
      [4, 5, 6, 7].map((i) => line(i, 'a')),
    );
    b.push('b', [line(100, 'b')]);
    expect(b.tail('a', 3).map((l) => l.id)).toEqual([5, 6, 7]);
    expect(b.tail('a', 50).map((l) => l.id)).toEqual([3, 4, 5, 6, 7]);
    expect(b.total('a')).toBe(7);
    expect(b.tail('b', 5).map((l) => l.id)).toEqual([100]);
    expect(b.tail('none', 5)).toEqual([]);
  });

  it('takes a batch larger than its capacity', () => {
    const b = new JournalBuffer(4);
    b.push(
      'a',
      Array.from({ length: 10 }, (_, i) => line(i, 'a')),
    );
    expect(b.tail('a', 4).map((l) => l.id)).toEqual([6, 7, 8, 9]);
    expect(b.total('a')).toBe(10);
  });
});

describe('the apply controller', () => {
  it('batches: subscribers hear of many journal batches once per flush, and a finished unit becomes a block', async () => {
    vi.useFakeTimers();
    try {
      let notified = 0;
      let finish: () => void = () => {};
      const controller = createApplyController(
        {
          run: (emit) =>
            new Promise((resolve) => {
              emit({ type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } });
              for (let i = 0; i < 1000; i++)
                emit({ type: 'journal', unit: 'kube-apiserver.service', lines: [line(i)] });
              finish = () => {
                emit({ type: 'phase-done', phase: { name: 'wait', component: 'kube-apiserver' } });
                const r = result('healthy');
                emit({ type: 'finished', result: r });
                resolve(r);
              };
            }),
        },
        { flushMs: 50 },
      );
      controller.subscribe(() => notified++);
      const run = controller.start();
      // a thousand batches, and nobody hears of them before the flush interval is over
      await vi.advanceTimersByTimeAsync(49);
      expect(notified).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(notified).toBe(1);
      // the end of the run is said at once; the unit's journal leaves the pane
      finish();
      await run;
      expect(notified).toBe(2);
      expect(controller.getSnapshot().state.liveUnits).toEqual([]);
      expect(controller.journal.total('kube-apiserver.service')).toBe(1000);
      controller.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks for the status table once the run says every unit is healthy, before the run has ended, and only once', async () => {
    const order: string[] = [];
    const report = {
      version: '1.13',
      rows: [],
      leaders: [],
      componentStatuses: null,
      notes: [],
      healthy: true,
    };
    const controller = createApplyController({
      run: async (_emit, _signal, healthy) => {
        healthy?.();
        await new Promise((r) => setTimeout(r, 20));
        order.push('run ended');
        return result('healthy');
      },
      status: async () => {
        order.push('status asked');
        return report;
      },
    });
    await controller.start();
    expect(order).toEqual(['status asked', 'run ended']);
    expect(controller.getSnapshot().state.report).toBe(report);
  });

  it('cancel aborts the signal the run was given', async () => {
    let seen: AbortSignal | null = null;
    const controller = createApplyController({
      run: (_emit, signal) =>
        new Promise((resolve) => {
          seen = signal;
          signal.addEventListener('abort', () => resolve(result('cancelled')));
        }),
    });
    const pending = controller.start();
    controller.cancel();
    expect((await pending).outcome).toBe('cancelled');
    expect((seen as AbortSignal | null)?.aborted).toBe(true);
  });
});
