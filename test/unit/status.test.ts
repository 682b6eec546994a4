import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/format/width.js';
import { translator } from '../../src/i18n/index.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { collectStatus } from '../../src/status/collect.js';
import {
  componentEndpoints,
  componentStatusesTruthful,
  leaderLockPaths,
} from '../../src/status/endpoints.js';
import { formatStatus } from '../../src/status/format.js';
import { FakeHost } from './helpers/fake-host.js';

function answersFor(extra: Record<string, unknown> = {}) {
  const r = parseAnswers({
    advertiseAddress: '192.168.50.101',
    bindAddress: '192.168.50.101',
    securePort: 6443,
    etcdServers: [...SEED.etcdServers],
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.answers;
}
const a = answersFor();
const urls = (minor: number, c: Parameters<typeof componentEndpoints>[2]) =>
  componentEndpoints(a, minor, c).map((e) => e.url);

describe('health endpoints by version', () => {
  it('apiserver: /healthz before 1.16, /livez and /readyz from 1.16, on the bind address', () => {
    expect(urls(13, 'kube-apiserver')).toEqual(['https://192.168.50.101:6443/healthz']);
    expect(urls(15, 'kube-apiserver')).toEqual(['https://192.168.50.101:6443/healthz']);
    expect(urls(16, 'kube-apiserver')).toEqual([
      'https://192.168.50.101:6443/livez',
      'https://192.168.50.101:6443/readyz',
    ]);
    const all = answersFor({ bindAddress: '0.0.0.0' });
    expect(componentEndpoints(all, 13, 'kube-apiserver')[0]!.url).toBe('https://127.0.0.1:6443/healthz');
    expect(componentEndpoints(a, 13, 'kube-apiserver')[0]).toMatchObject({
      verify: true,
      caFile: '/etc/kubernetes/ssl/ca.pem',
    });
  });

  it('controller-manager: insecure 10252 before 1.12, secure 10257 from 1.12', () => {
    expect(urls(11, 'kube-controller-manager')).toEqual(['http://127.0.0.1:10252/healthz']);
    expect(urls(12, 'kube-controller-manager')).toEqual(['https://127.0.0.1:10257/healthz']);
    expect(urls(30, 'kube-controller-manager')).toEqual(['https://127.0.0.1:10257/healthz']);
  });

  it('scheduler: insecure 10251 before 1.13, secure 10259 from 1.13', () => {
    expect(urls(12, 'kube-scheduler')).toEqual(['http://127.0.0.1:10251/healthz']);
    expect(urls(13, 'kube-scheduler')).toEqual(['https://127.0.0.1:10259/healthz']);
  });

  it('get cs is truthful only before 1.19 with the scheduler on loopback', () => {
    expect(componentStatusesTruthful(a, 13)).toBe(true);
    expect(componentStatusesTruthful(a, 19)).toBe(false);
    expect(componentStatusesTruthful(answersFor({ scheduler: { bindAddress: '192.168.50.101' } }), 13)).toBe(
      false,
    );
  });

  it('leader locks: only the Endpoints annotation before 1.14, Endpoints first until 1.17, the Lease after', () => {
    expect(leaderLockPaths(11, 'kube-scheduler').map((l) => l.kind)).toEqual(['Endpoints']);
    expect(leaderLockPaths(13, 'kube-scheduler').map((l) => l.path)).toEqual([
      '/api/v1/namespaces/kube-system/endpoints/kube-scheduler',
    ]);
    expect(leaderLockPaths(16, 'kube-scheduler').map((l) => l.kind)).toEqual(['Endpoints', 'Lease']);
    expect(leaderLockPaths(24, 'kube-scheduler')[0]!.path).toBe(
      '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler',
    );
    // a lock the component was told to use comes first
    expect(
      leaderLockPaths(16, 'kube-scheduler', ['--leader-elect-resource-lock=leases']).map((l) => l.kind),
    ).toEqual(['Lease', 'Endpoints']);
  });
});

describe('the status table', () => {
  it('has a row per etcd member and component; all healthy when everything answers', async () => {
    const host = new FakeHost();
    for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) host.running(c);
    const report = await collectStatus({ answers: a, minor: 13, host, t: translator('en') });
    expect(report.rows.map((r) => r.name)).toEqual([
      'etcd-0 192.168.50.101:2379',
      'etcd-1 192.168.50.102:2379',
      'etcd-2 192.168.50.1:2379',
      'kube-apiserver',
      'kube-controller-manager',
      'kube-scheduler',
    ]);
    expect(report.rows.every((r) => r.health === 'healthy')).toBe(true);
    expect(report.healthy).toBe(true);
    const api = report.rows.find((r) => r.kind === 'kube-apiserver')!;
    expect(api.auth).toContain('kube-controller-manager');
    expect(api.unitState).toBe('active (running)');
  });

  it('marks a stopped unit and an unreachable etcd unhealthy, and explains why get cs is missing on 1.20+', async () => {
    const host = new FakeHost();
    host.etcdUp = false;
    host.running('kube-apiserver');
    const report = await collectStatus({ answers: a, minor: 20, host, t: translator('en') });
    expect(report.healthy).toBe(false);
    expect(report.rows[0]).toMatchObject({ health: 'unhealthy' });
    expect(report.rows[0]!.message).toContain('ECONNREFUSED');
    const kcm = report.rows.find((r) => r.kind === 'kube-controller-manager')!;
    expect(kcm).toMatchObject({ health: 'unhealthy', unitState: 'not-found' });
    expect(report.notes.join(' ')).toContain('deprecated from 1.19');
    expect(report.componentStatuses).toBeNull();
  });

  it('prints as an aligned table in both languages; -o wide adds the endpoint and the latency', async () => {
    const host = new FakeHost();
    for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) host.running(c);
    const report = await collectStatus({ answers: a, minor: 13, host, t: translator('zh') });
    const wide = formatStatus(report, translator('zh'), { width: 80, wide: true, overflow: 'wrap' });
    expect(wide[0]).toBe('组件状态(Kubernetes 1.13)');
    expect(wide[1]).toMatch(/^名称\s+服务\s+检查地址\s+状态\s+耗时\s+信息$/);
    expect(
      wide.some((l) =>
        /^kube-apiserver\s+active \(running\)\s+https:\/\/192\.168\.50\.101:6443\/healthz\s+健康\s+2ms\s+200 ok$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(wide.at(-1)).toBe('所有组件均健康。');
    const table = formatStatus(report, translator('zh'), { width: 80, wide: false, overflow: 'wrap' });
    expect(table[1]).toMatch(/^名称\s+服务\s+状态\s+信息$/);
    expect(table.some((l) => /^kube-apiserver\s+active \(running\)\s+健康\s+200 ok$/.test(l))).toBe(true);
  });

  it('fits the terminal: long messages wrap in their column at 80 and 120 columns, -o wide keeps them whole', async () => {
    const host = new FakeHost();
    host.etcdUp = false;
    host.running('kube-apiserver');
    const report = await collectStatus({ answers: a, minor: 13, host, t: translator('en') });
    const long = report.rows.find((r) => r.kind === 'kube-controller-manager')!.message;
    for (const width of [80, 120]) {
      for (const lang of ['en', 'zh'] as const) {
        const lines = formatStatus(report, translator(lang), { width, wide: false, overflow: 'wrap' });
        for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
      }
    }
    const table = formatStatus(report, translator('en'), { width: 80, wide: false, overflow: 'wrap' });
    const at = table.findIndex((l) => l.startsWith('kube-controller-manager'));
    const column = table[1]!.indexOf('MESSAGE');
    // the rest of the message continues under its column
    expect(table[at + 1]!.slice(0, column).trim()).toBe('');
    expect(table[at + 1]!.length).toBeGreaterThan(column);
    const wide = formatStatus(report, translator('en'), { width: 80, wide: true, overflow: 'wrap' });
    expect(wide.find((l) => l.startsWith('kube-controller-manager'))).toContain(long);
  });
});

describe('leader locks', () => {
  const ENDPOINTS = '/api/v1/namespaces/kube-system/endpoints/kube-controller-manager';
  const LEASE = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler';
  const endpointsObject = (record: Record<string, unknown> | null) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kube-controller-manager',
        namespace: 'kube-system',
        ...(record
          ? { annotations: { 'control-plane.alpha.kubernetes.io/leader': JSON.stringify(record) } }
          : {}),
      },
    });
  const master = () => {
    const host = new FakeHost();
    for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) host.running(c);
    return host;
  };
  const fresh = () => new Date(Date.now() - 1000).toISOString().replace(/\.\d+Z$/, 'Z');

  it('1.13 reads the holder from the Endpoints annotation, where that release keeps it', async () => {
    const host = master();
    const renewTime = fresh();
    host.apiObjects.set(ENDPOINTS, {
      status: 200,
      body: endpointsObject({ holderIdentity: 'master-101_abc', leaseDurationSeconds: 15, renewTime }),
    });
    const report = await collectStatus({ answers: a, minor: 13, host, t: translator('en') });
    expect(report.leaders[0]).toEqual({
      lock: 'kube-controller-manager',
      kind: 'Endpoints',
      holder: 'master-101_abc',
      message: `renewed ${renewTime}`,
    });
    // no Lease is asked for in 1.13: it has none
    expect(host.probes.some((u) => u.includes('coordination.k8s.io'))).toBe(false);
  });

  it('says "no leader recorded yet" only when no lock object exists', async () => {
    const host = master();
    host.apiObjects.set(LEASE, { status: 200, body: JSON.stringify({ kind: 'Lease', spec: {} }) });
    const report = await collectStatus({ answers: a, minor: 24, host, t: translator('en') });
    const [cm, sched] = report.leaders;
    expect(cm).toMatchObject({ holder: null, message: 'no leader recorded yet' });
    expect(sched).toMatchObject({ holder: null, message: 'the Lease lock exists but names no holder' });
    const lines = formatStatus(report, translator('en'), { width: 100, wide: false, overflow: 'wrap' });
    expect(lines).toContain('  kube-controller-manager: no leader recorded yet');
    expect(lines.join('\n')).not.toContain('unknown (-)');
  });

  it('an Endpoints object without the annotation, a refused read and an expired lock are each said so', async () => {
    const host = master();
    host.apiObjects.set(ENDPOINTS, { status: 200, body: endpointsObject(null) });
    host.apiObjects.set('/api/v1/namespaces/kube-system/endpoints/kube-scheduler', {
      status: 403,
      body: '{}',
    });
    let report = await collectStatus({ answers: a, minor: 13, host, t: translator('en') });
    expect(report.leaders.map((l) => l.message)).toEqual([
      'the Endpoints lock exists but names no holder',
      '403 Forbidden: the identity used may not read this',
    ]);
    host.apiObjects.set(ENDPOINTS, {
      status: 200,
      body: endpointsObject({
        holderIdentity: 'master-102_def',
        leaseDurationSeconds: 15,
        renewTime: '2020-01-01T00:00:00Z',
      }),
    });
    report = await collectStatus({ answers: a, minor: 13, host, t: translator('zh') });
    expect(report.leaders[0]).toMatchObject({ holder: 'master-102_def' });
    expect(report.leaders[0]!.message).toBe('自 2020-01-01T00:00:00Z 起未再更新:锁已过期,目前无人持有');
  });

  it('a component with leader election off has no lock to look for', async () => {
    const host = master();
    const off = answersFor({ scheduler: { leaderElect: false } });
    const report = await collectStatus({ answers: off, minor: 13, host, t: translator('en') });
    expect(report.leaders[1]).toMatchObject({
      lock: 'kube-scheduler',
      holder: null,
      message: 'leader election is off (--leader-elect=false)',
    });
  });
});
