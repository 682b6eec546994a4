// The apply pipeline with the HA front: haproxy and keepalived as phases after the components,
// each waited on until it does its job (haproxy sees a master's apiserver, the VIP is held),
// and the status table's view of the pair.
import { describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../../src/apply/events.js';
import { phaseKey } from '../../src/apply/events.js';
import { runPipeline } from '../../src/apply/pipeline.js';
import type { PlannedFile } from '../../src/apply/plan.js';
import { rollback } from '../../src/apply/rollback.js';
import { translator } from '../../src/i18n/index.js';
import { renderFiles } from '../../src/render/files.js';
import { collectStatus } from '../../src/status/collect.js';
import { formatStatus } from '../../src/status/format.js';
import { FakeHost } from './helpers/fake-host.js';
import { seedAnswers } from './helpers/seed-answers.js';

const VIP = '192.168.50.100';
const answers = seedAnswers('1.24', { ha: { masters: ['192.168.50.101', '192.168.50.102'], vip: VIP } });
const t = translator('en');

const planned = (): PlannedFile[] =>
  renderFiles(answers, 24, { haInterface: 'eth0' }).files.map((f) => ({
    ...f,
    target: f.path,
    current: null,
    action: 'create',
  }));

const UP = [
  { proxy: 'kube-apiserver', server: 'master-192-168-50-101', status: 'UP', check: 'L7OK', checkDesc: '' },
  { proxy: 'kube-apiserver', server: 'master-192-168-50-102', status: 'DOWN', check: 'L4CON', checkDesc: '' },
];

async function run(host: FakeHost, healthTimeoutMs = 120_000) {
  const events: ApplyEvent[] = [];
  const result = await runPipeline(
    { answers, minor: 24, planned: planned(), t, pollMs: 2, healthTimeoutMs },
    host,
    (e) => events.push(e),
    new AbortController().signal,
  );
  return { result, events };
}

const order = (events: ApplyEvent[]) =>
  events.flatMap((e) => (e.type === 'phase-start' || e.type === 'phase-skipped' ? [phaseKey(e.phase)] : []));
const healthOf = (events: ApplyEvent[], component: string) =>
  events.flatMap((e) => (e.type === 'health' && e.component === component ? [e.check] : []));

describe('apply with ha:', () => {
  it('starts haproxy, then keepalived, after the components, and waits until each does its job', async () => {
    const host = new FakeHost();
    host.haproxy = UP;
    host.local.add(VIP);
    const { result, events } = await run(host);
    expect(result.outcome).toBe('healthy');
    expect(order(events).slice(-4)).toEqual([
      'haproxy/start',
      'haproxy/wait',
      'keepalived/start',
      'keepalived/wait',
    ]);
    const calls = host.calls.map((c) => c.join(' '));
    // enabled with the components in one command; new units, so started, not restarted
    expect(calls).toContain(
      'enable --no-reload kube-apiserver.service kube-controller-manager.service kube-scheduler.service haproxy.service keepalived.service',
    );
    expect(calls.slice(-2)).toEqual([
      'start --no-block haproxy.service',
      'start --no-block keepalived.service',
    ]);
    expect(healthOf(events, 'haproxy').at(-1)).toMatchObject({
      healthy: true,
      message: '192.168.50.101 UP (L7OK), 192.168.50.102 DOWN (L4CON)',
    });
    expect(healthOf(events, 'keepalived').at(-1)).toMatchObject({
      healthy: true,
      message: 'this master holds the VIP 192.168.50.100',
    });
    expect(result.written.map((w) => w.path)).toEqual(
      expect.arrayContaining(['/etc/haproxy/haproxy.cfg', '/etc/keepalived/keepalived.conf']),
    );
    expect(result.changed).toEqual(expect.arrayContaining(['haproxy', 'keepalived']));
  });

  it('on master 2 the VIP held by master 1 counts: it answers through haproxy', async () => {
    const host = new FakeHost();
    host.haproxy = UP;
    host.answering.set(`https://${VIP}:8443/`, 200);
    const { result, events } = await run(host);
    expect(result.outcome).toBe('healthy');
    expect(healthOf(events, 'keepalived').at(-1)?.message).toBe(
      'another master holds the VIP 192.168.50.100; it answers',
    );
  });

  it('haproxy that sees no apiserver up, or a VIP that nobody holds, ends the run with the reason', async () => {
    const blind = new FakeHost();
    blind.haproxy = UP.map((s) => ({ ...s, status: 'DOWN', check: 'L4CON' }));
    const a = await run(blind, 50);
    expect(a.result.outcome).toBe('failed');
    expect(a.result.failure).toMatchObject({
      phase: { name: 'wait', component: 'haproxy' },
      unit: 'haproxy.service',
      diagnosis: {
        cause: 'unhealthy',
        params: { message: '192.168.50.101 DOWN (L4CON), 192.168.50.102 DOWN (L4CON)' },
      },
    });
    const nowhere = new FakeHost();
    nowhere.haproxy = UP;
    const b = await run(nowhere, 50);
    expect(b.result.failure).toMatchObject({ phase: { name: 'wait', component: 'keepalived' } });
    expect(b.result.failure?.diagnosis.params.message).toMatch(
      /^the VIP 192\.168\.50\.100 does not answer: /,
    );
    // a rollback stops what the run started, the HA front's services too
    const events: string[] = [];
    await rollback(b.result, nowhere, (e) => {
      if (e.type === 'rollback-command') events.push(e.argv.slice(1).join(' '));
    });
    expect(events).toEqual(expect.arrayContaining(['stop keepalived.service', 'stop haproxy.service']));
  });
});

describe('the status table with ha:', () => {
  it('shows every master: apiserver, who holds the VIP (ARP), the leases by master, haproxy’s view', async () => {
    const host = new FakeHost();
    for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'haproxy', 'keepalived'])
      host.running(c);
    host.haproxy = UP;
    // this is master 1; master 2 answers ARP for the VIP
    host.answering.set(`https://${VIP}:8443/`, 200);
    host.arp.set(VIP, '02:00:00:00:01:02');
    host.arp.set('192.168.50.102', '02:00:00:00:01:02');
    const report = await collectStatus({ answers, minor: 24, host, t });
    expect(report.ha).toMatchObject({
      vip: VIP,
      vipHolder: '192.168.50.102',
      throughVip: { health: 'healthy', endpoint: `https://${VIP}:8443/readyz` },
    });
    expect(report.ha?.masters.map((m) => [m.address, m.self, m.holdsVip, m.backend])).toEqual([
      ['192.168.50.101', true, false, 'UP (L7OK)'],
      ['192.168.50.102', false, true, 'DOWN (L4CON)'],
    ]);
    expect(report.rows.map((r) => r.kind).slice(-2)).toEqual(['haproxy', 'keepalived']);
    const lines = formatStatus(report, t, { width: 120, wide: false, overflow: 'wrap' });
    expect(lines).toContain(
      'The masters behind https://192.168.50.100:8443 (the VIP is on 192.168.50.102; * is this master):',
    );
    expect(lines.find((l) => l.startsWith('  192.168.50.101 *'))).toMatch(/Healthy +- +- +UP \(L7OK\)$/);
    expect(lines.find((l) => l.startsWith('  192.168.50.102 '))).toMatch(/holds +- +DOWN \(L4CON\)$/);
    expect(
      formatStatus(report, translator('zh'), { width: 120, wide: false, overflow: 'wrap' }).join('\n'),
    ).toContain('VIP 在 192.168.50.102 上');
  });

  it('names the master of each leader lock by its host name', async () => {
    const { leaderMaster } = await import('../../src/status/ha.js');
    const host = new FakeHost();
    host.names.set('kmw-master-102', ['192.168.50.102']);
    const ctx = { answers, minor: 24, host, t };
    expect(await leaderMaster(ctx, 'kmw-master-101_0b7e5a3c-8f6d-4e6f-9d1a-3b2c1d0e9f8a')).toBe(
      '192.168.50.101',
    );
    expect(await leaderMaster(ctx, 'kmw-master-102_0b7e5a3c-8f6d-4e6f-9d1a-3b2c1d0e9f8a')).toBe(
      '192.168.50.102',
    );
    expect(await leaderMaster(ctx, 'elsewhere_0b7e5a3c-8f6d-4e6f-9d1a-3b2c1d0e9f8a')).toBeNull();
  });
});
