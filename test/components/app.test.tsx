import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../components/App.js';
import { translator } from '../../src/i18n/index.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { openProfileStore } from '../../src/profiles/store.js';
import { renderFiles } from '../../src/render/files.js';
import { createServices } from '../../src/wizard/services.js';
import type { State } from '../../src/wizard/state.js';
import { testHost, testState } from '../unit/wizard-helpers.js';
import { mount } from './harness.js';

let work: string;
let root: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kmw-app-'));
  root = join(work, 'root');
});
afterEach(async () => {
  cleanup();
  await rm(work, { recursive: true, force: true });
});

async function files(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function app(lang: 'en' | 'zh') {
  const t = translator(lang);
  let exit: { code: number; state: State } | null = null;
  const m = mount(
    <App
      t={t}
      initial={testState({ host: testHost({ mode: { kind: 'root', root } }) })}
      services={createServices(() => ({
        t,
        configDir: join(work, 'config'),
        root,
        mode: { kind: 'root', root },
        address: '192.168.50.101',
        version: '1.13',
        send: () => {},
      }))}
      connect={() => () => {}}
      onExit={(code, state) => {
        exit = { code, state };
      }}
    />,
  );
  return { m, exited: () => exit as { code: number; state: State } | null };
}

describe('the wizard shell', () => {
  // a walk through every screen: longer than the 5 s a single check gets on a busy machine
  it('goes through a whole setup as a person would: a typo corrected, Esc back, confirm, save', async () => {
    const { m, exited } = app('en');
    expect(m.frame()).toContain('What is on this host');
    expect(m.frame()).toContain('↑↓/Tab move');
    await m.press('enter');
    await m.waitFor('What must change on this master');
    await m.press('down', 'down', 'down');
    await m.type('http://192.168.50.101:2379');
    await m.waitFor((f) => f.replace(/\s+/g, ' ').includes('"http://192.168.50.101:2379" is not accepted'));
    await m.press('home', 'right', 'right', 'right', 'right');
    await m.type('s');
    await m.waitFor((f) => /1\. +\[https:\/\/192\.168\.50\.101:2379 +\] ✓/.test(f));
    await m.press('enter');
    await m.type('https://192.168.50.102:2379');
    await m.press('enter');
    await m.type('https://192.168.50.1:2379');
    await m.press('enter'); // to Continue
    await m.press('enter');
    await m.waitFor('What stays fixed, and why');
    await m.press('esc');
    await m.waitFor('What must change on this master');
    expect(m.frame()).toMatch(/3\. +\[https:\/\/192\.168\.50\.1:2379 +\] ✓/);
    await m.press('enter');
    await m.waitFor('What stays fixed, and why');
    await m.press('enter');
    await m.waitFor('Two masters behind a VIP (optional)');
    await m.press('enter');
    await m.waitFor('Files: 6 of 6 change');
    expect(await files(root)).toEqual([]);
    await m.press('enter');
    await m.waitFor('Commands to run on the master');
    await m.press('enter');
    await m.waitFor('Save the answers');
    await m.type('master-1');
    await m.press('enter');
    await m.waitFor(() => exited() !== null);
    expect(exited()?.code).toBe(0);
    const answers = parseAnswers(openProfileStore(join(work, 'config')).get('master-1'));
    expect(answers.ok).toBe(true);
    if (!answers.ok) return;
    expect(answers.answers.etcdServers).toEqual(SEED.etcdServers);
    for (const f of renderFiles(answers.answers, 13).files) {
      expect(await readFile(join(root, f.path), 'utf8')).toBe(f.content);
    }
  }, 30_000);

  it('quits on Ctrl-C in the middle with nothing written', async () => {
    const { m, exited } = app('en');
    await m.press('enter');
    await m.waitFor('What must change on this master');
    await m.press('down', 'down', 'down');
    await m.type('https://192.168');
    await m.press('ctrlC');
    await m.waitFor(() => exited() !== null);
    expect(exited()?.code).toBe(130);
    expect(await files(work)).toEqual([]);
  });

  it('speaks Chinese throughout, and the footer always shows the keys', async () => {
    const { m } = app('zh');
    expect(m.frame()).toContain('本机情况');
    expect(m.frame()).toContain('退出');
    await m.press('enter');
    await m.waitFor('以下参数需要改动');
    expect(m.flat()).toContain('--advertise-address=改成本机ip,用此地址作为集群成员');
    expect(m.frame()).toContain('返回');
    await m.press('down', 'down', 'down', 'down', 'down', 'down', 'down');
    await m.press('enter');
    await m.waitFor('还有 3 个值未被接受');
  });
});
