import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { parseIp } from '../model/values.js';

/**
 * Reading certificates and keys with node's crypto (X509Certificate, createPrivateKey):
 * pure functions over the bytes of a file.
 */

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

export interface PemBlock {
  /** CERTIFICATE, PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY, PUBLIC KEY, … */
  label: string;
  text: string;
}

export function pemBlocks(data: Buffer | string): PemBlock[] {
  const s = typeof data === 'string' ? data : data.toString('latin1');
  return [...s.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1]!, text: m[0] }));
}

export type ParsedCerts = { ok: true; certs: X509Certificate[] } | { ok: false; reason: 'empty' | 'invalid' };

/** Every certificate of a PEM file (a CA bundle may hold several), or a single DER certificate. */
export function parseCertificates(data: Buffer): ParsedCerts {
  const blocks = pemBlocks(data).filter((b) => b.label === 'CERTIFICATE');
  try {
    if (blocks.length > 0) return { ok: true, certs: blocks.map((b) => new X509Certificate(b.text)) };
    if (data.length === 0) return { ok: false, reason: 'empty' };
    return { ok: true, certs: [new X509Certificate(data)] };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

export type ParsedKey =
  | { ok: true; key: KeyObject }
  | { ok: false; reason: 'empty' | 'encrypted' | 'not-a-key' | 'invalid' };

/** The private key of a file (PEM or DER). */
export function parsePrivateKey(data: Buffer): ParsedKey {
  if (data.length === 0) return { ok: false, reason: 'empty' };
  const blocks = pemBlocks(data);
  if (
    blocks.some((b) => b.label === 'ENCRYPTED PRIVATE KEY') ||
    /Proc-Type: 4,ENCRYPTED/.test(data.toString('latin1'))
  )
    return { ok: false, reason: 'encrypted' };
  const keyBlock = blocks.find((b) => /PRIVATE KEY$/.test(b.label));
  if (blocks.length > 0 && !keyBlock) return { ok: false, reason: 'not-a-key' };
  try {
    const key = keyBlock
      ? createPrivateKey(keyBlock.text)
      : createPrivateKey({ key: data, format: 'der', type: 'pkcs8' });
    return { ok: true, key };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

/** A PEM block kube-apiserver cannot use as a service-account verification key, and why. */
export type RefusedKeyBlock = { label: string; why: 'pkcs8-ec' | 'pkcs1-public' | 'key-type' };

/**
 * The public keys a verification key file (kube-apiserver --service-account-key-file) gives,
 * exactly as kube reads it (client-go keyutil.ParsePublicKeysPEM): RSA private keys (PKCS#1
 * or PKCS#8), EC private keys in SEC1 form only ("EC PRIVATE KEY": an EC key in PKCS#8,
 * "PRIVATE KEY", is not read), RSA and EC public keys in PKIX form ("PUBLIC KEY"), and
 * certificates of such keys. Other blocks are passed over; `refused` says which key blocks
 * were, and why.
 */
export function verificationKeyBlocks(data: Buffer): { keys: KeyObject[]; refused: RefusedKeyBlock[] } {
  const keys: KeyObject[] = [];
  const refused: RefusedKeyBlock[] = [];
  const usable = (k: KeyObject) => k.asymmetricKeyType === 'rsa' || k.asymmetricKeyType === 'ec';
  for (const b of pemBlocks(data)) {
    try {
      let key: KeyObject | null = null;
      if (b.label === 'RSA PRIVATE KEY' || b.label === 'EC PRIVATE KEY' || b.label === 'PRIVATE KEY')
        key = createPublicKey(b.text);
      else if (b.label === 'PUBLIC KEY') key = createPublicKey(b.text);
      else if (b.label === 'CERTIFICATE') key = new X509Certificate(b.text).publicKey;
      else if (b.label === 'RSA PUBLIC KEY') refused.push({ label: b.label, why: 'pkcs1-public' });
      if (!key) continue;
      if (!usable(key)) refused.push({ label: b.label, why: 'key-type' });
      else if (b.label === 'PRIVATE KEY' && key.asymmetricKeyType === 'ec')
        refused.push({ label: b.label, why: 'pkcs8-ec' });
      else keys.push(key);
    } catch {}
  }
  return { keys, refused };
}

export function verificationKeys(data: Buffer): KeyObject[] {
  return verificationKeyBlocks(data).keys;
}

export function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  const der = (k: KeyObject) =>
    (k.type === 'private' ? createPublicKey(k) : k).export({ type: 'spki', format: 'der' });
  return der(a).equals(der(b));
}

export interface Sans {
  ips: string[];
  dns: string[];
}

/** `DNS:kubernetes, IP Address:10.254.0.1` → {dns: [kubernetes], ips: [10.254.0.1]} (IPs normalised). */
export function sansOf(cert: X509Certificate): Sans {
  const out: Sans = { ips: [], dns: [] };
  for (const raw of (cert.subjectAltName ?? '').split(/,\s*/)) {
    const entry = raw.replace(/^"|"$/g, '');
    if (entry.startsWith('DNS:')) out.dns.push(entry.slice(4).toLowerCase());
    else if (entry.startsWith('IP Address:')) {
      const ip = parseIp(entry.slice(11));
      if (ip) out.ips.push(ip.toString());
    }
  }
  return out;
}

/** Whether a DNS name is covered by a SAN entry, with a `*.` wildcard matching one label. */
export function dnsCovered(name: string, sans: string[]): boolean {
  const n = name.toLowerCase();
  return sans.some((s) => {
    if (s === n) return true;
    if (!s.startsWith('*.')) return false;
    const dot = n.indexOf('.');
    return dot > 0 && n.slice(dot + 1) === s.slice(2);
  });
}

export const OID_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
export const OID_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const OID_ANY_EKU = '2.5.29.37.0';

/** A certificate without extended key usage may be used for anything (as Go's crypto/x509 reads it). */
export function allowsUsage(cert: X509Certificate, oid: string): boolean {
  const eku = cert.keyUsage;
  if (!eku || eku.length === 0) return true;
  return eku.includes(oid) || eku.includes(OID_ANY_EKU);
}

export const USAGE_NAMES: Record<string, string> = {
  [OID_SERVER_AUTH]: 'serverAuth',
  [OID_CLIENT_AUTH]: 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  [OID_ANY_EKU]: 'any',
};

export function usageNames(cert: X509Certificate): string {
  const eku = cert.keyUsage ?? [];
  return eku.length === 0 ? '-' : eku.map((o) => USAGE_NAMES[o] ?? o).join(', ');
}

/** The subject's CN (`CN=system:kube-scheduler` → system:kube-scheduler), or null. */
export function commonName(cert: X509Certificate): string | null {
  for (const line of cert.subject.split('\n')) if (line.startsWith('CN=')) return line.slice(3);
  return null;
}

export function validity(cert: X509Certificate): { from: Date; to: Date } {
  return { from: new Date(cert.validFrom), to: new Date(cert.validTo) };
}

/** Signed by `ca`: the issuer name matches its subject and the signature checks out with its key. */
export function issuedBy(cert: X509Certificate, ca: X509Certificate): boolean {
  try {
    return cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}

export function keyMatches(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false;
  }
}

/** One line for a date in messages: 2026-11-25 23:12 UTC. */
export function dateText(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
