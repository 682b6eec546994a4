import { describe, expect, it } from 'vitest';
import { ApplyScreen, ApplyView } from '../../components/ApplyScreen.js';
import { createApplyController } from '../../src/apply/controller.js';
import type { ApplyEvent, ApplyResult, Failure } from '../../src/apply/events.js';
import type { LogLine } from '../../src/apply/klog.js';
import { applyReducer, initialApplyState } from '../../src/apply/state.js';
import { translator } from '../../src/i18n/index.js';
import { waitUntil } from '../wait.js';
import { mount } from './harness.js';

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const plain = (s: string | undefined) => (s ?? '').replace(ANSI, '');

let id = 0;
const line = (text: string, severity: LogLine['severity'] = 'I'): LogLine => ({
  id: ++id,
  unit: 'kube-apiserver.service',
  time: Date.UTC(2026, 10, 25, 21, 40),
  severity,
  fromSystemd: false,
  text,
});

const FATAL =
  'F1125 21:40:00.100000    1234 serve.go:116] failed to create listener: failed to listen on 192.168.50.101:6443: listen tcp 192.168.50.101:6443: bind: address already in use';

const failure: Failure = {
  phase: { name: 'wait', component: 'kube-apiserver' },
  component: 'kube-apiserver',
  unit: 'kube-apiserver.service',
  state: {
    unit: 'kube-apiserver.service',
    loadState: 'loaded',
    activeState: 'failed',
    subState: 'failed',
    result: 'exit-code',
    unitFileState: 'enabled',
    mainPid: 0,
    nRestarts: 2,
    execMainStatus: 1,
    invocationId: 'x',
  },
  diagnosis: {
    cause: 'address-in-use',
    params: { address: '192.168.50.101:6443', port: '6443' },
    evidence: FATAL,
  },
  lastLines: [line('I1125 21:40:00.000000    1234 server.go:146] Version: v1.13.12'), line(FATAL, 'F')],
  since: Date.UTC(2026, 10, 25, 21, 40),
};

const result = (outcome: ApplyResult['outcome'], f?: Failure): ApplyResult => ({
  outcome,
  written: [],
  changed: [],
  before: [],
  after: [],
  ...(f ? { failure: f } : {}),
});

const failedEvents: ApplyEvent[] = [
  { type: 'phase-done', phase: { name: 'write' } },
  { type: 'phase-done', phase: { name: 'daemon-reload' } },
  { type: 'phase-done', phase: { name: 'enable', component: 'kube-apiserver' } },
  { type: 'phase-done', phase: { name: 'start', component: 'kube-apiserver' }, detail: 'restart' },
  { type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } },
  { type: 'phase-failed', phase: { name: 'wait', component: 'kube-apiserver' } },
  { type: 'failed', failure },
  { type: 'finished', result: result('failed', failure) },
];

describe('the apply screen', () => {
  it('after a failure shows the last lines, the cause, the fix and the three choices (English)', () => {
    const state = failedEvents.reduce(applyReducer, initialApplyState());
    const { lastFrame } = mount(
      <ApplyView
        t={translator('en')}
        state={state}
        journal={[]}
        journalTotal={0}
        paneHeight={8}
        width={100}
        onChoice={() => {}}
      />,
    );
    const text = plain(lastFrame());
    expect(text).toContain('✘ Wait until kube-apiserver is active and healthy');
    expect(text).toContain('kube-apiserver.service did not become healthy: failed (failed, exit-code).');
    expect(text).toContain('Last lines of journalctl -u kube-apiserver.service:');
    expect(text).toContain('F1125 21:40:00.100000    1234 serve.go:116] failed to create listener');
    expect(text).toContain('Cause: Another process already listens on 192.168.50.101:6443.');
    expect(text).toContain('Fix: Find it with: ss -ltnp "sport = :6443"');
    expect(text).toContain('Edit the answers and retry');
    expect(text).toContain('Roll back to the files and units as they were');
    expect(text).toContain('Quit and leave the host as it is');
  });

  it('shows the same failure in Chinese', () => {
    const state = failedEvents.reduce(applyReducer, initialApplyState());
    const { lastFrame } = mount(
      <ApplyView
        t={translator('zh')}
        state={state}
        journal={[]}
        journalTotal={0}
        paneHeight={8}
        width={100}
        onChoice={() => {}}
      />,
    );
    const text = plain(lastFrame());
    expect(text).toContain('✘ 等待 kube-apiserver 运行且健康');
    expect(text).toContain('journalctl -u kube-apiserver.service 的最后几行:');
    expect(text).toContain('原因:已有其他进程监听 192.168.50.101:6443。');
    expect(text).toContain('解决:用 ss -ltnp "sport = :6443" 找到它');
    expect(text).toContain('修改应答后重试');
    expect(text).toContain('回滚到之前的文件和服务状态');
    expect(text).toContain('退出,保持主机现状');
  });

  it('while a unit starts, shows its journal in a pane that never grows past its height', () => {
    const state = [
      { type: 'phase-done', phase: { name: 'write' } },
      { type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } },
    ].reduce((s, e) => applyReducer(s, e as ApplyEvent), initialApplyState());
    const journal = Array.from({ length: 6 }, (_, i) =>
      line(`I1125 21:40:00.000000    1234 x.go:${i}] line ${i}`),
    );
    const small = plain(
      mount(
        <ApplyView
          t={translator('en')}
          state={state}
          journal={journal}
          journalTotal={6}
          paneHeight={6}
          width={80}
        />,
      ).lastFrame(),
    );
    const many = Array.from({ length: 300 }, (_, i) =>
      line(`I1125 21:40:00.000000    1234 x.go:${i}] line ${i}`),
    );
    const big = plain(
      mount(
        <ApplyView
          t={translator('en')}
          state={state}
          journal={many}
          journalTotal={300}
          paneHeight={6}
          width={80}
        />,
      ).lastFrame(),
    );
    expect(big.split('\n')).toHaveLength(small.split('\n').length);
    expect(big).toContain('── journalctl -u kube-apiserver.service -f  (300) ──');
    expect(big).toContain('line 299');
    expect(big).not.toContain('line 293');
    expect(big).toContain('Ctrl-C stops waiting');
  });

  it('runs through a controller: the failure menu rolls back on choice', async () => {
    let rolledBack = 0;
    const controller = createApplyController(
      {
        run: async (emit) => {
          emit({ type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } });
          emit({ type: 'journal', unit: 'kube-apiserver.service', lines: [line(FATAL, 'F')] });
          for (const e of failedEvents.slice(5)) emit(e);
          return result('failed', failure);
        },
        rollback: async (_r, emit) => {
          rolledBack++;
          emit({
            type: 'rollback-file',
            path: '/etc/kubernetes/apiserver',
            action: 'restored',
            from: '/etc/kubernetes/apiserver.bak-1',
          });
          emit({ type: 'rollback-done', ok: true, after: [] });
          return { ok: true, after: [] };
        },
      },
      { flushMs: 10 },
    );
    const quit: unknown[] = [];
    const m = mount(
      <ApplyScreen
        t={translator('en')}
        controller={controller}
        onEdit={() => {}}
        onQuit={(r) => quit.push(r)}
        onDone={() => {}}
        paneHeight={5}
        width={100}
      />,
    );
    await m.waitFor('Cause: Another process already listens');
    await m.press('down'); // roll back
    await m.waitFor('❯ Roll back to the files');
    await m.press('enter');
    await m.waitFor('Rolled back: the files and units are as they were before.');
    expect(m.frame()).toContain('restored /etc/kubernetes/apiserver from /etc/kubernetes/apiserver.bak-1');
    expect(rolledBack).toBe(1);
    // after the rollback: edit or quit
    await m.press('down');
    await m.waitFor('❯ Quit and leave the host');
    await m.press('enter');
    await waitUntil(() => quit.length > 0, { intervalMs: 0, what: 'the quit choice' });
    expect(quit).toHaveLength(1);
  });

  it('Ctrl-C cancels the run and shows the state the host is left in', async () => {
    const controller = createApplyController(
      {
        run: (emit, signal) =>
          new Promise((resolve) => {
            emit({ type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } });
            signal.addEventListener('abort', () => {
              const after = [{ ...failure.state!, activeState: 'activating', subState: 'start' }];
              emit({ type: 'cancelled', written: [], after });
              const r = result('cancelled');
              emit({ type: 'finished', result: r });
              resolve(r);
            });
          }),
      },
      { flushMs: 10 },
    );
    const m = mount(
      <ApplyScreen
        t={translator('en')}
        controller={controller}
        onEdit={() => {}}
        onQuit={() => {}}
        onDone={() => {}}
        paneHeight={5}
        width={100}
      />,
    );
    await m.waitFor('Ctrl-C stops waiting');
    await m.press('ctrlC');
    await m.waitFor('Cancelled. Nothing more runs; this is where the host is:');
    expect(m.frame()).toContain('kube-apiserver.service: activating (start)');
  });
});
