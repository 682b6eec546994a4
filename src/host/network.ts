import { networkInterfaces } from 'node:os';

export interface HostAddress {
  interface: string;
  address: string;
  family: 'IPv4' | 'IPv6';
  internal: boolean;
}

/** This host's addresses, non-loopback first; IPv6 link-local ones are left out (they need a zone). */
export function hostAddresses(): HostAddress[] {
  const out: HostAddress[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80:')) continue;
      out.push({ interface: name, address: a.address, family: a.family, internal: a.internal });
    }
  }
  return out.sort((x, y) => Number(x.internal) - Number(y.internal));
}
