import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  // styles on, to see which part of a changed line is marked
  process.env.FORCE_COLOR = '1';
});

import { ReviewScreen } from '../../components/ReviewScreen.js';
import type { PlannedFile } from '../../src/apply/plan.js';
import { displayWidth } from '../../src/format/width.js';
import { translator } from '../../src/i18n/index.js';
import { reviewDoc } from '../../src/wizard/review.js';
import { REVIEW_BUTTONS } from '../../src/wizard/rows.js';
import type { ReviewDoc } from '../../src/wizard/types.js';
import { mount } from './harness.js';

afterEach(cleanup);

const doc: ReviewDoc = {
  changed: 2,
  commands: [['systemctl', 'daemon-reload']],
  lines: [
    { kind: 'heading', key: 'wizard.review.files', params: { changed: 2, total: 3 } },
    {
      kind: 'file',
      path: '/etc/kubernetes/apiserver',
      target: '/r/etc/kubernetes/apiserver',
      action: 'update',
      mode: '0644',
      oldMode: '0644',
    },
    { kind: 'backup', path: '/r/etc/kubernetes/apiserver.bak-<UTC>' },
    { kind: 'hunk', text: '@@ -1,2 +1,2 @@' },
    { kind: 'del', text: 'KUBE_API_PORT="--secure-port=6443"' },
    { kind: 'add', text: 'KUBE_API_PORT="--secure-port=7443"' },
    {
      kind: 'file',
      path: '/etc/kubernetes/scheduler.kubeconfig',
      target: '/r/etc/kubernetes/scheduler.kubeconfig',
      action: 'mode',
      mode: '0600',
      oldMode: '0644',
    },
    {
      kind: 'file',
      path: '/etc/kubernetes/scheduler',
      target: '/r/etc/kubernetes/scheduler',
      action: 'unchanged',
      mode: '0644',
      oldMode: '0644',
    },
    { kind: 'blank' },
    {
      kind: 'dropped',
      component: 'kube-apiserver',
      flag: '--enable-swagger-ui',
      reason: 'removed',
      since: '1.24',
    },
    { kind: 'heading', key: 'wizard.review.commands' },
    { kind: 'cmd', text: 'systemctl daemon-reload' },
  ],
};

describe('the review screen', () => {
  it('shows each file as a diff with its mode, the backup, and the commands', () => {
    const f = mount(
      <ReviewScreen
        t={translator('en')}
        review={doc}
        scroll={0}
        viewport={20}
        buttons={REVIEW_BUTTONS}
        focus={0}
        onHost={false}
        root="/r"
        width={110}
      />,
    ).frame();
    expect(f).toContain('Files: 2 of 3 change');
    expect(f).toContain('/etc/kubernetes/apiserver  (changed, mode 0644)');
    expect(f).toContain('the file there now is kept as /r/etc/kubernetes/apiserver.bak-<UTC>');
    expect(f).toContain('- KUBE_API_PORT="--secure-port=6443"');
    expect(f).toContain('+ KUBE_API_PORT="--secure-port=7443"');
    expect(f).toContain('(mode changed, mode 0644 → 0600)');
    expect(f).toContain('--enable-swagger-ui (kube-apiserver) — removed in 1.24');
    expect(f).toContain('$ systemctl daemon-reload');
    expect(f).toContain('Write the files under /r');
    expect(f).toContain('Save without applying');
  });

  it('shows only the lines that fit, and where they are', () => {
    const f = mount(
      <ReviewScreen
        t={translator('en')}
        review={doc}
        scroll={3}
        viewport={4}
        buttons={REVIEW_BUTTONS}
        focus={1}
        onHost={true}
        root="/"
        width={80}
      />,
    ).frame();
    expect(f).not.toContain('Files: 2 of 3 change');
    expect(f).toContain('@@ -1,2 +1,2 @@');
    expect(f).not.toContain('scheduler  (unchanged');
    expect(f).toContain('lines 4–7 of 12');
    expect(f).toContain('Apply: write the files, start the units');
  });

  it('speaks Chinese', () => {
    const f = mount(
      <ReviewScreen
        t={translator('zh')}
        review={doc}
        scroll={0}
        viewport={20}
        buttons={REVIEW_BUTTONS}
        focus={0}
        onHost={false}
        root="/r"
        width={110}
      />,
    ).frame();
    expect(f).toContain('文件:3 个中有 2 个有变化');
    expect(f).toContain('/etc/kubernetes/apiserver(修改,权限 0644)');
    expect(f).toContain('现有文件将备份为 /r/etc/kubernetes/apiserver.bak-<UTC>');
    expect(f).toContain('把文件写到 /r 下');
    expect(f).toContain('只保存,不应用');
  });

  it('says it is reading the disk before the plan is there', () => {
    const f = mount(
      <ReviewScreen
        t={translator('en')}
        review={null}
        scroll={0}
        viewport={4}
        buttons={REVIEW_BUTTONS}
        focus={0}
        onHost={false}
        root="/r"
        width={80}
      />,
    ).frame();
    expect(f).toContain('Reading the files on disk…');
  });
});

describe('long and changed lines in the review', () => {
  const before = [
    'KUBE_ETCD_SERVERS="--etcd-servers=https://192.168.50.101:2379,https://192.168.50.102:2379,https://192.168.50.1:2379"',
    'KUBE_API_ARGS="--anonymous-auth=false \\',
    '--service-node-port-range=30000-50000 \\',
    '--v=2"',
    '',
  ].join('\n');
  const planned: PlannedFile = {
    path: '/etc/kubernetes/apiserver',
    target: '/etc/kubernetes/apiserver',
    content: before.replace('30000-50000', '30000-32767'),
    mode: 0o644,
    kind: 'envfile',
    component: 'kube-apiserver',
    current: { content: before, mode: 0o644 },
    action: 'update',
  };
  const wide: PlannedFile = { ...planned, current: null, action: 'create' };
  const screen = (review: ReviewDoc, lang: 'en' | 'zh', width: number) =>
    mount(
      <ReviewScreen
        t={translator(lang)}
        review={review}
        scroll={0}
        viewport={30}
        buttons={REVIEW_BUTTONS}
        focus={0}
        onHost
        root="/"
        width={width}
      />,
    );

  it('wraps a long line at 80 and 120 columns, each next row marked, nothing cut', () => {
    const review = reviewDoc([wide], [], []);
    for (const width of [80, 120])
      for (const lang of ['en', 'zh'] as const) {
        const rows = screen(review, lang, width).frame().split('\n');
        for (const r of rows) expect(displayWidth(r), r).toBeLessThanOrEqual(width);
        const first = rows.findIndex((r) => r.startsWith('+ KUBE_ETCD_SERVERS='));
        const line = [rows[first]!.slice(2)];
        for (let i = first + 1; rows[i]?.startsWith('+↪'); i++) line.push(rows[i]!.slice(2));
        if (width === 80) expect(line.length).toBeGreaterThan(1);
        expect(line.join('')).toBe(before.split('\n')[0]);
      }
  });

  it('shows a removed flag as a removed line, with the value that changed marked on both sides', () => {
    const review = reviewDoc([planned], [], []);
    const m = screen(review, 'en', 100);
    const f = m.frame();
    expect(f).toContain('- --service-node-port-range=30000-50000 \\');
    expect(f).toContain('+ --service-node-port-range=30000-32767 \\');
    expect(f).not.toMatch(/^---service/m);
    // the changed value, and only it, in inverse on each side
    const styled = m.lastFrame() ?? '';
    const inverse = (text: string) => new RegExp(`\u001b\\[7m(\u001b\\[1m)?${text}\u001b\\[22m`);
    expect(styled).toMatch(/- --service-node-port-range=30000-\u001b\[7m/);
    expect(styled).toMatch(inverse('50000'));
    expect(styled).toMatch(/\+ --service-node-port-range=30000-\u001b\[7m/);
    expect(styled).toMatch(inverse('32767'));
  });
});
