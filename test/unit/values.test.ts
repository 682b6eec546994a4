import { describe, expect, it } from 'vitest';
import {
  etcdUrlReason,
  firstServiceIp,
  inCidr,
  ipReason,
  parseEtcdUrl,
  portRangeReason,
  serviceCidrReason,
  unsafeReason,
} from '../../src/model/values.js';

describe('single values', () => {
  it('accepts IPv4 and IPv6 addresses and refuses the rest', () => {
    expect(ipReason('192.168.50.101', { allowUnspecified: false })).toBeNull();
    expect(ipReason('fd00::1', { allowUnspecified: false })).toBeNull();
    expect(ipReason('192.168.50', { allowUnspecified: false })?.key).toBe('accept.ip');
    expect(ipReason('192.168.050.1x', { allowUnspecified: false })?.key).toBe('accept.ip');
    expect(ipReason('fe80::1%eth0', { allowUnspecified: false })?.key).toBe('accept.ip');
    expect(ipReason('224.0.0.1', { allowUnspecified: false })?.key).toBe('accept.unicast');
  });

  it('refuses 0.0.0.0 and :: only where a specific address is needed', () => {
    expect(ipReason('0.0.0.0', { allowUnspecified: false })?.key).toBe('accept.ipSpecific');
    expect(ipReason('::', { allowUnspecified: false })?.key).toBe('accept.ipSpecific');
    expect(ipReason('0.0.0.0', { allowUnspecified: true })).toBeNull();
  });

  it('takes etcd URLs with scheme, host and port only, in canonical form', () => {
    expect(parseEtcdUrl('https://192.168.50.1:2379')?.canonical).toBe('https://192.168.50.1:2379');
    expect(parseEtcdUrl('https://192.168.50.1:2379/')?.canonical).toBe('https://192.168.50.1:2379');
    expect(parseEtcdUrl('https://[fd00::0001]:2379')?.canonical).toBe('https://[fd00::1]:2379');
    expect(parseEtcdUrl('https://ETCD-1.example.com:2379')?.canonical).toBe(
      'https://etcd-1.example.com:2379',
    );
    for (const bad of [
      'http://192.168.50.1:2379',
      'https://192.168.50.1',
      'https://192.168.50.1:2379/v2',
      'https://192.168.50.1:99999',
      'https://300.1.1.1:2379',
      '192.168.50.1:2379',
      'https://user@host:2379',
    ]) {
      expect(etcdUrlReason(bad)?.key, bad).toBe('accept.etcdUrl');
    }
  });

  it('checks service ranges the way kube-apiserver does', () => {
    expect(serviceCidrReason('10.254.0.0/16')).toBeNull();
    expect(serviceCidrReason('10.254.0.1/16')).toEqual({
      key: 'accept.cidrNetwork',
      params: { network: '10.254.0.0/16' },
    });
    expect(serviceCidrReason('10.0.0.0/8')?.key).toBe('accept.cidrMax4');
    expect(serviceCidrReason('fd00::/64')?.key).toBe('accept.cidrMax6');
    expect(serviceCidrReason('fd00::/112')).toBeNull();
    expect(serviceCidrReason('10.254.0.0')?.key).toBe('accept.cidr');
  });

  it('finds the first service IP and membership of a range', () => {
    expect(firstServiceIp('10.254.0.0/16')).toBe('10.254.0.1');
    expect(firstServiceIp('10.32.0.0/24')).toBe('10.32.0.1');
    expect(firstServiceIp('fd00::/112')).toBe('fd00::1');
    expect(inCidr('10.254.3.4', '10.254.0.0/16')).toBe(true);
    expect(inCidr('192.168.50.101', '10.254.0.0/16')).toBe(false);
  });

  it('checks port ranges', () => {
    expect(portRangeReason('30000-50000')).toBeNull();
    expect(portRangeReason('50000-30000')?.key).toBe('accept.portRangeOrder');
    expect(portRangeReason('30000-70000')?.key).toBe('accept.port');
    expect(portRangeReason('30000')?.key).toBe('accept.portRange');
  });

  it('refuses every character an EnvironmentFile or a command line would interpret', () => {
    for (const bad of ['a b', 'a"b', "a'b", 'a\\b', 'a$b', 'a#b', 'a;b', 'a\nb', 'a`b', 'a\tb', '']) {
      expect(unsafeReason(bad), JSON.stringify(bad)).not.toBeNull();
    }
    expect(unsafeReason('/etc/kubernetes/ssl/ca.pem')).toBeNull();
  });
});
