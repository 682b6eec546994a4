// The apply pipeline on a real systemd: the seed's answers (1.13) applied by the built
// CLI against a real TLS etcd cluster and the stand-in kube binaries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootMaster, type Master, seedAnswers, shown, UNITS } from './apply-helpers.js';

describe('kmaster-wizard apply on a real systemd (1.13, the seed)', () => {
  let m: Master;
  let answers: string;

  beforeAll(async () => {
    m = await bootMaster('1.13.12');
    answers = await m.answers('seed', seedAnswers());
  });
  afterAll(async () => {
    await m?.sandbox.stop();
  });

  it('a clean apply of the seed answers ends with every row healthy and exit 0', async () => {
    const r = await m.apply(answers);
    expect(r.exitCode, shown(r)).toBe(0);
    for (const unit of UNITS) {
      expect((await m.sandbox.systemctl('is-active', unit)).stdout.trim()).toBe('active');
      expect((await m.sandbox.systemctl('is-enabled', unit)).stdout.trim()).toBe('enabled');
    }
    // the journal streamed, prefixed by unit
    expect(r.stdout).toMatch(
      /^ {2}kube-apiserver \| I\d{4} [\d:.]+ +\d+ [\w.]+:\d+\] Serving securely on 192\.168\.50\.101:6443$/m,
    );
    // the table: one row per etcd member and component, all healthy
    const rows = r.stdout.split('\n').filter((l) => /^(etcd-\d |kube-[a-z-]+ {2,}\S)/.test(l));
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row, row).toMatch(/\sHealthy\s/);
    expect(r.stdout).toMatch(/^kube-apiserver +active \(running\) +Healthy +200 ok$/m);
    expect(r.stdout).toMatch(/^kube-controller-manager +active \(running\) +Healthy +200 ok$/m);
    expect(r.stdout).toMatch(/^kube-scheduler +active \(running\) +Healthy +200 ok$/m);
    // without a terminal the table fits 80 columns
    const table = r.stdout.slice(r.stdout.indexOf('Component status'));
    for (const line of table.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(r.stdout).toMatch(/kubectl get cs[\s\S]*scheduler +Healthy/);
    expect(r.stdout).toContain('Applied. Every component is healthy.');
  });

  it('status -o wide: the endpoints probed, how, and the leader locks where 1.13 keeps them', async () => {
    const r = await m.cliRun('--lang', 'en', 'status', '--answers', answers, '-o', 'wide');
    expect(r.exitCode, shown(r)).toBe(0);
    expect(r.stdout).toMatch(
      /kube-apiserver +active \(running\) +https:\/\/192\.168\.50\.101:6443\/healthz +Healthy +\d+ms +200 ok/,
    );
    expect(r.stdout).toMatch(
      /kube-controller-manager +active \(running\) +https:\/\/127\.0\.0\.1:10257\/healthz +Healthy/,
    );
    expect(r.stdout).toMatch(
      /kube-scheduler +active \(running\) +https:\/\/127\.0\.0\.1:10259\/healthz +Healthy/,
    );
    expect(r.stdout).toContain(
      'kube-apiserver probed with the client certificate of kube-controller-manager',
    );
    expect(r.stdout).toMatch(/kube-controller-manager: kmw-master-101_[\w-]+ \(Endpoints\) renewed /);
    expect(r.stdout).toMatch(/kube-scheduler: kmw-master-101_[\w-]+ \(Endpoints\) renewed /);
  });

  it('status --json agrees: every row healthy, exit 0', async () => {
    const r = await m.cliRun('status', '--answers', answers, '--json');
    expect(r.exitCode, shown(r)).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.healthy).toBe(true);
    expect(report.rows.map((x: { health: string }) => x.health)).toEqual(Array(6).fill('healthy'));
    expect(
      report.leaders.every((l: { holder: string | null }) => l.holder?.startsWith('kmw-master-101_')),
    ).toBe(true);
  });

  it('a re-apply with the same answers is a no-op that keeps the units running (same MainPID)', async () => {
    const before = await m.mainPids();
    expect(before.every((p) => p > 0)).toBe(true);
    const r = await m.apply(answers);
    expect(r.exitCode, shown(r)).toBe(0);
    expect(await m.mainPids()).toEqual(before);
    expect(r.stdout).toContain('– Write files: nothing changed');
    expect(r.stdout).not.toContain('$ systemctl daemon-reload');
    expect(r.stdout).not.toMatch(/\$ systemctl (re)?start/);
    expect(r.stdout.match(/files unchanged and the unit is running: left as it is/g)).toHaveLength(3);
  });
});
