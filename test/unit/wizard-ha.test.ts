// The wizard's HA step and the answers of another master: the machine, without a terminal.
import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { draftFrom, draftToInput } from '../../src/wizard/draft.js';
import { hintsFor } from '../../src/wizard/keymap.js';
import { focusedRow, rowsOf } from '../../src/wizard/rows.js';
import type { State } from '../../src/wizard/state.js';
import type { AddressView } from '../../src/wizard/types.js';
import { press, send, testHost, testState, type } from './wizard-helpers.js';

const MASTER1 = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
};
const PAIR = { ...MASTER1, ha: { masters: ['192.168.50.101', '192.168.50.102'], vip: '192.168.50.100' } };

/** Master 2: its own address on eth0 in a /24. */
const MASTER2_ADDRESSES: AddressView[] = [
  { address: '127.0.0.1', iface: 'lo', internal: true, cidr: '127.0.0.1/8' },
  { address: '192.168.50.102', iface: 'eth0', internal: false, cidr: '192.168.50.102/24' },
];
const onMaster2 = () =>
  testState({
    host: testHost({ mode: { kind: 'master' }, isRoot: true, systemd: true, addresses: MASTER2_ADDRESSES }),
  });

function begin(s: State, raw: Record<string, unknown>): State {
  const asked = press(s, 'enter');
  return send(asked, {
    type: 'BEGUN',
    id: asked.request!.id,
    payload: { draft: draftFrom(raw, { version: '1.13' }), origin: { kind: 'profile', name: 'm1' } },
  });
}

function focusOn(s: State, id: string): State {
  const i = rowsOf(s).findIndex((r) => r.kind === 'field' && r.id === id);
  expect(i, id).toBeGreaterThanOrEqual(0);
  let out = s;
  while (out.focus !== i) out = press(out, out.focus < i ? 'down' : 'up');
  return out;
}

/** From must change (with valid answers) to the HA step. */
const toHa = (s: State) => {
  const out = send(s, { type: 'NEXT' }, { type: 'NEXT' });
  expect(out.step).toBe('ha');
  return out;
};

describe('the HA step', () => {
  it('comes after stays fixed; an empty VIP goes on with Enter and writes no ha:', () => {
    const s = toHa(begin(testState(), MASTER1));
    expect(focusedRow(s)).toMatchObject({ id: 'ha.vip' });
    const on = press(s, 'enter');
    expect(on.step).toBe('review');
    expect(draftToInput(on.draft).ha).toBeUndefined();
  });

  it('a VIP and the other master give the pair, with the defaults, checked like a file', () => {
    let s = toHa(begin(testState(), MASTER1));
    s = type(s, '192.168.50.100');
    // Enter goes field by field now; the second master is still empty
    s = press(s, 'enter', 'enter');
    expect(focusedRow(s)).toMatchObject({ id: 'ha.masters.1' });
    s = type(s, '192.168.50.102');
    const input = draftToInput(s.draft);
    expect(input.ha).toEqual({
      masters: ['192.168.50.101', '192.168.50.102'],
      vip: '192.168.50.100',
      port: 8443,
      virtualRouterId: 51,
    });
    expect(parseAnswers(input).ok).toBe(true);
    expect(send(s, { type: 'NEXT' }).step).toBe('review');
  });

  it('does not go on while an ha: value is refused, and focuses it', () => {
    let s = toHa(begin(testState(), MASTER1));
    s = type(s, '192.168.50.100');
    s = send(s, { type: 'NEXT' });
    expect(s.step).toBe('ha');
    expect(s.notice).toMatchObject({ tone: 'error', key: 'wizard.notice.fixFirst', params: { count: 1 } });
    expect(focusedRow(s)).toMatchObject({ id: 'ha.masters.1' });
    expect(s.problems.get('ha.masters.1')?.accepted.key).toBe('accept.nonEmpty');
  });

  it('adds, removes and reorders masters like etcd servers', () => {
    let s = toHa(begin(testState(), PAIR));
    expect(s.draft.ha.masters).toEqual(['192.168.50.101', '192.168.50.102']);
    s = focusOn(s, 'ha.masters.1');
    s = press(s, 'shiftUp');
    expect(s.draft.ha.masters).toEqual(['192.168.50.102', '192.168.50.101']);
    s = press(s, 'down', 'down', 'enter');
    expect(focusedRow(s)).toMatchObject({ id: 'ha.masters.2' });
    s = type(s, '192.168.50.103');
    expect(s.draft.ha.masters).toHaveLength(3);
    s = press(s, 'ctrlD');
    expect(s.draft.ha.masters).toEqual(['192.168.50.102', '192.168.50.101']);
  });

  it('the stays-fixed screen is not held up by an ha: value', () => {
    const s = send(begin(testState(), { ...PAIR, ha: { ...PAIR.ha, port: 6443 } }), { type: 'NEXT' });
    expect(s.step).toBe('staysFixed');
    expect(s.problems.has('ha.port')).toBe(true);
    expect(send(s, { type: 'NEXT' }).step).toBe('ha');
  });
});

describe('master 1’s answers opened on master 2', () => {
  it('says the addresses are not this host’s, refuses them, and Ctrl-T puts this host’s in', () => {
    let s = begin(onMaster2(), PAIR);
    expect(s.step).toBe('mustChange');
    expect(s.notice).toEqual({
      tone: 'warn',
      key: 'wizard.notice.notThisHost',
      params: { given: '192.168.50.101', address: '192.168.50.102' },
    });
    expect(s.problems.get('advertiseAddress')?.accepted).toEqual({
      key: 'accept.hostAddress',
      params: { list: '192.168.50.102 (eth0)' },
    });
    expect(s.problems.has('bindAddress')).toBe(true);
    expect(hintsFor(s).map((h) => h.keys)).toContain('Ctrl-T');
    expect(send(s, { type: 'NEXT' }).step).toBe('mustChange');

    s = press(s, 'ctrlT');
    expect(s.draft.advertiseAddress).toBe('192.168.50.102');
    expect(s.draft.bindAddress).toBe('192.168.50.102');
    expect(s.notice).toMatchObject({
      key: 'wizard.notice.usedHostAddress',
      params: { address: '192.168.50.102' },
    });
    expect(s.problems.size).toBe(0);
    expect(hintsFor(s).map((h) => h.keys)).not.toContain('Ctrl-T');
    // the pair's answers go on as they were: ha.masters names this master already
    expect(draftToInput(s.draft).ha).toMatchObject({ masters: ['192.168.50.101', '192.168.50.102'] });
  });

  it('keeps a bind address on every address when only the advertise address is another host’s', () => {
    let s = begin(onMaster2(), { ...PAIR, bindAddress: '0.0.0.0' });
    expect(s.problems.has('bindAddress')).toBe(false);
    s = press(s, 'ctrlT');
    expect([s.draft.advertiseAddress, s.draft.bindAddress]).toEqual(['192.168.50.102', '0.0.0.0']);
  });

  it('judges the VIP against the network of this host’s interface', () => {
    let s = begin(onMaster2(), {
      ...PAIR,
      advertiseAddress: '192.168.50.102',
      bindAddress: '192.168.50.102',
    });
    expect(s.problems.size).toBe(0);
    s = toHa(s);
    s = press(s, 'ctrlU');
    s = type(s, '192.168.60.100');
    expect(s.problems.get('ha.vip')?.accepted).toEqual({
      key: 'accept.vipNetwork',
      params: { iface: 'eth0', cidr: '192.168.50.0/24' },
    });
  });

  it('under --root (files for another machine) this host’s addresses are not held against the answers', () => {
    const s = begin(testState(), { ...PAIR, advertiseAddress: '192.0.2.7', bindAddress: '192.0.2.7' });
    expect(s.notice?.key).not.toBe('wizard.notice.notThisHost');
    expect(s.problems.has('advertiseAddress')).toBe(false);
    expect(press(s, 'ctrlT').draft.advertiseAddress).toBe('192.0.2.7');
  });
});
