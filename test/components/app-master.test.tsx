import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../components/App.js';
import { createApplyController } from '../../src/apply/controller.js';
import type { ApplyEvent, ApplyResult } from '../../src/apply/events.js';
import { translator } from '../../src/i18n/index.js';
import { SEED } from '../../src/model/seed.js';
import type { PreflightReport } from '../../src/preflight/types.js';
import { draftFrom } from '../../src/wizard/draft.js';
import { kit } from '../../src/wizard/kit.js';
import type { Services } from '../../src/wizard/services.js';
import type { State } from '../../src/wizard/state.js';
import type { Event, Request } from '../../src/wizard/types.js';
import { testHost, testState } from '../unit/wizard-helpers.js';
import { mount } from './harness.js';

afterEach(cleanup);

const seed = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
};

const report = (errors: number): PreflightReport => ({
  checks: [
    { name: 'root', severity: 'error', status: 'pass', message: { key: 'preflight.root.ok' } },
    ...Array.from({ length: errors }, (_, i) => ({
      name: `systemd-${i}`,
      severity: 'error' as const,
      status: 'fail' as const,
      message: { key: 'preflight.systemd.not' as const },
      fix: { key: 'preflight.fix.systemd' as const },
    })),
  ],
});

const healthy: ApplyEvent[] = [
  { type: 'phase-done', phase: { name: 'write' } },
  { type: 'phase-done', phase: { name: 'daemon-reload' } },
  ...(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const).flatMap(
    (component): ApplyEvent[] => [
      { type: 'phase-done', phase: { name: 'enable', component } },
      { type: 'phase-done', phase: { name: 'start', component }, detail: 'start' },
      { type: 'phase-done', phase: { name: 'wait', component }, detail: 'ok' },
    ],
  ),
];

/** Services of a master where the checks and the pipeline are stand-ins with known answers. */
function masterServices(preflightErrors: number, runs: string[]): Services {
  return {
    async run(req: Request): Promise<Event[]> {
      runs.push(req.kind);
      switch (req.kind) {
        case 'begin':
          return [
            { type: 'KIT', kit },
            {
              type: 'BEGUN',
              id: req.id,
              payload: { draft: draftFrom(seed, { version: '1.13' }), origin: { kind: 'new' } },
            },
          ];
        case 'preflight':
          return [{ type: 'PREFLIGHTED', id: req.id, report: report(preflightErrors) }];
        case 'plan':
          return [
            {
              type: 'PLANNED',
              id: req.id,
              review: {
                lines: [{ kind: 'heading', key: 'wizard.review.files', params: { changed: 6, total: 6 } }],
                changed: 6,
                commands: [],
              },
            },
          ];
        case 'apply': {
          const result: ApplyResult = { outcome: 'healthy', written: [], changed: [], before: [], after: [] };
          const controller = createApplyController(
            {
              run: async (emit) => {
                for (const e of healthy) emit(e);
                emit({ type: 'finished', result });
                return result;
              },
            },
            { flushMs: 5 },
          );
          return [
            {
              type: 'APPLY_READY',
              id: req.id,
              controller: { ...controller, start: async () => controller.start() },
            },
          ];
        }
        default:
          return [
            {
              type: 'FAILED',
              id: req.id,
              notice: { tone: 'error', key: 'wizard.error', params: { error: req.kind } },
            },
          ];
      }
    },
  };
}

function master(preflightErrors: number) {
  const runs: string[] = [];
  let exit: { code: number; state: State } | null = null;
  const m = mount(
    <App
      t={translator('en')}
      initial={testState({
        caps: { preflight: true, pipeline: true },
        host: testHost({ isRoot: true, systemd: true, mode: { kind: 'master' } }),
      })}
      services={masterServices(preflightErrors, runs)}
      connect={() => () => {}}
      onExit={(code, state) => {
        exit = { code, state };
      }}
    />,
  );
  return { m, runs, exited: () => exit as { code: number; state: State } | null };
}

describe('on a master', () => {
  it('checks before the review, then hands over to the apply pipeline and goes on when it is healthy', async () => {
    const { m, runs } = master(0);
    await m.press('enter');
    await m.waitFor('What must change on this master');
    for (let i = 0; i < 7; i++) await m.press('tab');
    await m.press('enter');
    await m.waitFor('What stays fixed, and why');
    await m.press('enter');
    await m.waitFor('Two masters behind a VIP (optional)');
    await m.press('enter');
    await m.waitFor('Checks before writing');
    await m.waitFor('No error: go on to the review.');
    await m.press('enter');
    await m.waitFor('Files: 6 of 6 change');
    expect(m.frame()).toContain('Apply: write the files, start the units');
    await m.press('enter');
    await m.waitFor('Apply');
    await m.waitFor((f) => f.includes('Continue ▸'));
    await m.press('enter');
    await m.waitFor('Save the answers');
    expect(runs).toEqual(['begin', 'preflight', 'plan', 'apply']);
    // every screen of the journey, each waited for: longer than one test's default on a loaded machine
  }, 30_000);

  it('does not go on while a preflight error remains, and Esc goes back to the answers', async () => {
    const { m } = master(1);
    await m.press('enter');
    await m.waitFor('What must change on this master');
    for (let i = 0; i < 7; i++) await m.press('tab');
    await m.press('enter');
    await m.waitFor('What stays fixed, and why');
    await m.press('enter');
    await m.waitFor('Two masters behind a VIP (optional)');
    await m.press('enter');
    await m.waitFor('systemd-0');
    await m.press('enter');
    expect(m.frame()).toContain('Checks before writing');
    await m.press('esc');
    await m.waitFor('Two masters behind a VIP (optional)');
  });
});
