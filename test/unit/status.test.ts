import { describe, expect, it } from 'vitest';
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

  it('leader locks: Endpoints first while they were the default, Lease first after', () => {
    expect(leaderLockPaths(11, 'kube-scheduler').map((l) => l.kind)).toEqual(['Endpoints']);
    expect(leaderLockPaths(13, 'kube-scheduler').map((l) => l.path)).toEqual([
      '/api/v1/namespaces/kube-system/endpoints/kube-scheduler',
      '/apis/coordination.k8s.io/v1beta1/namespaces/kube-system/leases/kube-scheduler',
    ]);
    expect(leaderLockPaths(24, 'kube-scheduler')[0]!.path).toBe(
      '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler',
    );
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

  it('prints as an aligned table in both languages', async () => {
    const host = new FakeHost();
    for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) host.running(c);
    const report = await collectStatus({ answers: a, minor: 13, host, t: translator('zh') });
    const lines = formatStatus(report, translator('zh'));
    expect(lines[0]).toBe('组件状态(Kubernetes 1.13)');
    expect(lines[1]).toMatch(/^名称\s+服务\s+检查地址\s+状态\s+信息\s+耗时$/);
    expect(
      lines.some((l) =>
        /^kube-apiserver\s+active \(running\)\s+https:\/\/192\.168\.50\.101:6443\/healthz\s+健康\s+200 ok\s+2ms$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(lines.at(-1)).toBe('所有组件均健康。');
  });
});
