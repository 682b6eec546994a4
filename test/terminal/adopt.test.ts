import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { COMPONENT_FILES, COMPONENTS } from '../../src/model/components.js';
import { execArgv } from '../../src/parse/unit.js';
import { requireBundle, Terminal } from './tmux.js';

const FIXTURES = new URL('../fixtures/seed', import.meta.url).pathname;
/** Where the seed guide puts each unit (the wizard writes them to /etc/systemd/system). */
const SEED_UNITS: Record<string, string> = {
  'kube-apiserver': 'lib/systemd/system/kube-apiserver.service',
  'kube-controller-manager': 'lib/systemd/system/kube-controller-manager.service',
  'kube-scheduler': 'usr/lib/systemd/system/kube-scheduler.service',
};

let work: string;
let root: string;
const terms: Terminal[] = [];
beforeAll(requireBundle);
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kmw-term-adopt-'));
  root = join(work, 'root');
  await cp(FIXTURES, root, { recursive: true });
});
afterEach(async () => {
  for (const t of terms.splice(0)) t.close();
  await rm(work, { recursive: true, force: true });
});

function wizard(): Terminal {
  const t = Terminal.start(['--lang', 'en', '--root', root, '--config-dir', join(work, 'config')]);
  terms.push(t);
  return t;
}

/** Start → adopt → must change → stays fixed (on the seed's version 1.13) → HA front → review; returns the review screen. */
async function adoptToReview(t: Terminal): Promise<string> {
  await t.waitFor(/▸ Adopt this host's files \(\d+ found\)/);
  await t.waitFor((s) => !s.includes('checking…'));
  t.keys('Enter');
  const must = await t.waitFor('What must change on this master');
  expect(must).toMatch(/--advertise-address +\[192\.168\.50\.101 +\] ✓/);
  expect(must).toMatch(/3\. +\[https:\/\/192\.168\.50\.1:2379 +\] ✓/);
  for (let i = 0; i < 7; i++) t.keys('Tab');
  await t.when(/▸?\s*Continue ▸/, 'Enter');
  const fixed = await t.waitFor('What stays fixed, and why');
  const minor = Number(/Kubernetes version ◂ 1\.(\d+) ▸/.exec(fixed)?.[1]);
  for (let i = minor; i > 13; i--) t.keys('Left');
  await t.when('◂ 1.13 ▸', 'Enter');
  // no HA front: the empty VIP goes on
  await t.when('Two masters behind a VIP (optional)', 'Enter');
  return t.waitFor(/Files: \d of \d change/);
}

it('adopts a master set up by hand from the seed and writes it again with the same command lines', async () => {
  const t = wizard();
  const review = await adoptToReview(t);
  expect(review).toContain('Files: 6 of 6 change');
  expect(review).toContain('/etc/kubernetes/apiserver  (changed, mode 0644)');
  expect(review).toMatch(/the file there now is kept as .*\/etc\/kubernetes\/apiserver\.bak-<UTC>/);
  t.keys('Enter');
  await t.when('Commands to run on the master (not run here', 'Enter');
  await t.when('Save the answers', 'Down', 'Down');
  await t.when(/Finish without saving/, 'Enter');
  expect(await t.exited()).toBe(0);

  for (const component of COMPONENTS) {
    const names = COMPONENT_FILES[component];
    const seed = execArgv(
      await readFile(join(FIXTURES, SEED_UNITS[component]!), 'utf8'),
      await readFile(join(FIXTURES, 'etc/kubernetes', names.envFile), 'utf8'),
    );
    const written = execArgv(
      await readFile(join(root, 'etc/systemd/system', names.unit), 'utf8'),
      await readFile(join(root, 'etc/kubernetes', names.envFile), 'utf8'),
    );
    expect(written).toEqual(seed);
  }

  // a second run starts from what is on disk now and finds nothing to change
  const again = wizard();
  const second = await adoptToReview(again);
  expect(second).toContain('Files: 0 of 6 change');
  expect(second).toContain('/etc/kubernetes/apiserver  (unchanged, mode 0644)');
  again.keys('q');
  expect(await again.exited()).toBe(0);
});
