import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { SaveScreen } from '../../components/SaveScreen.js';
import { WrittenScreen } from '../../components/WrittenScreen.js';
import { translator } from '../../src/i18n/index.js';
import { SAVE_BUTTONS } from '../../src/wizard/rows.js';
import { mount } from './harness.js';

afterEach(cleanup);

const result = {
  written: [
    {
      path: '/etc/kubernetes/apiserver',
      target: '/r/etc/kubernetes/apiserver',
      action: 'update',
      backup: '/r/etc/kubernetes/apiserver.bak-20260101T000000Z',
    },
    { path: '/etc/kubernetes/scheduler', target: '/r/etc/kubernetes/scheduler', action: 'create' },
  ],
  commands: [
    ['systemctl', 'daemon-reload'],
    ['systemctl', 'enable', 'kube-apiserver.service'],
  ],
  root: '/r',
};

describe('the written-files screen', () => {
  it('lists what was written, the backups, and the commands that were not run', () => {
    const f = mount(
      <WrittenScreen
        t={translator('en')}
        result={result}
        busy={false}
        onHost={false}
        width={110}
        height={20}
        focused
      />,
    ).flat();
    expect(f).toContain('wrote /r/etc/kubernetes/apiserver (changed)');
    expect(f).toContain('backup: /r/etc/kubernetes/apiserver.bak-20260101T000000Z');
    expect(f).toContain('wrote /r/etc/kubernetes/scheduler (new)');
    expect(f).toContain('Commands to run on the master (not run here: the files are under /r):');
    expect(f).toContain('$ systemctl enable kube-apiserver.service');
  });

  it('keeps the commands on a short screen and shortens the list of files instead', () => {
    const f = mount(
      <WrittenScreen
        t={translator('en')}
        result={result}
        busy={false}
        onHost={false}
        width={110}
        height={8}
        focused
      />,
    ).flat();
    expect(f).toContain('wrote /r/etc/kubernetes/apiserver (changed)');
    expect(f).toContain('… and 2 more');
    expect(f).not.toContain('/r/etc/kubernetes/scheduler (new)');
    expect(f).toContain('$ systemctl daemon-reload');
    expect(f).toContain('$ systemctl enable kube-apiserver.service');
  });

  it('says so in Chinese, and says it is writing while it writes', () => {
    expect(
      mount(
        <WrittenScreen
          t={translator('zh')}
          result={result}
          busy={false}
          onHost={false}
          width={110}
          height={20}
          focused
        />,
      ).flat(),
    ).toContain('需要在 master 上执行的命令(此处未执行:文件在 /r 下):');
    expect(
      mount(
        <WrittenScreen
          t={translator('en')}
          result={null}
          busy
          onHost={false}
          width={80}
          height={20}
          focused={false}
        />,
      ).frame(),
    ).toContain('Writing the files…');
  });
});

describe('the save screen', () => {
  it('asks for a name and warns before replacing a profile', () => {
    const profiles = [{ name: 'master-1', savedAt: '2026-01-01T00:00:00Z' }];
    const f = mount(
      <SaveScreen
        t={translator('en')}
        name="master-1"
        cursor={8}
        focus={0}
        buttons={SAVE_BUTTONS}
        profiles={profiles}
        busy={false}
        saved={null}
        width={100}
      />,
    ).flat();
    expect(f).toContain('▸ Profile name [master-1');
    expect(f).toContain('a profile named master-1 exists and will be replaced');
    expect(f).toContain('Finish without saving');
    const zh = mount(
      <SaveScreen
        t={translator('zh')}
        name=""
        cursor={0}
        focus={1}
        buttons={SAVE_BUTTONS}
        profiles={[]}
        busy={false}
        saved={null}
        width={100}
      />,
    ).flat();
    expect(zh).toContain('配置档名称');
    expect(zh).toContain('不保存,结束');
  });
});
