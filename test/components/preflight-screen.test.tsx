import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

import { PreflightScreen } from '../../components/PreflightScreen.js';
import { displayWidth } from '../../src/format/width.js';
import { translator } from '../../src/i18n/index.js';
import type { CheckResult, PreflightReport } from '../../src/preflight/types.js';
import { waitUntil } from '../wait.js';
import { mount } from './harness.js';

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const plain = (s: string | undefined) => (s ?? '').replace(ANSI, '');

const pass = (name: string, key: CheckResult['message']['key'], params = {}): CheckResult => ({
  name,
  severity: 'error',
  status: 'pass',
  message: { key, params },
});

const failing: PreflightReport = {
  checks: [
    pass('IsPrivilegedUser', 'preflight.root.ok'),
    pass('Port-6443', 'preflight.port.free', { address: '192.168.50.101:6443', component: 'kube-apiserver' }),
    {
      name: 'Swap',
      severity: 'warning',
      status: 'fail',
      message: { key: 'preflight.swap.on', params: { areas: '/dev/sda2' } },
      fix: { key: 'preflight.fix.swap' },
    },
    {
      name: 'Cert-apiserver-SAN',
      severity: 'error',
      status: 'fail',
      message: {
        key: 'preflight.cert.sanMissing',
        params: { file: '/etc/kubernetes/ssl/kubernetes.pem', missing: 'IP:192.168.50.101, IP:10.254.0.1' },
      },
      fix: {
        key: 'preflight.fix.sanMissing',
        params: { file: '/etc/kubernetes/ssl/kubernetes.pem', missing: 'IP:192.168.50.101,IP:10.254.0.1' },
      },
    },
    {
      name: 'EtcdMember-https-192.168.50.102-2379',
      severity: 'error',
      status: 'ignored',
      message: { key: 'preflight.etcd.refused', params: { url: 'https://192.168.50.102:2379' } },
      fix: { key: 'preflight.fix.etcdStart', params: { host: '192.168.50.102' } },
    },
    {
      name: 'Cert-controller-manager-file',
      severity: 'error',
      status: 'skip',
      message: { key: 'preflight.skip.root', params: { root: '/tmp/x' } },
    },
  ],
};

const passing: PreflightReport = {
  checks: failing.checks.filter((c) => c.status === 'pass' || c.status === 'skip'),
};

function screen(report: PreflightReport | null, lang: 'en' | 'zh' = 'en', height = 20) {
  const onContinue = vi.fn();
  const onBack = vi.fn();
  const r = mount(
    <PreflightScreen
      t={translator(lang)}
      report={report}
      onContinue={onContinue}
      onBack={onBack}
      height={height}
    />,
  );
  return { ...r, onContinue, onBack };
}

describe('the preflight screen', () => {
  it('shows errors first with their fix, then warnings and ignored ones, then what passed; within 80 columns', () => {
    const { lastFrame } = screen(failing);
    const rows = plain(lastFrame()).split('\n');
    for (const r of rows) expect(displayWidth(r), r).toBeLessThanOrEqual(80);
    expect(rows[0]).toBe('✗ Cert-apiserver-SAN  error · FAIL');
    // message and fix wrap under the check, indented
    expect(rows.slice(1, 5)).toEqual([
      '    /etc/kubernetes/ssl/kubernetes.pem does not cover IP:192.168.50.101,',
      '    IP:10.254.0.1',
      '    Fix: Re-issue /etc/kubernetes/ssl/kubernetes.pem with these added to its',
      '    hosts (subjectAltName): IP:192.168.50.101,IP:10.254.0.1',
    ]);
    expect(rows.slice(5, 8)).toEqual([
      '! Swap  warning',
      '    swap is on: /dev/sda2',
      '    Fix: swapoff -a, and comment out the swap line in /etc/fstab',
    ]);
    expect(rows[8]).toBe('! EtcdMember-https-192.168.50.102-2379  error · ignored');
    // a passing row is one line, cut at the width
    expect(rows.find((r) => r.startsWith('✓ Port-6443'))).toMatch(/is free \(for kube-a…$/);
    expect(rows.find((r) => r.startsWith('✓ IsPrivilegedUser'))).toMatch(
      /^✓ IsPrivilegedUser +running as root$/,
    );
    expect(rows.find((r) => r.startsWith('- Cert-controller-manager-file'))).toBeDefined();
    const text = rows.join('\n');
    expect(text).toContain('2 passed, 1 error, 1 warning, 1 ignored, 1 skipped.');
    expect(text).toContain('1 error: apply would stop. Fix it as its Fix line says');
    // the keys are the footer's (the shell's), said once: none on the screen itself
    expect(text).not.toContain('Esc back');
    expect(text).not.toContain('Enter go on');
  });

  it('reads in Chinese, still within 80 columns', () => {
    const { lastFrame } = screen(failing, 'zh');
    const rows = plain(lastFrame()).split('\n');
    for (const r of rows) expect(displayWidth(r), r).toBeLessThanOrEqual(80);
    expect(rows[0]).toBe('✗ Cert-apiserver-SAN  错误 · 失败');
    expect(rows.join('\n')).toContain('修复:重新签发 /etc/kubernetes/ssl/kubernetes.pem');
    expect(rows.join('\n')).toContain('通过 2,错误 1,警告 1,已忽略 1,跳过 1。');
    expect(rows.join('\n')).toContain('1 个错误:apply 会停止。');
  });

  it('colours the marks: ✗ red, ! yellow, ✓ green', () => {
    const frame = screen(failing).lastFrame() ?? '';
    expect(frame).toMatch(new RegExp(`${ESC}\\[31m${ESC}\\[1m✗|${ESC}\\[1m${ESC}\\[31m✗`));
    expect(frame).toContain(`${ESC}[33m!`);
    expect(frame).toContain(`${ESC}[32m✓`);
  });

  it('Enter does not go on while an error remains; Esc goes back', async () => {
    const s = screen(failing);
    // the keys are taken in order: once Esc has gone back, the Enter before it was taken too
    await s.press('enter', 'esc');
    await waitUntil(() => s.onBack.mock.calls.length > 0, { intervalMs: 0, what: 'Esc to go back' });
    expect(s.onBack).toHaveBeenCalledTimes(1);
    expect(s.onContinue).not.toHaveBeenCalled();
  });

  it('Enter goes on when nothing failed', async () => {
    const s = screen(passing);
    expect(plain(s.lastFrame())).toContain('No error: go on to the review.');
    await s.press('enter');
    await waitUntil(() => s.onContinue.mock.calls.length > 0, { intervalMs: 0, what: 'Enter to go on' });
    expect(s.onContinue).toHaveBeenCalledTimes(1);
  });

  it('scrolls a long list within its height', async () => {
    const many: PreflightReport = {
      checks: Array.from({ length: 30 }, (_, i) =>
        pass(`Check-${String(i).padStart(2, '0')}`, 'preflight.root.ok'),
      ),
    };
    const s = screen(many, 'en', 10);
    const first = plain(s.lastFrame()).split('\n');
    expect(first[0]).toMatch(/^✓ Check-00/);
    expect(first[10]).toBe('lines 1-10 of 30');
    await s.press('down', 'down');
    const moved = (await s.waitFor('lines 3-12 of 30')).split('\n');
    expect(moved[0]).toMatch(/^✓ Check-02/);
    expect(moved[10]).toBe('lines 3-12 of 30');
    for (let i = 0; i < 40; i++) s.stdin.write(`${ESC}[B`);
    const end = (await s.waitFor('lines 21-30 of 30')).split('\n');
    expect(end[9]).toMatch(/^✓ Check-29/);
  });

  it('shows that the checks are running while there is no report', () => {
    expect(plain(screen(null).lastFrame())).toContain('Running the checks...');
    expect(plain(screen(null, 'zh').lastFrame())).toContain('正在检查...');
  });
});
