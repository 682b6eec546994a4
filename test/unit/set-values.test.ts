import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { applySets, parseSet, parseSets, type SetValue } from '../../src/model/set-values.js';

const set = (given: string): SetValue => {
  const r = parseSet(given);
  if ('kind' in r) throw new Error(`not a set: ${given}`);
  return r;
};

const seed = {
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
};

describe('--set KEY=VALUE', () => {
  it('reads dotted keys, list indexes and typed values', () => {
    expect(set('advertiseAddress=192.168.50.102')).toEqual({
      key: 'advertiseAddress',
      path: ['advertiseAddress'],
      value: '192.168.50.102',
    });
    expect(set('ha.port=8443')).toEqual({ key: 'ha.port', path: ['ha', 'port'], value: 8443 });
    expect(set('etcdServers.1=https://10.0.0.2:2379').path).toEqual(['etcdServers', 1]);
    expect(set('apiserver.anonymousAuth=true').value).toBe(true);
    expect(set('ha.masters=[192.168.50.101, 192.168.50.102]').value).toEqual([
      '192.168.50.101',
      '192.168.50.102',
    ]);
    // a version stays text, as it must be (YAML would read 1.20 as the number 1.2)
    expect(set('kubernetesVersion=1.20').value).toBe('1.20');
    // everything after the first = is the value
    expect(set('apiserver.extraArgs.0=--feature-gates=A=true').value).toBe('--feature-gates=A=true');
    expect(set('ha.vip=').value).toBeUndefined();
  });

  it('refuses what is not KEY=VALUE, a key that is not a dotted name, and a broken list', () => {
    expect(parseSet('advertiseAddress')).toEqual({ kind: 'syntax', given: 'advertiseAddress' });
    expect(parseSet('=1')).toEqual({ kind: 'syntax', given: '=1' });
    expect(parseSet('ha..vip=1')).toMatchObject({ kind: 'key', key: 'ha..vip' });
    expect(parseSet('0.vip=1')).toMatchObject({ kind: 'key' });
    expect(parseSet('ha vip=1')).toMatchObject({ kind: 'key' });
    expect(parseSet('ha.masters=[1, 2')).toMatchObject({ kind: 'value', key: 'ha.masters' });
    const all = parseSets(['a=1', 'b', 'c=2', '=3']);
    expect(all.ok).toBe(false);
    if (!all.ok) expect(all.problems.map((p) => p.kind)).toEqual(['syntax', 'syntax']);
  });

  it('applies sets in order on a copy, creating maps and lists on the way', () => {
    const raw = { ...seed, ha: { vip: '192.168.50.100' } };
    const r = applySets(raw, [
      set('advertiseAddress=192.168.50.102'),
      set('ha.masters.0=192.168.50.101'),
      set('ha.masters.1=192.168.50.102'),
      set('etcdServers.3=https://192.168.50.103:2379'),
      set('securePort=7443'),
      set('securePort=6443'),
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.raw.advertiseAddress).toBe('192.168.50.102');
    expect(r.raw.ha).toEqual({ vip: '192.168.50.100', masters: ['192.168.50.101', '192.168.50.102'] });
    expect((r.raw.etcdServers as string[]).length).toBe(4);
    expect(r.raw.securePort).toBe(6443);
    // the loaded answers are left as they were
    expect(raw.advertiseAddress).toBe('192.168.50.101');
    expect(raw.ha).toEqual({ vip: '192.168.50.100' });
  });

  it('an empty value removes the key, so it takes its default again', () => {
    const r = applySets({ ...seed, serviceNodePortRange: '30000-32767', ha: { vip: 'x' } }, [
      set('serviceNodePortRange='),
      set('ha='),
      set('etcdServers.2='),
      set('nothing.here='),
    ]);
    expect(r.ok && r.raw).toEqual({ ...seed, etcdServers: seed.etcdServers.slice(0, 2) });
  });

  it('names the key when its path runs through a single value or past a list', () => {
    expect(applySets(seed, [set('advertiseAddress.x=1')])).toEqual({
      ok: false,
      problem: { kind: 'path', key: 'advertiseAddress.x', at: 'advertiseAddress' },
    });
    expect(applySets(seed, [set('etcdServers.9=https://a:1')])).toEqual({
      ok: false,
      problem: { kind: 'path', key: 'etcdServers.9', at: 'etcdServers.9' },
    });
    expect(applySets(seed, [set('etcdServers.x=1')])).toMatchObject({ ok: false });
  });

  it('the result is checked like a file: a refused value is named at its field', () => {
    const r = applySets(seed, [set('securePort=70000'), set('advertiseAddres=1.2.3.4')]);
    if (!r.ok) throw new Error('not applied');
    const parsed = parseAnswers(r.raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.field, p.accepted.key]).sort()).toEqual([
      ['advertiseAddres', 'accept.knownKey'],
      ['securePort', 'accept.port'],
    ]);
  });

  it('a text value comes back exactly as typed', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter(
            (v) => v.trim() !== '' && !/^\s*(\d+|true|false|null|~)\s*$/.test(v) && !/^\s*[[{]/.test(v),
          ),
        (value) => {
          const r = parseSet(`ha.vip=${value}`);
          expect(r).toEqual({ key: 'ha.vip', path: ['ha', 'vip'], value });
        },
      ),
    );
  });
});
