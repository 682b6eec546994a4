import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldScreenProps } from '../../components/field-screen.js';
import { MustChangeScreen } from '../../components/MustChangeScreen.js';
import { translator } from '../../src/i18n/index.js';
import { newDraft } from '../../src/wizard/draft.js';
import { kit } from '../../src/wizard/kit.js';
import { rowsOf } from '../../src/wizard/rows.js';
import type { State } from '../../src/wizard/state.js';
import { press, send, testState, type } from '../unit/wizard-helpers.js';
import { mount } from './harness.js';

afterEach(cleanup);

function atMustChange(): State {
  const s = press(testState(), 'enter');
  return send(s, {
    type: 'BEGUN',
    id: s.request!.id,
    payload: { draft: newDraft({ version: '1.13', address: '192.168.50.101' }), origin: { kind: 'new' } },
  });
}

function view(s: State, lang: 'en' | 'zh', height = 30) {
  return mount(
    <MustChangeScreen {...fieldScreenProps(translator(lang), s, 100, height)} addresses={s.host.addresses} />,
  );
}

describe('the must-change screen', () => {
  it('explains each field in the seed’s own Chinese words', () => {
    const f = view(atMustChange(), 'zh').flat();
    expect(f).toContain('--advertise-address=改成本机ip,用此地址作为集群成员');
    expect(f).toContain('--bind-address=改成本机ip,监听https的地址');
    expect(f).toContain('--secure-port=默认6443端口');
    expect(f).toContain('--etcd-servers=改成3台etcd的地址');
    expect(f).toContain('+ 添加一个 etcd 地址');
  });

  it('explains each field in English, and offers this host’s addresses on the focused one', () => {
    const f = view(atMustChange(), 'en').frame();
    expect(f).toContain(
      "change it to this host's IP; the cluster's members reach this master at this address",
    );
    expect(f).toContain("←→ this host's addresses: 192.168.50.101 (eth0)  10.0.0.7 (eth1)");
    expect(f).toMatch(/▸ --advertise-address +\[192\.168\.50\.101 +\] ✓/);
    // each empty row offers the seed's own member for that row, and is no error before it is typed in
    expect(f).toMatch(/1\. +\[e\.g\. https:\/\/192\.168\.50\.101:2379 +\]$/m);
    expect(f).toMatch(/2\. +\[e\.g\. https:\/\/192\.168\.50\.102:2379 +\]$/m);
    expect(f).toMatch(/3\. +\[e\.g\. https:\/\/192\.168\.50\.1:2379 +\]$/m);
    expect(f).not.toContain('✗');
    expect(f).not.toContain('is not accepted');
  });

  it('marks a field once it was edited, and every field once Continue was pressed, in both languages', () => {
    const s = atMustChange();
    // the advertise address emptied by hand: refused at once, and only that one
    const edited = press(s, 'ctrlU');
    for (const lang of ['en', 'zh'] as const) {
      const f = view(edited, lang).frame();
      expect(f).toMatch(/▸ --advertise-address +\[ +\] ✗/);
      expect(f).toContain(lang === 'en' ? '"" is not accepted' : '不接受 ""');
      expect(f).toMatch(/1\. +\[.*\]$/m);
    }
    // Continue with the etcd rows still empty: now they are marked, and the first one is focused
    let tried = type(edited, '192.168.50.101');
    while (rowsOf(tried)[tried.focus]?.kind !== 'next') tried = press(tried, 'down');
    tried = press(tried, 'enter');
    expect(tried.step).toBe('mustChange');
    const f = view(tried, 'en').frame();
    expect(f).toMatch(/▸ +1\. +\[.*\] ✗/);
    expect(f).toMatch(/2\. +\[.*\] ✗/);
    expect(f).toMatch(/3\. +\[.*\] ✗/);
    expect(f).toMatch(/--advertise-address +\[192\.168\.50\.101 +\] ✓/);
  });

  it('shows the model’s reason for a refused value, in both languages', () => {
    let s = atMustChange();
    s = press(s, 'down', 'down', 'down');
    s = type(s, 'http://192.168.50.101:2379');
    expect(view(s, 'en').flat()).toContain(
      '"http://192.168.50.101:2379" is not accepted; expected an https URL with a host and a port and nothing after it',
    );
    expect(view(s, 'zh').flat()).toContain(
      '不接受 "http://192.168.50.101:2379";应为带主机和端口、后面不带路径的 https 地址',
    );
  });

  it('keeps to a short terminal by explaining only the focused field', () => {
    const s = atMustChange();
    const f = view(s, 'en', 14).frame();
    expect(f).toContain("the cluster's members reach this master");
    expect(f).not.toContain('the address https listens on');
  });

  it('uses the checks of the answers model (the kit) for every row', () => {
    const s = atMustChange();
    expect([...kit.validate(s.draft).keys()]).toEqual(['etcdServers.0', 'etcdServers.1', 'etcdServers.2']);
  });
});
