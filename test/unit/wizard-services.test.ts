import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { openProfileStore } from '../../src/profiles/store.js';
import { renderFiles } from '../../src/render/files.js';
import { draftToInput } from '../../src/wizard/draft.js';
import { kit } from '../../src/wizard/kit.js';
import { createServices, type Session } from '../../src/wizard/services.js';
import type { Event, Request } from '../../src/wizard/types.js';

const FIXTURES = new URL('../fixtures/seed', import.meta.url).pathname;

const seedInput = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
};

let work: string;
let root: string;
let sent: Event[];

function session(over: Partial<Session> = {}): Session {
  return {
    t: translator('en'),
    configDir: join(work, 'config'),
    root,
    mode: { kind: 'root', root },
    address: '10.0.0.7',
    version: '1.13',
    send: (e) => sent.push(e),
    ...over,
  };
}

async function run(req: Request, over: Partial<Session> = {}): Promise<Event[]> {
  return createServices(() => session(over)).run(req);
}

async function tree(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length))
      .sort();
  } catch {
    return [];
  }
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kmw-services-'));
  root = join(work, 'root');
  sent = [];
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('beginning', () => {
  it('starts a new setup from this host’s address and the seed’s port, with three empty etcd rows', async () => {
    const events = await run({ id: 1, kind: 'begin', choice: 'new' });
    expect(events.map((e) => e.type)).toEqual(['KIT', 'BEGUN']);
    const begun = events[1] as Extract<Event, { type: 'BEGUN' }>;
    expect(begun.payload.origin).toEqual({ kind: 'new' });
    expect(begun.payload.draft).toMatchObject({
      advertiseAddress: '10.0.0.7',
      bindAddress: '10.0.0.7',
      securePort: '6443',
      etcdServers: ['', '', ''],
      version: '1.13',
    });
  });

  it('adopts the files a person wrote by hand from the seed', async () => {
    await cp(FIXTURES, root, { recursive: true });
    const events = await run({ id: 2, kind: 'begin', choice: 'adopt' });
    const begun = events.find((e) => e.type === 'BEGUN') as Extract<Event, { type: 'BEGUN' }>;
    expect(begun.payload.draft).toMatchObject({
      advertiseAddress: '192.168.50.101',
      bindAddress: '192.168.50.101',
      securePort: '6443',
      etcdServers: SEED.etcdServers,
    });
    expect(begun.payload.origin).toMatchObject({ kind: 'adopt' });
    if (begun.payload.origin.kind === 'adopt') expect(begun.payload.origin.files).toHaveLength(6);
    // what was adopted passes the checks and is the seed again
    const parsed = parseAnswers(draftToInput(begun.payload.draft));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.answers.apiserver.admissionPlugins).toEqual(SEED.apiserver.admissionPlugins);
  });

  it('keeps a flag the wizard does not set as the person’s own and says so', async () => {
    await cp(FIXTURES, root, { recursive: true });
    const env = join(root, 'etc/kubernetes/apiserver');
    await writeFile(env, (await readFile(env, 'utf8')).replace('--v=2"', '--v=2 \\\n--profiling=false"'));
    const events = await run({ id: 2, kind: 'begin', choice: 'adopt' });
    const begun = events.find((e) => e.type === 'BEGUN') as Extract<Event, { type: 'BEGUN' }>;
    expect(begun.payload.notice).toMatchObject({ key: 'wizard.adopt.readOwn', params: { count: 1 } });
    const files = (begun.payload.origin as { files: string[] }).files.length;
    expect(translator('en')(begun.payload.notice!.key, begun.payload.notice!.params)).toBe(
      `Read this host's files (${files}); 1 flag the wizard does not set is kept as it is (next screen).`,
    );
    expect(begun.payload.origin).toMatchObject({
      unknownFlags: [{ component: 'kube-apiserver', flag: '--profiling' }],
    });
    const own = kit.fixedRows(begun.payload.draft).find((r) => r.kind === 'flag' && r.flag === '--profiling');
    expect(own).toMatchObject({
      component: 'kube-apiserver',
      value: 'false',
      own: true,
      why: null,
      mark: null,
    });
  });

  it('says there is nothing to adopt where no component’s files are', async () => {
    const events = await run({ id: 3, kind: 'begin', choice: 'adopt' });
    expect(events).toEqual([
      { type: 'FAILED', id: 3, notice: { tone: 'error', key: 'wizard.adopt.nothing', params: { root } } },
    ]);
  });

  it('opens a saved profile, and says so when there is none of that name', async () => {
    openProfileStore(join(work, 'config')).save('m1', { ...seedInput, securePort: 7443 });
    const events = await run({ id: 4, kind: 'begin', choice: 'profile', profile: 'm1' });
    const begun = events.find((e) => e.type === 'BEGUN') as Extract<Event, { type: 'BEGUN' }>;
    expect(begun.payload.origin).toEqual({ kind: 'profile', name: 'm1' });
    expect(begun.payload.draft.securePort).toBe('7443');
    const missing = await run({ id: 5, kind: 'begin', choice: 'profile', profile: 'm9' });
    expect(missing[0]).toMatchObject({
      type: 'FAILED',
      notice: { key: 'profiles.notFound', params: { name: 'm9' } },
    });
  });
});

describe('planning, writing, saving', () => {
  it('plans every file as new against an empty root, with the commands', async () => {
    const [e] = await run({ id: 1, kind: 'plan', input: seedInput });
    expect(e?.type).toBe('PLANNED');
    if (e?.type !== 'PLANNED') return;
    const files = e.review.lines.filter((l) => l.kind === 'file');
    expect(files).toHaveLength(6);
    expect(files.every((l) => l.kind === 'file' && l.action === 'create' && l.target.startsWith(root))).toBe(
      true,
    );
    expect(e.review.lines).toContainEqual({ kind: 'add', text: 'KUBE_API_PORT="--secure-port=6443"' });
    expect(e.review.lines[1]).toEqual({ kind: 'heading', key: 'wizard.review.under', params: { root } });
    expect(e.review.commands[0]).toEqual(['systemctl', 'daemon-reload']);
    expect(await tree(root)).toEqual([]);
  });

  it('writes exactly what the renderer renders, under the root, and nothing when nothing changed', async () => {
    const [e] = await run({ id: 1, kind: 'write', input: seedInput });
    expect(e?.type).toBe('WRITTEN');
    const parsed = parseAnswers(seedInput);
    if (!parsed.ok) throw new Error('seed answers refused');
    for (const f of renderFiles(parsed.answers, 13).files) {
      expect(await readFile(join(root, f.path), 'utf8')).toBe(f.content);
      expect((await stat(join(root, f.path))).mode & 0o777).toBe(f.mode);
    }
    const [again] = await run({ id: 2, kind: 'write', input: seedInput });
    expect(again).toMatchObject({ type: 'WRITTEN', result: { written: [] } });
  });

  it('keeps a backup of each file it replaces', async () => {
    await cp(FIXTURES, root, { recursive: true });
    const before = await readFile(join(root, 'etc/kubernetes/apiserver'), 'utf8');
    const [e] = await run({ id: 1, kind: 'write', input: seedInput });
    if (e?.type !== 'WRITTEN') throw new Error(`not written: ${JSON.stringify(e)}`);
    const api = e.result.written.find((w) => w.path === '/etc/kubernetes/apiserver');
    expect(api?.backup).toMatch(/apiserver\.bak-\d{8}T\d{6}Z$/);
    expect(await readFile(api!.backup!, 'utf8')).toBe(before);
  });

  it('reports answers that do not pass the checks instead of writing', async () => {
    const [e] = await run({ id: 1, kind: 'write', input: { ...seedInput, securePort: 'x' } });
    expect(e).toMatchObject({ type: 'FAILED', notice: { key: 'wizard.error' } });
    expect(await tree(root)).toEqual([]);
  });

  it('saves the answers as a profile', async () => {
    const [e] = await run({ id: 1, kind: 'save', name: 'master-1', input: seedInput });
    expect(e).toEqual({ type: 'SAVED', id: 1, name: 'master-1' });
    expect(openProfileStore(join(work, 'config')).get('master-1')).toMatchObject(seedInput);
  });
});
