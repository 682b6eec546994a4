// The wizard's apply screen and status table in a real terminal (tmux) on a master (stand-in
// binaries, real systemd and etcd): in colour by default, in none at all with NO_COLOR, the
// bold of the table's title kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeSeedAnswers } from '../terminal/seed-answers.js';
import { requireBundle, type Terminal } from '../terminal/tmux.js';
import { bootMaster, type Master, UNITS } from './apply-helpers.js';
import { terminalInSandbox } from './harness/terminal.js';

// SGR colour parameters: 30–37, 39, 90–97, 38;… (and the background ones)
const COLOUR = /\u001b\[[0-9;]*\b(3[0-8]|9[0-7]|4[0-8]|10[0-7])(;[0-9;]*)?m/;
const BOLD = /\u001b\[[0-9;]*\b1m/;

describe('the wizard’s apply screen and status table in a terminal, with and without colour', () => {
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

  /** A new setup with the seed's answers, through the checks, applied: the final screen, styles and all. */
  async function applyInTerminal(env: Record<string, string>, installed: boolean): Promise<string> {
    term?.close();
    term = terminalInSandbox(m.sandbox, ['--lang', 'en', '--config-dir', `${m.sandbox.shareDir}/config`], {
      cols: 120,
      rows: 40,
      env: { FORCE_COLOR: '1', ...env },
    });
    const t = term;
    await t.waitFor('kube-scheduler 1.13', 30_000);
    await t.waitFor((s) => !s.includes('checking…'));
    if (installed) {
      // the units written by the first run make "adopt" the first choice: take a new setup
      await t.when("▸ Adopt this host's files", 'Up');
    } else {
      // before: only the guide's certificates and token.csv, which are no master to adopt
      expect(await t.waitFor('▸ New setup')).not.toContain('Adopt this host');
    }
    await t.when('▸ New setup', 'Enter');
    await typeSeedAnswers(t);
    await t.when('What stays fixed, and why', 'Enter');
    await t.when('Two masters behind a VIP (optional)', 'Enter');
    await t.when('No error: go on to the review', 'Enter');
    await t.when(/Files: \d+ of \d+ change/, 'Enter');
    await t.waitFor('Every component is healthy', 120_000);
    const styled = t.screenWithStyles();
    t.keys('q');
    expect(await t.exited(30_000)).toBe(0);
    return styled;
  }

  it('draws the phases, the status table and its verdict in colour by default', async () => {
    const styled = await applyInTerminal({}, false);
    expect(styled).toContain('Component status (Kubernetes 1.13)');
    expect(styled).toMatch(COLOUR);
    for (const unit of UNITS)
      expect((await m.sandbox.systemctl('is-active', unit)).stdout.trim()).toBe('active');
  });

  it('draws them in no colour at all with NO_COLOR, keeping bold', async () => {
    const styled = await applyInTerminal({ NO_COLOR: '1' }, true);
    expect(styled).toContain('Component status (Kubernetes 1.13)');
    expect(styled).toMatch(/Healthy/);
    expect(styled).not.toMatch(COLOUR);
    expect(styled).toMatch(BOLD);
  });
});
