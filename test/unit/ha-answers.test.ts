// The HA front's answers: the schema's rules (field named, what is accepted) and what does
// not fit this host (an address or interface it does not have, a VIP outside its network).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { type HostAddressFact, hostFitProblems, suggestedAddress } from '../../src/model/host-fit.js';
import { describeProblem } from '../../src/model/issues.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';

const base = {
  kubernetesVersion: '1.24',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
};
const withHa = (ha: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...base,
  ...extra,
  ha: { masters: ['192.168.50.101', '192.168.50.102'], vip: '192.168.50.100', ...ha },
});

function problems(input: unknown): [string, string][] {
  const r = parseAnswers(input);
  return r.ok ? [] : r.problems.map((p) => [p.field, p.accepted.key]);
}

describe('ha: in the answers', () => {
  it('takes the pair and fills the defaults', () => {
    const r = parseAnswers(withHa({}));
    expect(r.ok && r.answers.ha).toEqual({
      masters: ['192.168.50.101', '192.168.50.102'],
      vip: '192.168.50.100',
      port: 8443,
      virtualRouterId: 51,
    });
  });

  it.each([
    ['a VIP that is one of the masters', withHa({ vip: '192.168.50.102' }), 'ha.vip', 'accept.vipNotMaster'],
    ['a VIP in the service range', withHa({ vip: '10.254.0.100' }), 'ha.vip', 'accept.notInServiceRange'],
    ['a VIP of another family', withHa({ vip: 'fd00::100' }), 'ha.vip', 'accept.vipFamily'],
    ['the secure port as haproxy’s port', withHa({ port: 6443 }), 'ha.port', 'accept.notSecurePort'],
    [
      'a master list without this host',
      withHa({ masters: ['192.168.50.102', '192.168.50.103'] }),
      'ha.masters',
      'accept.mastersHasThis',
    ],
    ['one master only', withHa({ masters: ['192.168.50.101'] }), 'ha.masters', 'accept.list'],
    [
      'a master twice',
      withHa({ masters: ['192.168.50.101', '192.168.50.102', '192.168.50.102'] }),
      'ha.masters.2',
      'accept.unique',
    ],
    ['not an address', withHa({ vip: 'vip.example.com' }), 'ha.vip', 'accept.ip'],
    ['an interface name with a slash', withHa({ interface: 'eth0/1' }), 'ha.interface', 'accept.interface'],
    ['a router id out of range', withHa({ virtualRouterId: 256 }), 'ha.virtualRouterId', 'accept.int'],
    ['an unknown key', withHa({ priority: 100 }), 'ha.priority', 'accept.knownKey'],
  ])('refuses %s, naming the field', (_label, input, field, key) => {
    expect(problems(input)).toContainEqual([field, key]);
  });

  it('says what is accepted, in both languages', () => {
    const r = parseAnswers(withHa({ port: 6443, vip: '192.168.50.101' }));
    if (r.ok) throw new Error('accepted');
    for (const lang of ['en', 'zh'] as const) {
      const lines = r.problems.map((p) => describeProblem(p, translator(lang)));
      expect(lines.join('\n')).toContain('ha.port');
      expect(lines.join('\n')).toContain('6443');
      expect(lines.join('\n')).toContain('ha.vip');
    }
    expect(describeProblem(r.problems.find((p) => p.field === 'ha.port')!, translator('en'))).toBe(
      "ha.port: 6443 is not accepted; expected a port other than the apiserver's secure port 6443 (haproxy listens on it beside the apiserver).",
    );
  });

  it('a VIP anywhere outside the masters and the service range is accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 254 }), (last) => {
        const vip = `192.168.50.${last}`;
        const bad = vip === '192.168.50.101' || vip === '192.168.50.102';
        expect(problems(withHa({ vip })).some(([f]) => f === 'ha.vip')).toBe(bad);
      }),
    );
  });
});

const master2: HostAddressFact[] = [
  { address: '127.0.0.1', iface: 'lo', cidr: '127.0.0.1/8', internal: true },
  { address: '192.168.50.102', iface: 'eth0', cidr: '192.168.50.102/24' },
  { address: '10.9.0.5', iface: 'eth1', cidr: '10.9.0.5/16' },
];

describe('answers that do not fit this host', () => {
  it('master 1’s answers on master 2: both addresses are named, with this host’s', () => {
    const r = hostFitProblems(base, master2);
    expect(r.map((p) => p.field)).toEqual(['advertiseAddress', 'bindAddress']);
    expect(describeProblem(r[0]!, translator('en'))).toBe(
      'advertiseAddress: "192.168.50.101" is not accepted; expected an address of this host: 192.168.50.102 (eth0), 10.9.0.5 (eth1).',
    );
    expect(
      hostFitProblems({ ...base, advertiseAddress: '192.168.50.102', bindAddress: '0.0.0.0' }, master2),
    ).toEqual([]);
  });

  it('offers one of ha.masters that this host has, else its first address of the family', () => {
    expect(suggestedAddress(master2, '192.168.50.101', ['192.168.50.101', '192.168.50.102'])).toBe(
      '192.168.50.102',
    );
    expect(suggestedAddress(master2, '192.168.50.101')).toBe('192.168.50.102');
    expect(suggestedAddress(master2, 'fd00::1')).toBeNull();
  });

  it('a VIP outside the network of the VRRP interface is refused, naming the network', () => {
    const on2 = { advertiseAddress: '192.168.50.102', bindAddress: '192.168.50.102' };
    const r = hostFitProblems(withHa({ vip: '192.168.60.100' }, on2), master2);
    expect(r).toEqual([
      {
        field: 'ha.vip',
        value: '192.168.60.100',
        accepted: { key: 'accept.vipNetwork', params: { iface: 'eth0', cidr: '192.168.50.0/24' } },
      },
    ]);
    // named interface: its network counts
    expect(hostFitProblems(withHa({ vip: '10.9.200.1', interface: 'eth1' }, on2), master2)).toEqual([]);
    expect(hostFitProblems(withHa({ interface: 'eth7' }, on2), master2)).toEqual([
      {
        field: 'ha.interface',
        value: 'eth7',
        accepted: { key: 'accept.hostInterface', params: { list: 'lo, eth0, eth1' } },
      },
    ]);
    expect(hostFitProblems(withHa({}, on2), master2)).toEqual([]);
  });
});
