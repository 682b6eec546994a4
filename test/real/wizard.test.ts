// The wizard's journey in a real terminal (tmux) on a master with the real binaries: the host
// screen finds them and their version, the seed's answers are typed, the checks run, apply
// starts the real units with their journal live and ends healthy, and the answers are saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootMaster, type Master, UNITS } from '../system/apply-helpers.js';
import { testVersions } from '../system/harness/real-binaries.js';
import { terminalInSandbox } from '../system/harness/terminal.js';
import { typeSeedAnswers } from '../terminal/seed-answers.js';
import { requireBundle, type Terminal } from '../terminal/tmux.js';

// once, with the newest test release
const version = testVersions().at(-1)!;
const minor = version.split('.').slice(0, 2).join('.');

describe(`the wizard in a terminal on a master with the real ${version} binaries`, () => {
  let m: Master;
  let term: Terminal | null = null;

  beforeAll(async () => {
    requireBundle();
    m = await bootMaster(version, { real: true });
  });
  afterAll(async () => {
    term?.close();
    await m?.sandbox.stop();
  });

  it('sets up the master as a person would and ends with every component healthy', async () => {
    const config = `${m.sandbox.shareDir}/config`;
    term = terminalInSandbox(m.sandbox, ['--lang', 'en', '--config-dir', config], { cols: 120, rows: 40 });
    const t = term;
    const start = await t.waitFor(`kube-apiserver ${minor}`, 30_000);
    expect(start).toContain(`kube-scheduler ${minor}`);
    await t.waitFor('New setup');
    await t.waitFor((s) => !s.includes('checking…'));
    // the guide's token file alone is no master to adopt: a new setup is the first choice
    const choices = await t.waitFor('▸ New setup');
    expect(choices).not.toContain('Adopt this host');
    t.keys('Enter');

    await typeSeedAnswers(t);

    // the version picker starts at the binaries' version
    const fixed = await t.waitFor('What stays fixed, and why');
    expect(fixed).toMatch(new RegExp(`Kubernetes version ◂ ${minor.replace('.', '\\.')} ▸`));
    t.keys('Enter');
    // one master alone: the empty VIP goes on
    await t.when('Two masters behind a VIP (optional)', 'Enter');

    const checks = await t.waitFor(/Flags-kube-scheduler/, 60_000);
    expect(checks).toContain('Checks before writing');
    t.keys('Enter');

    await t.when(/Files: \d+ of \d+ change/, 'Enter'); // Apply: write the files, start the units
    // the real apiserver's own klog lines in the live journal pane while it starts (the pane shows
    // the newest lines only, and goes once the unit is healthy: its first line, the version, is
    // soon pushed out, so any of its lines is looked for)
    await t.waitFor(/[IWE]\d{4} \d\d:\d\d:\d\d\.\d{6}\s+\d+ [\w.-]+\.go:\d+\]/, 60_000);
    await t.waitFor('Every component is healthy', 180_000);
    for (const unit of UNITS)
      expect((await m.sandbox.systemctl('is-active', unit)).stdout.trim()).toBe('active');
    t.keys('Enter');
    await t.when('Save the answers', 'C-u');
    t.type('master-101');
    t.keys('Enter');
    expect(await t.exited(30_000)).toBe(0);
    expect(await m.sandbox.readFile('/etc/kubernetes/apiserver')).toContain(`for Kubernetes ${minor}`);
  });
});
