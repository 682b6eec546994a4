import { readdirSync, readFileSync } from 'node:fs';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

import { ApplyView } from '../../components/ApplyScreen.js';
import { JournalPane } from '../../components/JournalPane.js';
import { StatusTable } from '../../components/StatusTable.js';
import { ColorContext, type Colors, FULL_COLORS, NO_COLORS } from '../../components/theme.js';
import type { ApplyEvent, Failure } from '../../src/apply/events.js';
import type { LogLine } from '../../src/apply/klog.js';
import { type ApplyViewState, applyReducer, initialApplyState } from '../../src/apply/state.js';
import { translator } from '../../src/i18n/index.js';
import type { StatusReport } from '../../src/status/types.js';
import { mount } from './harness.js';

// SGR colour parameters (foreground and background, 8, 16, 256 and true colour)
const COLOUR = /\u001b\[(3[0-8]|9[0-7]|4[0-8]|10[0-7])[;m]/;
const BOLD = /\u001b\[1m/;
const t = translator('en');

const line = (id: number, text: string, severity: LogLine['severity']): LogLine => ({
  id,
  unit: 'kube-apiserver.service',
  time: 0,
  severity,
  fromSystemd: false,
  text,
});
const lines = [
  line(1, 'I… serving', 'I'),
  line(2, 'W… slow', 'W'),
  line(3, 'E… refused', 'E'),
  line(4, 'F… gone', 'F'),
];

const failure: Failure = {
  phase: { name: 'wait', component: 'kube-apiserver' },
  component: 'kube-apiserver',
  unit: 'kube-apiserver.service',
  state: null,
  diagnosis: { cause: 'address-in-use', params: { address: '192.168.50.101:6443', port: '6443' } },
  lastLines: lines,
  since: 0,
};

const report: StatusReport = {
  version: '1.13',
  rows: (['healthy', 'unhealthy', 'unknown'] as const).map((health, i) => ({
    kind: 'kube-apiserver',
    name: `row-${i}`,
    unit: null,
    unitState: null,
    endpoint: 'https://127.0.0.1:6443/healthz',
    health,
    message: health,
    latencyMs: 1,
  })),
  leaders: [],
  componentStatuses: [{ name: 'scheduler', healthy: true, message: 'ok' }],
  notes: [],
  healthy: false,
};

const after = (...events: (ApplyEvent | Parameters<typeof applyReducer>[1])[]): ApplyViewState =>
  events.reduce(applyReducer, initialApplyState());

const running = after(
  { type: 'phase-done', phase: { name: 'write' } },
  { type: 'phase-start', phase: { name: 'wait', component: 'kube-apiserver' } },
);
const failed = after(
  { type: 'phase-done', phase: { name: 'write' } },
  { type: 'phase-failed', phase: { name: 'daemon-reload' } },
  { type: 'failed', failure },
);
const rolledBack = after(
  { type: 'failed', failure },
  { type: 'rollback-start' },
  { type: 'rollback-done', ok: true, after: [] },
);
const cancelled = after({ type: 'cancelled', written: [], after: [] });
const checked = after({ type: 'checking' }, { type: 'status', report });

const view = (state: ApplyViewState) => (
  <ApplyView
    t={t}
    state={state}
    journal={lines}
    journalTotal={4}
    paneHeight={6}
    width={100}
    onChoice={() => {}}
  />
);

const SCREENS: [string, ReactElement][] = [
  ['the apply screen while a unit starts', view(running)],
  ['the apply screen after a failure, with its menu', view(failed)],
  ['the apply screen after a rollback', view(rolledBack)],
  ['the apply screen after a cancel', view(cancelled)],
  ['the apply screen with the status table', view(checked)],
  ['the status table', <StatusTable key="s" t={t} report={report} width={100} />],
  ['the journal pane', <JournalPane key="j" lines={lines} height={4} width={80} />],
];

const frameWith = (colors: Colors, node: ReactElement) =>
  mount(<ColorContext.Provider value={colors}>{node}</ColorContext.Provider>).lastFrame() ?? '';

describe('the views follow the theme', () => {
  for (const [name, node] of SCREENS) {
    it(`${name}: in colour by default, in none with NO_COLOR`, () => {
      expect(frameWith(FULL_COLORS, node)).toMatch(COLOUR);
      expect(frameWith(NO_COLORS, node)).not.toMatch(COLOUR);
    });
  }

  it('keeps bold without colour, so the failure and the chosen item still stand out', () => {
    expect(frameWith(NO_COLORS, view(failed))).toMatch(BOLD);
  });

  it('no view names a colour of its own: every one comes from theme.tsx', () => {
    const dir = new URL('../../components/', import.meta.url);
    const named =
      /\b(color|backgroundColor)=["{]\s*['"]?(black|red|green|yellow|blue|magenta|cyan|white|gray|grey|#[0-9a-f]{3,6})/i;
    const literal = /['"](black|red|green|yellow|blue|magenta|cyan|white|gray|grey)(Bright)?['"]/;
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.tsx') && f !== 'theme.tsx')
      .flatMap((f) =>
        readFileSync(new URL(f, dir), 'utf8')
          .split('\n')
          .filter((l) => named.test(l) || literal.test(l))
          .map((l) => `${f}: ${l.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
