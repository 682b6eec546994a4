import ipaddr from 'ipaddr.js';
import type { AcceptKey } from '../i18n/en.js';
import type { Params } from '../i18n/index.js';

/** Why a value is refused: the key of the sentence saying what is accepted, and its parameters. */
export interface Reason {
  key: AcceptKey;
  params?: Params;
}

const reason = (key: AcceptKey, params?: Params): Reason => (params ? { key, params } : { key });

/**
 * Checks for the single values that end up on a kube-* command line through an
 * EnvironmentFile. Each returns null when the value is accepted, else the Reason naming what is
 * accepted (the schema turns it into a message naming the field).
 *
 * A value is never escaped: anything that an EnvironmentFile or systemd's `$VAR` word
 * splitting would treat specially (white space, quotes, backslash, `$`, `#`, `;`, control
 * characters) is refused outright, so what the user typed is exactly what the binary sees.
 */

/** Characters allowed in every value that is written into an EnvironmentFile. */
export const SAFE_VALUE = /^[A-Za-z0-9._/:@,=+%\-[\]]+$/;

export function unsafeReason(value: string): Reason | null {
  if (value.length === 0) return reason('accept.nonEmpty');
  if (SAFE_VALUE.test(value)) return null;
  return reason('accept.safe');
}

export function parseIp(value: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (value.includes('%')) return null; // zone ids are not accepted by the kube binaries
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (!value.includes(':')) return null;
  return ipaddr.IPv6.isValid(value) ? ipaddr.IPv6.parse(value) : null;
}

export function isUnspecified(value: string): boolean {
  const ip = parseIp(value);
  return ip !== null && ip.range() === 'unspecified';
}

export interface IpRules {
  /** 0.0.0.0 and :: (listen on every address) */
  allowUnspecified: boolean;
  /**
   * An address the other members reach this host at (the advertise address): not loopback
   * (127.0.0.0/8, ::1) and not link-local (169.254.0.0/16, fe80::/10).
   */
  member?: boolean;
}

export function ipReason(value: string, opts: IpRules): Reason | null {
  const parsed = parseIp(value);
  if (!parsed) return reason('accept.ip');
  // ::ffff:127.0.0.1 is 127.0.0.1
  const ip = parsed.kind() === 'ipv6' && parsed.range() === 'ipv4Mapped' ? toIpv4(parsed) : parsed;
  if (!opts.allowUnspecified && ip.range() === 'unspecified') {
    return reason('accept.ipSpecific');
  }
  if (ip.kind() === 'ipv4' && ['multicast', 'broadcast'].includes(ip.range()))
    return reason('accept.unicast');
  if (ip.kind() === 'ipv6' && ip.range() === 'multicast') return reason('accept.unicast');
  if (opts.member && ip.range() === 'loopback') return reason('accept.ipNotLoopback');
  if (opts.member && ip.range() === 'linkLocal') return reason('accept.ipNotLinkLocal');
  return null;
}

function toIpv4(ip: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return ip.kind() === 'ipv6' ? (ip as ipaddr.IPv6).toIPv4Address() : ip;
}

export function portReason(value: number): Reason | null {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? null : reason('accept.port');
}

export interface EtcdUrl {
  host: string;
  port: number;
  /** the URL in canonical form: https://host:port */
  canonical: string;
}

export function parseEtcdUrl(value: string): EtcdUrl | null {
  const m = /^https:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/.exec(value);
  if (!m) return null;
  const hostPart = m[1]!;
  const port = Number(m[2]);
  if (portReason(port)) return null;
  const bare = hostPart.startsWith('[') ? hostPart.slice(1, -1) : hostPart;
  if (hostPart.startsWith('[')) {
    if (parseIp(bare)?.kind() !== 'ipv6') return null;
  } else if (/^[0-9.]+$/.test(bare)) {
    if (!ipaddr.IPv4.isValidFourPartDecimal(bare)) return null;
  } else if (!isDnsName(bare)) {
    return null;
  }
  const host = parseIp(bare)?.toString() ?? bare.toLowerCase();
  const canonicalHost = host.includes(':') ? `[${host}]` : host;
  return { host, port, canonical: `https://${canonicalHost}:${port}` };
}

export function etcdUrlReason(value: string): Reason | null {
  return parseEtcdUrl(value) ? null : reason('accept.etcdUrl');
}

export function dnsNameReason(value: string): Reason | null {
  return isDnsName(value) ? null : reason('accept.dnsName');
}

export function isDnsName(value: string): boolean {
  if (value.length > 253) return false;
  return value.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

export function parseCidr(value: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return null;
  const ip = parseIp(m[1]!);
  const bits = Number(m[2]);
  if (!ip) return null;
  const max = ip.kind() === 'ipv4' ? 32 : 128;
  if (bits > max) return null;
  return [ip, bits];
}

/** The service range rules kube-apiserver itself enforces at start. */
export function serviceCidrReason(value: string): Reason | null {
  const parsed = parseCidr(value);
  if (!parsed) return reason('accept.cidr');
  const [ip, bits] = parsed;
  const network = networkAddress(ip, bits);
  if (network.toString() !== ip.toString()) {
    return reason('accept.cidrNetwork', { network: `${network.toString()}/${bits}` });
  }
  if (ip.kind() === 'ipv4' && bits < 12) return reason('accept.cidrMax4');
  if (ip.kind() === 'ipv6' && bits < 108) return reason('accept.cidrMax6');
  if (ip.kind() === 'ipv4' && bits > 30) return reason('accept.cidrMin4');
  return null;
}

export function networkAddress(ip: ipaddr.IPv4 | ipaddr.IPv6, bits: number): ipaddr.IPv4 | ipaddr.IPv6 {
  const bytes = ip.toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    bytes[i] = bytes[i]! & ((0xff << (8 - keep)) & 0xff);
  }
  return ipaddr.fromByteArray(bytes);
}

/** The first address of the service range: the `kubernetes` service's ClusterIP. */
export function firstServiceIp(cidr: string): string | null {
  const parsed = parseCidr(cidr);
  if (!parsed) return null;
  const bytes = networkAddress(parsed[0], parsed[1]).toByteArray();
  for (let i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = (bytes[i]! + 1) & 0xff;
    if (bytes[i] !== 0) break;
  }
  return ipaddr.fromByteArray(bytes).toString();
}

export function inCidr(address: string, cidr: string): boolean {
  const ip = parseIp(address);
  const parsed = parseCidr(cidr);
  if (!ip || !parsed || ip.kind() !== parsed[0].kind()) return false;
  return ip.match(parsed);
}

export function parsePortRange(value: string): [number, number] | null {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(value);
  if (!m) return null;
  return [Number(m[1]), Number(m[2])];
}

export function portRangeReason(value: string): Reason | null {
  const r = parsePortRange(value);
  if (!r) return reason('accept.portRange');
  if (portReason(r[0]) || portReason(r[1])) return reason('accept.port');
  if (r[0] >= r[1]) return reason('accept.portRangeOrder');
  return null;
}

/** A Go duration as kube flags take it (1h, 30m, 1h30m, 90s). */
export function durationReason(value: string): Reason | null {
  return /^(\d+(\.\d+)?(h|m|s|ms))+$/.test(value) ? null : reason('accept.duration');
}

export function absolutePathReason(value: string): Reason | null {
  if (!value.startsWith('/')) return reason('accept.absPath');
  if (value.split('/').some((part) => part === '..')) return reason('accept.noDotDot');
  return unsafeReason(value);
}

export function flagNameReason(value: string): Reason | null {
  return /^--[a-z0-9][a-z0-9-]*$/.test(value) ? null : reason('accept.flagName');
}
