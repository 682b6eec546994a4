import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { parseMinor } from '../../src/model/version.js';
import { openProfileStore } from '../../src/profiles/store.js';
import { renderFiles } from '../../src/render/files.js';
import { requireBundle, Terminal } from './tmux.js';

let work: string;
let term: Terminal | null = null;
beforeAll(requireBundle);
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kmw-term-setup-'));
});
afterEach(async () => {
  term?.close();
  term = null;
  await rm(work, { recursive: true, force: true });
});

it('types a whole setup as a person would and writes exactly the rendered files under --root', async () => {
  const root = join(work, 'root');
  const config = join(work, 'config');
  term = Terminal.start(['--lang', 'en', '--root', root, '--config-dir', config]);
  const t = term;
  await t.waitFor('New setup');
  expect(t.screen()).toContain(`The files go under ${root} (--root); no systemctl runs.`);
  await t.waitFor((s) => !s.includes('checking…'));
  t.keys('Enter');

  // the seed's answers: this master's address for both, the seed's port, the three etcd members
  await t.when('--advertise-address', 'C-u');
  t.type('192.168.50.101');
  await t.when(/--advertise-address +\[192\.168\.50\.101 +\] ✓/, 'Down', 'C-u');
  t.type('192.168.50.101');
  await t.when(/--bind-address +\[192\.168\.50\.101 +\] ✓/, 'Down');
  await t.when(/▸ --secure-port +\[6443/, 'Down');
  // a typo, seen and corrected in the middle of the value
  t.type('http://192.168.50.101:2379');
  await t.waitFor('"http://192.168.50.101:2379" is not accepted');
  t.keys('Home', 'Right', 'Right', 'Right', 'Right');
  t.type('s');
  await t.when(/1\. +\[https:\/\/192\.168\.50\.101:2379 +\] ✓/, 'Enter');
  await t.waitFor(/▸ +2\./);
  t.type('https://192.168.50.102:2379');
  await t.when(/2\. +\[https:\/\/192\.168\.50\.102:2379 +\] ✓/, 'Enter');
  await t.waitFor(/▸ +3\./);
  t.type('https://192.168.50.1:2379');
  await t.when(/3\. +\[https:\/\/192\.168\.50\.1:2379 +\] ✓/, 'Enter');
  await t.when(/▸?\s*Continue ▸/, 'Enter');

  const fixed = await t.waitFor('What stays fixed, and why');
  const version = /Kubernetes version ◂ (1\.\d+) ▸/.exec(fixed)?.[1];
  expect(version).toBeDefined();
  // back one step: every answer is still there
  t.keys('Escape');
  await t.waitFor('What must change on this master');
  expect(t.screen()).toMatch(/3\. +\[https:\/\/192\.168\.50\.1:2379 +\] ✓/);
  t.keys('Enter');
  await t.when('What stays fixed, and why', 'Enter');
  await t.when('Two masters behind a VIP (optional)', 'Enter');

  const review = await t.waitFor(/Files: \d of \d change/);
  expect(review).toContain('/etc/kubernetes/apiserver  (new, mode 0644)');
  t.keys('Enter'); // Write the files under ROOT
  await t.when('Commands to run on the master (not run here', 'Enter');
  await t.when('Save the answers', 'C-u');
  t.type('seed-master');
  t.keys('Enter');
  expect(await t.exited()).toBe(0);
  expect(t.scrollback()).toContain(`Files written under ${root}.`);

  const answers = parseAnswers({
    kubernetesVersion: version,
    advertiseAddress: '192.168.50.101',
    bindAddress: '192.168.50.101',
    securePort: 6443,
    etcdServers: [...SEED.etcdServers],
  });
  if (!answers.ok) throw new Error('the seed answers are refused');
  for (const f of renderFiles(answers.answers, parseMinor(version!)!).files) {
    expect(await readFile(join(root, f.path), 'utf8')).toBe(f.content);
    expect((await stat(join(root, f.path))).mode & 0o777).toBe(f.mode);
  }
  expect(openProfileStore(config).get('seed-master')).toMatchObject({
    advertiseAddress: '192.168.50.101',
    etcdServers: SEED.etcdServers,
  });
});

it('opens a saved profile with --profile and starts from its answers', async () => {
  const config = join(work, 'config');
  openProfileStore(config).save('master-2', {
    kubernetesVersion: '1.13',
    advertiseAddress: '192.168.50.102',
    bindAddress: '192.168.50.102',
    securePort: 6443,
    etcdServers: [...SEED.etcdServers],
  });
  term = Terminal.start([
    '--lang',
    'en',
    '--root',
    join(work, 'root'),
    '--config-dir',
    config,
    '--profile',
    'master-2',
  ]);
  const t = term;
  const must = await t.waitFor('What must change on this master');
  expect(must).toMatch(/--advertise-address +\[192\.168\.50\.102 +\] ✓/);
  expect(must).toMatch(/3\. +\[https:\/\/192\.168\.50\.1:2379 +\] ✓/);
  t.keys('C-c');
  expect(await t.exited()).toBe(130);
});
