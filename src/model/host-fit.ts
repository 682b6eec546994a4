import type { FieldProblem } from './issues.js';
import { inCidr, isUnspecified, networkAddress, parseCidr, parseIp } from './values.js';

/**
 * Whether answers fit the host they are applied on — the second master set up from the
 * first one's answers names the first one's addresses until they are changed. Pure: the
 * host's addresses are given. Only values that are addresses are looked at (the schema
 * reports the others).
 */
export interface HostAddressFact {
  address: string;
  /** the interface holding it: eth0 */
  iface: string;
  /** the address with its prefix, 192.168.50.102/24 (null when the host does not say) */
  cidr?: string | null;
  internal?: boolean;
}

const canonical = (v: unknown): string | null =>
  typeof v === 'string' ? (parseIp(v.trim())?.toString() ?? null) : null;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The host's addresses as the list a message shows: 192.168.50.102 (eth0), … (no loopback). */
export function addressList(addrs: readonly HostAddressFact[]): string {
  const shown = addrs.filter((a) => !a.internal);
  return shown.map((a) => `${a.address} (${a.iface})`).join(', ') || '-';
}

/** Whether the host holds this address (any interface, loopback included). */
export function holds(addrs: readonly HostAddressFact[], address: string): boolean {
  const want = canonical(address);
  return want !== null && addrs.some((a) => canonical(a.address) === want);
}

/** The interface that holds this address on the host. */
export function interfaceOf(addrs: readonly HostAddressFact[], address: string): HostAddressFact | null {
  const want = canonical(address);
  return addrs.find((a) => canonical(a.address) === want) ?? null;
}

/**
 * The host's address to offer instead of one it does not have: one of ha.masters when the
 * host holds one (master 2 of a pair), else its first reachable address of the same family.
 */
export function suggestedAddress(
  addrs: readonly HostAddressFact[],
  instead: string,
  masters: readonly unknown[] = [],
): string | null {
  const listed = masters.map(canonical).find((m) => m !== null && holds(addrs, m));
  if (listed) return listed;
  const v6 = instead.includes(':');
  return addrs.find((a) => !a.internal && a.address.includes(':') === v6)?.address ?? null;
}

/** The fields of raw answers that name an address this host does not have. */
export function foreignAddresses(input: unknown, addrs: readonly HostAddressFact[]): FieldProblem[] {
  if (!isObject(input)) return [];
  const out: FieldProblem[] = [];
  const list = addressList(addrs);
  for (const field of ['advertiseAddress', 'bindAddress'] as const) {
    const value = canonical(input[field]);
    if (value === null || isUnspecified(value) || holds(addrs, value)) continue;
    out.push({ field, value: input[field], accepted: { key: 'accept.hostAddress', params: { list } } });
  }
  return out;
}

/**
 * What of the HA front does not fit this host: the VRRP interface it does not have, and a VIP
 * outside the network of that interface (keepalived moves the VIP on that network only).
 */
export function haMisfits(input: unknown, addrs: readonly HostAddressFact[]): FieldProblem[] {
  if (!isObject(input) || !isObject(input.ha)) return [];
  const ha = input.ha;
  const advertise = canonical(input.advertiseAddress);
  const out: FieldProblem[] = [];
  const named = typeof ha.interface === 'string' && ha.interface !== '' ? ha.interface : null;
  const ifaces = [...new Set(addrs.map((a) => a.iface))];
  if (named && !ifaces.includes(named)) {
    out.push({
      field: 'ha.interface',
      value: ha.interface,
      accepted: { key: 'accept.hostInterface', params: { list: ifaces.join(', ') || '-' } },
    });
    return out;
  }
  const vip = canonical(ha.vip);
  if (!vip) return out;
  // the interface's own network, from the address it holds in the VIP's family
  const on = addrs.filter((a) =>
    named ? a.iface === named : advertise !== null && a.iface === interfaceOf(addrs, advertise)?.iface,
  );
  const nets = on.filter((a) => a.cidr && a.address.includes(':') === vip.includes(':'));
  if (nets.length === 0 || nets.some((a) => inCidr(vip, networkOf(a.cidr!)))) return out;
  out.push({
    field: 'ha.vip',
    value: ha.vip,
    accepted: {
      key: 'accept.vipNetwork',
      params: { iface: nets[0]!.iface, cidr: nets.map((a) => networkOf(a.cidr!)).join(', ') },
    },
  });
  return out;
}

/** 192.168.50.102/24 → 192.168.50.0/24 */
function networkOf(cidr: string): string {
  const parsed = parseCidr(cidr);
  return parsed ? `${networkAddress(parsed[0], parsed[1]).toString()}/${parsed[1]}` : cidr;
}

/**
 * The VRRP interface to render with when the answers name none: the one holding the advertise
 * address; when this host does not hold that (answers of another master, which the preflight
 * refuses), the one holding the address it would be offered instead.
 */
export function vrrpInterface(
  addrs: readonly HostAddressFact[],
  advertise: string,
  masters: readonly string[],
): string | null {
  const own = interfaceOf(addrs, advertise);
  if (own) return own.iface;
  const instead = suggestedAddress(addrs, advertise, masters);
  return instead ? (interfaceOf(addrs, instead)?.iface ?? null) : null;
}

/** Every way the answers do not fit this host. */
export function hostFitProblems(input: unknown, addrs: readonly HostAddressFact[]): FieldProblem[] {
  return [...foreignAddresses(input, addrs), ...haMisfits(input, addrs)];
}
