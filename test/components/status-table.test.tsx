import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

import { StatusTable } from '../../components/StatusTable.js';
import { translator } from '../../src/i18n/index.js';
import type { StatusReport, StatusRow } from '../../src/status/types.js';
import { mount } from './harness.js';

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const plain = (s: string | undefined) => (s ?? '').replace(ANSI, '');

const row = (patch: Partial<StatusRow>): StatusRow => ({
  kind: 'kube-apiserver',
  name: 'kube-apiserver',
  unit: 'kube-apiserver.service',
  unitState: 'active (running)',
  endpoint: 'https://192.168.50.101:6443/healthz',
  health: 'healthy',
  message: '200 ok',
  latencyMs: 12,
  ...patch,
});

const report: StatusReport = {
  version: '1.13',
  rows: [
    row({
      kind: 'etcd',
      name: 'etcd-0 192.168.50.101:2379',
      unit: null,
      unitState: null,
      endpoint: 'https://192.168.50.101:2379/health',
      message: '{"health":"true"}',
    }),
    row({
      kind: 'etcd',
      name: 'etcd-1 192.168.50.102:2379',
      unit: null,
      unitState: null,
      endpoint: 'https://192.168.50.102:2379/health',
      health: 'unhealthy',
      message: `ECONNREFUSED: connect ECONNREFUSED 192.168.50.102:2379 ${'and more '.repeat(30)}`,
    }),
    row({
      auth: 'the client certificate of kube-controller-manager (/etc/kubernetes/ssl/kube-controller-manager.pem)',
    }),
    row({
      kind: 'kube-scheduler',
      name: 'kube-scheduler',
      unitState: 'activating (auto-restart)',
      endpoint: 'https://127.0.0.1:10259/healthz',
      health: 'unknown',
      message: '403 Forbidden',
    }),
  ],
  leaders: [{ lock: 'kube-scheduler', kind: 'Lease', holder: 'master-101_abc', message: '' }],
  componentStatuses: null,
  notes: ['kubectl get cs is not shown: deprecated'],
  healthy: false,
};

describe('the status table', () => {
  it('has a header and one row per member and component, each within the width at 80 and 120 columns', () => {
    for (const width of [80, 120]) {
      const { lastFrame } = mount(<StatusTable t={translator('en')} report={report} width={width} />);
      const rows = plain(lastFrame()).split('\n');
      expect(rows[0]).toBe('Component status (Kubernetes 1.13)');
      expect(rows[1]).toMatch(/^NAME +UNIT +HEALTH +MESSAGE$/);
      // whole at 120; at 80 the wide unit column of a restarting unit leaves it 13 columns
      expect(rows[2]).toMatch(
        width === 120
          ? /^etcd-0 192\.168\.50\.101:2379 +- +Healthy +\{"health":"true"\}$/
          : /^etcd-0 192\.168\.50\.101:2379 +- +Healthy +\{"health":"t.*…$/,
      );
      expect(rows[3]).toMatch(/^etcd-1 .* Unhealthy +ECONNREFUSED/);
      expect(rows[5]).toMatch(/^kube-scheduler +activating \(auto-restart\) +Unknown +403 Forbidden$/);
      for (const r of rows) expect(r.length, r).toBeLessThanOrEqual(width);
      // the long message gives way, with a mark where it was cut
      expect(rows[3]!.endsWith('…')).toBe(true);
      const text = plain(lastFrame());
      expect(text).toContain('kube-apiserver probed with the client certificate of kube-controller-manager');
      expect(text).toContain('kube-scheduler: master-101_abc (Lease)');
      expect(text).toContain('kubectl get cs is not shown: deprecated');
      expect(text).toContain('Not every component is healthy.');
    }
  });

  it('puts kubectl get cs on one line', () => {
    const cs = [
      { name: 'scheduler', healthy: true, message: 'ok' },
      { name: 'controller-manager', healthy: true, message: 'ok' },
      { name: 'etcd-0', healthy: false, message: 'dial tcp: refused' },
    ];
    const { lastFrame } = mount(
      <StatusTable t={translator('en')} report={{ ...report, componentStatuses: cs }} width={100} />,
    );
    expect(plain(lastFrame())).toContain(
      'kubectl get cs: scheduler Healthy  controller-manager Healthy  etcd-0 Unhealthy',
    );
  });

  it('colours health: green healthy, red unhealthy, yellow unknown', () => {
    const { lastFrame } = mount(<StatusTable t={translator('en')} report={report} width={120} />);
    const rows = (lastFrame() ?? '').split('\n');
    expect(rows[2]).toContain(`${ESC}[32mHealthy`);
    expect(rows[3]).toContain(`${ESC}[31mUnhealthy`);
    expect(rows[5]).toContain(`${ESC}[33mUnknown`);
  });

  it('speaks Chinese', () => {
    const { lastFrame } = mount(
      <StatusTable t={translator('zh')} report={{ ...report, healthy: true }} width={120} />,
    );
    const text = plain(lastFrame());
    expect(text).toContain('组件状态(Kubernetes 1.13)');
    expect(text).toMatch(/名称 +服务 +状态 +信息/);
    expect(text).toContain('不健康');
    expect(text).toContain('所有组件均健康。');
  });

  it('shows the pair behind the VIP: each master, who holds the VIP, the leases, haproxy’s view', () => {
    const probe = (url: string, health: 'healthy' | 'unhealthy') => ({
      health,
      endpoint: url,
      message: health === 'healthy' ? '200 ok' : 'ECONNREFUSED',
      latencyMs: 9,
    });
    const ha: StatusReport['ha'] = {
      vip: '192.168.50.100',
      port: 8443,
      url: 'https://192.168.50.100:8443',
      vipHolder: '192.168.50.102',
      throughVip: probe('https://192.168.50.100:8443/readyz', 'healthy'),
      masters: [
        {
          address: '192.168.50.101',
          self: false,
          apiserver: probe('https://192.168.50.101:6443/readyz', 'unhealthy'),
          holdsVip: false,
          leases: [],
          backend: 'DOWN (L4CON)',
        },
        {
          address: '192.168.50.102',
          self: true,
          apiserver: probe('https://192.168.50.102:6443/readyz', 'healthy'),
          holdsVip: true,
          leases: ['kube-controller-manager', 'kube-scheduler'],
          backend: 'UP (L7OK)',
        },
      ],
      haproxyError: null,
    };
    const leaders = [
      {
        lock: 'kube-scheduler',
        kind: 'Lease' as const,
        holder: 'kmw-master-102_abc',
        master: '192.168.50.102',
        message: '',
      },
    ];
    for (const lang of ['en', 'zh'] as const) {
      const { lastFrame } = mount(
        <StatusTable t={translator(lang)} report={{ ...report, leaders, ha }} width={100} />,
      );
      const frame = lastFrame() ?? '';
      const text = plain(frame);
      expect(text).toContain(
        lang === 'en'
          ? 'The masters behind https://192.168.50.100:8443 (the VIP is on 192.168.50.102; * is this master):'
          : 'https://192.168.50.100:8443 后面的 master(VIP 在 192.168.50.102 上;* 为本机):',
      );
      expect(text).toMatch(/192\.168\.50\.101 +\S+ +- +- +DOWN \(L4CON\)/);
      expect(text).toMatch(
        /192\.168\.50\.102 \* +\S+ +\S+ +kube-controller-manager, kube-scheduler +UP \(L7OK\)/,
      );
      expect(text).toContain(
        lang === 'en'
          ? 'kube-scheduler: kmw-master-102_abc (Lease) master 192.168.50.102'
          : 'kube-scheduler:kmw-master-102_abc(Lease)master 192.168.50.102',
      );
      // the apiserver's health in its colour
      expect(frame).toContain(`${ESC}[31m${lang === 'en' ? 'Unhealthy' : '不健康'}`);
      for (const r of text.split('\n')) expect(r.length, r).toBeLessThanOrEqual(100);
    }
  });
});
