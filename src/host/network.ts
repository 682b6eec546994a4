import { networkInterfaces } from 'node:os';
import type { HostAddressFact } from '../model/host-fit.js';

export interface HostAddress {
  interface: string;
  address: string;
  family: 'IPv4' | 'IPv6';
  internal: boolean;
  /** the address with its prefix length: 192.168.50.102/24 */
  cidr: string | null;
}

/** This host's addresses, non-loopback first; IPv6 link-local ones are left out (they need a zone). */
export function hostAddresses(): HostAddress[] {
  const out: HostAddress[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80:')) continue;
      out.push({ interface: name, address: a.address, family: a.family, internal: a.internal, cidr: a.cidr });
    }
  }
  return out.sort((x, y) => Number(x.internal) - Number(y.internal));
}

/** This host's addresses as the answers' checks take them. */
export function addressFacts(): HostAddressFact[] {
  return hostAddresses().map((a) => ({
    address: a.address,
    iface: a.interface,
    cidr: a.cidr,
    internal: a.internal,
  }));
}
