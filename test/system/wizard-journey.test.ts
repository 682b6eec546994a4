// The wizard's journey in a real terminal (tmux) on a master (stand-in binaries 1.13, real
// systemd and etcd), as an operator walks it: a fresh master with only the guide's
// certificates and token.csv at 80×24 (a new setup is the first choice, not adopting), then
// the same master again at 120×40 for a one-line change (adopting is first now).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeSeedAnswers } from '../terminal/seed-answers.js';
import { requireBundle, type Terminal } from '../terminal/tmux.js';
import { bootMaster, type Master, UNITS } from './apply-helpers.js';
import { terminalInSandbox } from './harness/terminal.js';

const flat = (screen: string) => screen.replace(/\s+/g, ' ');

describe('the wizard on a fresh master, then for a one-line change, at 80 and 120 columns', () => {
  let m: Master;
  let term: Terminal | null = null;

  beforeAll(async () => {
    requireBundle();
    m = await bootMaster('1.13.12');
  });
  afterAll(async () => {
    term?.close();
    await m?.sandbox.stop();
  });

  function wizard(cols: number, rows: number, args: string[] = []): Terminal {
    term?.close();
    term = terminalInSandbox(
      m.sandbox,
      ['--lang', 'en', '--config-dir', `${m.sandbox.shareDir}/config`, ...args],
      {
        cols,
        rows,
      },
    );
    return term;
  }

  const mainPid = async (unit: string) =>
    (await m.sandbox.systemctl('show', '-p', 'MainPID', '--value', unit)).stdout.trim();

  /** The screen once the run is healthy; every screen on the way had the title on its first line. */
  async function applied(t: Terminal, cols: number): Promise<string> {
    await t.waitFor('Every component is healthy', 120_000);
    // the run is over for the wizard too: Enter goes on, Ctrl-C no longer says it stops a run
    const done = await t.waitFor('Enter go on');
    const lines = done.split('\n');
    expect(lines[0]).toMatch(/^kmaster-wizard {2}Apply/);
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(cols);
    // one frame: no journal line was printed above it into the terminal's history
    expect(t.scrollback()).not.toMatch(/journalctl -u|\] Serving|I\d{4} \d\d:\d\d/);
    expect(done).not.toContain('journalctl');
    expect(done).not.toContain('Ctrl-C stop');
    return done;
  }

  it('80×24, only the guide’s certificates and token.csv: a new setup, its units started (not restarted)', async () => {
    const t = wizard(80, 24);
    await t.waitFor('kube-scheduler 1.13', 30_000);
    await t.waitFor((s) => !s.includes('checking…'));
    expect(await t.waitFor('▸ New setup')).not.toContain('Adopt this host');
    t.keys('Enter');
    await typeSeedAnswers(t);
    await t.when('What stays fixed, and why', 'Enter');
    await t.when('Two masters behind a VIP (optional)', 'Enter');
    await t.when('No error: go on to the review', 'Enter');
    await t.when('Files: 6 of 6 change', 'Enter');
    const done = await applied(t, 80);
    expect(flat(done)).toContain(
      '✔ Applied: 6 files written; started kube-apiserver, kube-controller-manager, kube-scheduler.',
    );
    expect(done).not.toMatch(/[Rr]estart/);
    for (const unit of UNITS) {
      expect((await m.sandbox.systemctl('is-active', unit)).stdout.trim()).toBe('active');
      expect((await m.sandbox.systemctl('is-enabled', unit)).stdout.trim()).toBe('enabled');
    }
    t.keys('q');
    expect(await t.exited(30_000)).toBe(0);
  });

  it('120×40, the same master and one flag changed: adopting is first, only the apiserver restarts', async () => {
    const before = Object.fromEntries(await Promise.all(UNITS.map(async (u) => [u, await mainPid(u)])));
    const t = wizard(120, 40, ['--set', 'serviceNodePortRange=30000-32767']);
    await t.waitFor((s) => !s.includes('checking…'), 30_000);
    await t.when(/▸ Adopt this host's files \(\d+ found\)/, 'Enter');
    await t.waitFor('What must change on this master');
    for (let i = 0; i < 7; i++) t.keys('Tab');
    await t.when(/▸?\s*Continue ▸/, 'Enter');
    await t.when('What stays fixed, and why', 'Enter');
    await t.when('Two masters behind a VIP (optional)', 'Enter');
    await t.when('No error: go on to the review', 'Enter');
    const review = await t.waitFor('Files: 1 of 6 change');
    expect(review).toContain('--service-node-port-range');
    t.keys('Enter');
    const done = await applied(t, 120);
    expect(flat(done)).toContain(
      '✔ Applied: 1 file written; restarted kube-apiserver; kube-controller-manager, kube-scheduler left running.',
    );
    const after = Object.fromEntries(await Promise.all(UNITS.map(async (u) => [u, await mainPid(u)])));
    expect(after['kube-apiserver.service']).not.toBe(before['kube-apiserver.service']);
    expect(after['kube-controller-manager.service']).toBe(before['kube-controller-manager.service']);
    expect(after['kube-scheduler.service']).toBe(before['kube-scheduler.service']);
    t.keys('q');
    expect(await t.exited(30_000)).toBe(0);
  });
});
