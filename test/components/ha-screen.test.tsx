import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldScreenProps } from '../../components/field-screen.js';
import { HaScreen } from '../../components/HaScreen.js';
import { translator } from '../../src/i18n/index.js';
import { draftFrom } from '../../src/wizard/draft.js';
import { focusedRow } from '../../src/wizard/rows.js';
import type { State } from '../../src/wizard/state.js';
import { press, send, testState, type } from '../unit/wizard-helpers.js';
import { mount } from './harness.js';

afterEach(cleanup);

const SEED_MASTER = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: ['https://192.168.50.101:2379', 'https://192.168.50.102:2379', 'https://192.168.50.1:2379'],
};

/** Through must change and stays fixed, to the HA step. */
function atHa(raw: Record<string, unknown> = SEED_MASTER): State {
  let s = press(testState(), 'enter');
  s = send(s, {
    type: 'BEGUN',
    id: s.request!.id,
    payload: { draft: draftFrom(raw, { version: '1.13' }), origin: { kind: 'new' } },
  });
  s = press(s, 'tab', 'tab', 'tab', 'tab', 'tab', 'tab', 'tab', 'enter', 'enter');
  expect(s.step).toBe('ha');
  return s;
}

function view(s: State, lang: 'en' | 'zh', height = 40, width = 100) {
  return mount(<HaScreen {...fieldScreenProps(translator(lang), s, width, height)} />);
}

describe('the HA step', () => {
  it('says what the front is, in the seed’s own Chinese, and why the components do not use it', () => {
    const f = view(atHa(), 'zh').flat();
    expect(f).toContain('kube-apiserver为无状态服务,可以同时运行多个,通过keepalived或LB负载做高可用');
    expect(f).toContain('云上的 4 层负载不支持节点访问自身');
    expect(f).toContain('VIP 留空则只配置这一台 master');
    expect(f).toContain('+ 添加一台 master');
  });

  it('starts with this master and an empty row for the other one; nothing is judged while the VIP is empty', () => {
    const s = atHa();
    expect(s.draft.ha.masters).toEqual(['192.168.50.101', '']);
    const f = view(s, 'en').frame();
    expect(f).toMatch(/▸ VIP +\[ +\] ✓/);
    // the rows under an empty VIP carry no mark at all: neither ✗ nor ✓
    expect(f).toMatch(/1\. +\[192\.168\.50\.101 +\]\n/);
    expect(f).toMatch(/2\. +\[e\.g\. 192\.168\.50\.102 +\]\n/);
    expect(f).toMatch(/haproxy port +\[8443 +\]\n/);
    expect(f).toContain('a free address of the masters’ network; clients and kubectl use https://VIP:PORT');
  });

  it('with a VIP, every field is checked as it is typed, in both languages', () => {
    let s = atHa();
    s = type(s, '192.168.50.101');
    expect(view(s, 'en').flat()).toContain(
      '"192.168.50.101" is not accepted; expected a free address of the masters\' network, not one of the masters\' own',
    );
    expect(view(s, 'zh').flat()).toContain('不接受 "192.168.50.101";应为master 所在网段中的空闲地址');
    s = press(s, 'ctrlU');
    s = type(s, '192.168.50.100');
    // the other master's empty row is not an error before Continue is pressed, then it is
    expect(view(s, 'en').frame()).toMatch(/2\. +\[e\.g\. 192\.168\.50\.102 +\]\n/);
    s = send(s, { type: 'NEXT' });
    expect(s.step).toBe('ha');
    expect(focusedRow(s)).toMatchObject({ id: 'ha.masters.1' });
    expect(view(s, 'en').frame()).toMatch(/▸ +2\. +\[ +\] ✗/);
  });

  it('offers this host’s interfaces for VRRP', () => {
    let s = atHa();
    s = press(s, 'down', 'down', 'down', 'down', 'down');
    expect(focusedRow(s)).toMatchObject({ id: 'ha.interface' });
    expect(view(s, 'en').frame()).toContain("←→ this host's interfaces: eth0  eth1");
    // while another row is focused, the empty field says what it stands for
    expect(view(atHa(), 'en').frame()).toContain('(the one holding 192.168.50.101)');
    s = press(s, 'right');
    expect(s.draft.ha.interface).toBe('eth0');
  });

  it('fits a short terminal by explaining only the focused field', () => {
    const f = view(atHa(), 'en', 16, 80).flat();
    expect(f).not.toContain('The controller-manager and the scheduler keep using');
    expect(f).not.toContain('where haproxy listens on the VIP');
    expect(f).toContain('clients and kubectl use https://VIP:PORT');
  });
});
