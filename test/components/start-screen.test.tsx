import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { StartScreen } from '../../components/StartScreen.js';
import { translator } from '../../src/i18n/index.js';
import type { HostView } from '../../src/wizard/types.js';
import { testHost } from '../unit/wizard-helpers.js';
import { mount } from './harness.js';

afterEach(cleanup);

const found: HostView = testHost({
  isRoot: true,
  systemd: true,
  binaries: [
    { component: 'kube-apiserver', path: '/usr/local/bin/kube-apiserver', found: true, version: '1.13' },
    {
      component: 'kube-controller-manager',
      path: '/usr/local/bin/kube-controller-manager',
      found: true,
      version: '1.13',
    },
    { component: 'kube-scheduler', path: '/usr/local/bin/kube-scheduler', found: false },
  ],
  files: [
    { path: '/etc/kubernetes/apiserver', target: '/s/etc/kubernetes/apiserver' },
    { path: '/etc/kubernetes/token.csv', target: '/s/etc/kubernetes/token.csv' },
  ],
  // what adopting reads: the component's file, not token.csv
  adoptFiles: ['/s/etc/kubernetes/apiserver'],
  profiles: [{ name: 'master-1', savedAt: '2026-01-01T00:00:00Z' }],
  mode: { kind: 'scratch', root: '/home/me/.kmw-scratch', reasons: ['noBinaries'] },
});

describe('the start screen', () => {
  it('shows what was found and the choices, in English', () => {
    const m = mount(
      <StartScreen
        t={translator('en')}
        host={found}
        choices={['new', 'profile', 'adopt']}
        focus={2}
        profileIndex={0}
        width={100}
      />,
    );
    const f = m.flat();
    expect(f).toContain('kube-apiserver 1.13');
    expect(f).toContain('kube-scheduler: not found');
    expect(f).toContain('192.168.50.101 (eth0)');
    expect(f).not.toContain('127.0.0.1');
    expect(f).toContain('2: /etc/kubernetes/apiserver /etc/kubernetes/token.csv');
    expect(f).toContain('master-1');
    expect(f).toContain('working in the scratch directory /home/me/.kmw-scratch');
    expect(f).toContain('kube binaries missing');
    expect(f).toContain('Load a profile ◂ master-1 ▸');
    expect(f).toMatch(/▸ Adopt this host's files \(1 found\)/);
  });

  it('says the same in Chinese', () => {
    const m = mount(
      <StartScreen
        t={translator('zh')}
        host={found}
        choices={['new', 'profile', 'adopt']}
        focus={0}
        profileIndex={0}
        width={100}
      />,
    );
    const f = m.flat();
    expect(f).toContain('在本机发现');
    expect(f).toContain('kube-scheduler:未找到');
    expect(f).toContain('在临时目录 /home/me/.kmw-scratch 中工作');
    expect(f).toContain('▸ 新建配置');
    expect(f).toContain('沿用本机已有的文件(找到 1 个)');
  });

  it('offers to diagnose a master whose unit failed, in both languages', () => {
    const host = testHost({
      isRoot: true,
      systemd: true,
      mode: { kind: 'master' },
      failedUnits: ['kube-apiserver.service', 'kube-scheduler.service'],
    });
    const screen = (lang: 'en' | 'zh') =>
      mount(
        <StartScreen
          t={translator(lang)}
          host={host}
          choices={['new', 'diagnose']}
          focus={1}
          profileIndex={0}
          width={120}
        />,
      ).flat();
    expect(screen('en')).toContain(
      '▸ Diagnose this master: kube-apiserver.service, kube-scheduler.service failed (kmaster-wizard doctor, changes nothing)',
    );
    expect(screen('zh')).toContain(
      '▸ 诊断这台 master:kube-apiserver.service, kube-scheduler.service 已失败(kmaster-wizard doctor,不做任何改动)',
    );
  });

  it('shows that it is still looking while the binaries and profiles are not known', () => {
    const m = mount(
      <StartScreen
        t={translator('en')}
        host={testHost({ binaries: null, profiles: null, mode: null })}
        choices={['new']}
        focus={0}
        profileIndex={0}
        width={80}
      />,
    );
    expect(m.frame()).toContain('checking…');
    expect(m.frame()).toContain('Looking at this host…');
  });

  it('names a master as one', () => {
    const m = mount(
      <StartScreen
        t={translator('en')}
        host={testHost({ isRoot: true, systemd: true, mode: { kind: 'master' } })}
        choices={['new']}
        focus={0}
        profileIndex={0}
        width={80}
      />,
    );
    expect(m.frame()).toContain('This is a master');
  });
});
