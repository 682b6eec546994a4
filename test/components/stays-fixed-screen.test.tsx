import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { AdvancedView } from '../../components/AdvancedView.js';
import { fieldScreenProps } from '../../components/field-screen.js';
import { StaysFixedScreen } from '../../components/StaysFixedScreen.js';
import { translator } from '../../src/i18n/index.js';
import { SEED } from '../../src/model/seed.js';
import { draftFrom } from '../../src/wizard/draft.js';
import { rowsOf } from '../../src/wizard/rows.js';
import type { State } from '../../src/wizard/state.js';
import { press, send, testState, type } from '../unit/wizard-helpers.js';
import { mount } from './harness.js';

afterEach(cleanup);

function atStaysFixed(version: string): State {
  let s = press(testState(), 'enter');
  const draft = draftFrom(
    {
      advertiseAddress: '192.168.50.101',
      bindAddress: '192.168.50.101',
      securePort: 6443,
      etcdServers: [...SEED.etcdServers],
    },
    { version },
  );
  s = send(s, { type: 'BEGUN', id: s.request!.id, payload: { draft, origin: { kind: 'new' } } });
  s = press(s, 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'enter');
  expect(s.step).toBe('staysFixed');
  return s;
}

function view(s: State, lang: 'en' | 'zh', height = 60) {
  return mount(
    <StaysFixedScreen
      t={translator(lang)}
      version={s.draft.version}
      detectedVersion={s.host.detectedVersion}
      rows={rowsOf(s)}
      focus={s.focus}
      problems={s.problems}
      width={120}
      height={height}
    />,
  );
}

describe('the stays-fixed screen', () => {
  it('lists the seed’s fixed flags with the seed’s reasons, in Chinese', () => {
    const f = view(atStaysFixed('1.13'), 'zh').flat();
    expect(f).toContain('Kubernetes 版本 ◂ 1.13 ▸');
    expect(f).toContain('--anonymous-auth=false 是否开启对于https端口的匿名访问');
    expect(f).toContain('--kubelet-https=true kubelet作为服务端时启用https,默认监听10250端口');
    expect(f).toContain(
      '--address=127.0.0.1 scheduler本身提供访问端口10251,但其他组件不会主动访问它,填写127.0.0.1即可',
    );
    expect(f).toContain('kube-controller-manager');
    expect(f).toContain('高级:修改这些值…');
  });

  it('marks what 1.24 removes, adds and renames, in English', () => {
    const f = view(atStaysFixed('1.24'), 'en').flat();
    expect(f).toContain('Kubernetes version ◂ 1.24 ▸');
    expect(f).toContain('--enable-swagger-ui=true [removed in 1.24]');
    expect(f).toContain('--kubelet-https=true [removed in 1.22]');
    expect(f).toMatch(/--service-account-issuer=https:\/\/kubern\S* \[added for 1\.20\+\]/);
    expect(f).toContain('--address=127.0.0.1 [→ --bind-address from 1.20]');
    expect(f).toContain('--master=http://127.0.0.1:8080 [→ --kubeconfig from 1.20]');
  });

  it('scrolls the list with the focus in a short terminal and explains the focused flag', () => {
    let s = atStaysFixed('1.13');
    for (let i = 0; i < 30; i++) s = press(s, 'down');
    const f = view(s, 'en', 18).frame();
    expect(f).not.toContain('--service-cluster-ip-range=10.254.0.0/16 the Service cluster IP range');
    expect(f.split('\n').length).toBeLessThanOrEqual(18);
    expect(f).toMatch(/▸ +--/);
  });
});

describe('the advanced editor', () => {
  it('edits the values the seed keeps fixed and says what is refused', () => {
    let s = atStaysFixed('1.13');
    while (rowsOf(s)[s.focus]?.kind !== 'advanced') s = press(s, 'down');
    s = press(s, 'enter');
    s = type(press(s, 'ctrlU'), '10.254.0.1/16');
    const m = mount(<AdvancedView {...fieldScreenProps(translator('en'), s, 110, 30)} />);
    const f = m.flat();
    expect(f).toContain('▸ Service range [10.254.0.1/16');
    expect(f).toContain('expected the network address of the range (10.254.0.0/16), not a host inside it');
    expect(f).toContain('NodePort range [30000-50000');
    expect(f).toContain('--service-cluster-ip-range');
    const zh = mount(<AdvancedView {...fieldScreenProps(translator('zh'), s, 110, 30)} />).flat();
    expect(zh).toContain('Service 网段');
    expect(zh).toContain('应为网段的网络地址(10.254.0.0/16),而不是网段内的某个主机地址');
  });
});
