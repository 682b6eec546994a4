import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

import { JournalPane } from '../../components/JournalPane.js';
import type { LogLine, Severity } from '../../src/apply/klog.js';
import { displayWidth } from '../../src/format/width.js';
import { mount } from './harness.js';

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const plain = (s: string | undefined) => (s ?? '').replace(ANSI, '');

let id = 0;
const line = (text: string, severity: Severity = 'I', fromSystemd = false): LogLine => ({
  id: ++id,
  unit: 'kube-apiserver.service',
  time: 0,
  severity,
  fromSystemd,
  text,
});
const klog = (s: Severity, n: number) => `${s}1125 21:40:00.000000    1234 server.go:${n}] message ${n}`;

describe('the journal pane', () => {
  it('is exactly as tall as asked, showing the newest lines, however many it is given', () => {
    const lines = Array.from({ length: 500 }, (_, i) => line(klog('I', i)));
    const { lastFrame } = mount(<JournalPane lines={lines} height={5} width={80} />);
    const rows = plain(lastFrame()).split('\n');
    expect(rows).toHaveLength(5);
    expect(rows[0]).toContain('message 495');
    expect(rows[4]).toContain('message 499');
  });

  it('keeps its height with fewer lines than rows, and with a title row', () => {
    const { lastFrame } = mount(
      <JournalPane lines={[line(klog('I', 1))]} height={4} width={60} title="kube-apiserver (1)" />,
    );
    const rows = plain(lastFrame()).split('\n');
    expect(rows).toHaveLength(5);
    expect(rows[0]).toBe('kube-apiserver (1)');
    expect(rows[1]).toContain('message 1');
  });

  it('shows the placeholder while there is no line yet', () => {
    const { lastFrame } = mount(<JournalPane lines={[]} height={3} width={40} placeholder="waiting …" />);
    expect(plain(lastFrame()).split('\n')[0]).toBe('waiting …');
  });

  it('cuts long lines to the width instead of wrapping them', () => {
    const long = `E1125 21:40:00.000000    1234 x.go:1] ${'very long '.repeat(200)}`;
    const { lastFrame } = mount(
      <JournalPane lines={[line(long, 'E'), line('short', '-')]} height={2} width={50} />,
    );
    const rows = plain(lastFrame()).split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.length).toBeLessThanOrEqual(50);
    expect(rows[0]!.endsWith('…')).toBe(true);
    expect(rows[1]).toBe('short');
  });

  it('cuts wide (Chinese) text by columns, so no row wraps and the pane keeps its height', () => {
    const wide = `I1125 21:40:00.000000    1234 x.go:1] ${'改成本机ip,用此地址作为集群成员'.repeat(10)}`;
    const { lastFrame } = mount(
      <JournalPane lines={[line(wide), line(wide, 'W'), line('after', '-')]} height={4} width={40} />,
    );
    const rows = plain(lastFrame()).split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[0]!.endsWith('…')).toBe(true);
    expect(displayWidth(rows[0]!)).toBeLessThanOrEqual(40);
    expect(rows[2]).toBe('after');
    expect(rows[3]!.trim()).toBe('');
  });

  it('colours by klog severity: W yellow, E red, F bold red, I plain, systemd lines dim', () => {
    const { lastFrame } = mount(
      <JournalPane
        lines={[
          line(klog('I', 1), 'I'),
          line(klog('W', 2), 'W'),
          line(klog('E', 3), 'E'),
          line(klog('F', 4), 'F'),
          line('Started Kubernetes API Server.', '-', true),
        ]}
        height={5}
        width={80}
      />,
    );
    const rows = (lastFrame() ?? '').split('\n');
    const yellow = `${ESC}[33m`;
    const red = `${ESC}[31m`;
    const bold = `${ESC}[1m`;
    const dim = `${ESC}[2m`;
    expect(rows[0]).not.toContain(red);
    expect(rows[0]).not.toContain(yellow);
    expect(rows[1]).toContain(yellow);
    expect(rows[2]).toContain(red);
    expect(rows[2]).not.toContain(bold);
    expect(rows[3]).toContain(red);
    expect(rows[3]).toContain(bold);
    expect(rows[4]).toContain(dim);
  });
});
