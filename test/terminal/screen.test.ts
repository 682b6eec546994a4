import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireBundle, Terminal } from './tmux.js';

let work: string;
const terms: Terminal[] = [];
beforeAll(requireBundle);
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kmw-term-screen-'));
});
afterEach(async () => {
  for (const t of terms.splice(0)) t.close();
  await rm(work, { recursive: true, force: true });
});

function wizard(
  opts: { cols?: number; rows?: number; lang?: string; env?: Record<string, string> } = {},
): Terminal {
  const t = Terminal.start(
    ['--lang', opts.lang ?? 'en', '--root', join(work, 'root'), '--config-dir', join(work, 'config')],
    { cols: opts.cols ?? 100, rows: opts.rows ?? 30, cwd: work, ...(opts.env ? { env: opts.env } : {}) },
  );
  terms.push(t);
  return t;
}

const lines = (screen: string) => screen.replace(/\n+$/, '').split('\n');

/** The whole frame is on screen: the title on the first row and the keys on the last rows. */
function fits(screen: string, rows: number, title: string): void {
  const l = lines(screen);
  expect(l.length).toBeLessThanOrEqual(rows);
  expect(l[0]).toContain('kmaster-wizard');
  expect(l[0]).toContain(title);
  expect(l.slice(-2).join(' ')).toMatch(/quit|退出/);
}

describe('an 80×24 terminal', () => {
  it('holds every screen whole, in English and in Chinese', async () => {
    for (const lang of ['en', 'zh']) {
      const t = wizard({ cols: 80, rows: 24, lang });
      const zh = lang === 'zh';
      fits(await t.waitFor(zh ? '新建配置' : 'New setup'), 24, zh ? '本机情况' : 'What is on this host');
      await t.waitFor((s) => !s.includes(zh ? '正在检查…' : 'checking…'));
      t.keys('Enter');
      fits(
        await t.waitFor('--etcd-servers'),
        24,
        zh ? '以下参数需要改动' : 'What must change on this master',
      );
      t.keys('Down', 'Down', 'Down');
      for (const url of [
        'https://192.168.50.101:2379',
        'https://192.168.50.102:2379',
        'https://192.168.50.1:2379',
      ]) {
        t.type(url);
        t.keys('Enter');
      }
      await t.waitFor((s) => (s.match(/2379 +\] ✓/g) ?? []).length === 3);
      fits(t.screen(), 24, zh ? '以下参数需要改动' : 'What must change on this master');
      t.keys('Enter');
      fits(
        await t.waitFor(zh ? '高级:修改这些值…' : 'Advanced: edit these values…'),
        24,
        zh ? '以下参数不需要改动' : 'What stays fixed',
      );
      for (let i = 0; i < 25; i++) t.keys('Down');
      await t.waitFor((s) => !s.includes('▸ Kubernetes') && /▸ +--/.test(s));
      fits(t.screen(), 24, zh ? '以下参数不需要改动' : 'What stays fixed');
      // back one step and on again: the stays-fixed screen comes back whole
      t.keys('Escape');
      await t.waitFor((s) => /step 1 of 6|第 1\/6 步/.test(s) && s.includes('--etcd-servers'));
      t.keys('Enter');
      const advanced = zh ? '高级:修改这些值…' : 'Advanced: edit these values…';
      await t.waitFor((s) => /step 2 of 6|第 2\/6 步/.test(s) && s.includes(advanced));
      t.keys('Enter');
      const ha = await t.waitFor(zh ? '两台 master 与 VIP(可选)' : 'Two masters behind a VIP (optional)');
      fits(ha, 24, zh ? '两台 master 与 VIP' : 'Two masters behind a VIP');
      t.keys('Enter');
      const review = await t.waitFor(zh ? /文件:\d+ 个中有/ : /Files: \d of \d change/);
      fits(review, 24, zh ? '确认' : 'Review');
      expect(review).toMatch(zh ? /第 1–\d+ 行,共 \d+ 行/ : /lines 1–\d+ of \d+/);
      t.keys('PageDown');
      fits(await t.waitFor(zh ? /第 \d{2,}–/ : /lines \d{2,}–/), 24, zh ? '确认' : 'Review');
      t.keys('q');
      expect(await t.exited()).toBe(0);
    }
  });

  it('draws again for the new size when the terminal is resized', async () => {
    const t = wizard({ cols: 80, rows: 24 });
    await t.waitFor('New setup');
    t.keys('Enter');
    await t.waitFor('--etcd-servers');
    expect(lines(t.screen())[0]).toMatch(/step 1 of 6$/);
    expect(lines(t.screen())[0]!.length).toBeLessThanOrEqual(80);
    t.resize(120, 40);
    await t.waitFor((s) => (lines(s)[0] ?? '').length > 100 && /step 1 of 6$/.test(lines(s)[0] ?? ''));
    t.resize(70, 24);
    // narrower: the terminal re-wraps the old frame; the wizard clears it and draws a whole new one
    const whole = (s: string) => {
      const first = lines(s)[0] ?? '';
      return first.startsWith('kmaster-wizard') && first.length <= 70 && first.endsWith('step 1 of 6');
    };
    fits(await t.waitFor(whole), 24, 'What must change');
    expect(lines(t.screen()).every((l) => l.length <= 70)).toBe(true);
  });
});

describe('colour', () => {
  // SGR colour parameters: 30–37, 39, 90–97, 38;… (and the background ones)
  const COLOUR = /\u001b\[[0-9;]*\b(3[0-8]|9[0-7]|4[0-8]|10[0-7])(;[0-9;]*)?m/;

  it('draws in colour by default and in none with NO_COLOR, keeping the focus visible', async () => {
    const coloured = wizard({ env: { FORCE_COLOR: '1' } });
    await coloured.waitFor('New setup');
    expect(coloured.screenWithStyles()).toMatch(COLOUR);
    const plain = wizard({ env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    await plain.waitFor('New setup');
    plain.keys('Enter');
    await plain.waitFor('--etcd-servers');
    const styled = plain.screenWithStyles();
    expect(styled).not.toMatch(COLOUR);
    expect(styled).toMatch(/\u001b\[[0-9;]*7m/); // the cursor in the field, drawn inverse
  });
});
