// Certificates made in the tests with @peculiar/x509 on node's webcrypto: a CA and leaves
// with any validity period, extended key usage, subject alternative names and signer, and
// the seed's set of files written under a directory (as /etc/kubernetes/ssl/... under it).
import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY = 24 * 60 * 60 * 1000;

export interface Pair {
  certPem: string;
  keyPem: string;
  cert: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
}

async function keyPair(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

/** The private key in SEC1 form ("EC PRIVATE KEY"), as cfssl writes it. */
async function keyPem(keys: webcrypto.CryptoKeyPair): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({
    type: 'sec1',
    format: 'pem',
  }) as string;
}

/** The same key in PKCS#8 form ("PRIVATE KEY"), as `openssl genpkey` writes it. */
export function pkcs8Pem(pem: string): string {
  return createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem' }) as string;
}

export async function makeCa(cn = 'kubernetes'): Promise<Pair> {
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${cn}, O=k8s`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    signingAlgorithm: SIGN,
    keys: keys as never,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as never),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyPem(keys), cert, keys };
}

export interface LeafSpec {
  cn: string;
  o?: string;
  ips?: string[];
  dns?: string[];
  eku?: ('serverAuth' | 'clientAuth')[];
  notBefore?: Date;
  notAfter?: Date;
  /** the signer (default: the set's CA) */
  ca?: Pair;
}

export async function makeLeaf(ca: Pair, spec: LeafSpec): Promise<Pair> {
  const keys = await keyPair();
  const signer = spec.ca ?? ca;
  const names = [
    ...(spec.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
    ...(spec.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
  ];
  const eku = (spec.eku ?? ['serverAuth', 'clientAuth']).map((u) =>
    u === 'serverAuth' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
  );
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Math.floor(Math.random() * 1e9)
      .toString(16)
      .padStart(8, '1'),
    subject: spec.o ? `CN=${spec.cn}, O=${spec.o}` : `CN=${spec.cn}`,
    issuer: signer.cert.subjectName,
    notBefore: spec.notBefore ?? new Date(Date.now() - DAY),
    notAfter: spec.notAfter ?? new Date(Date.now() + 3650 * DAY),
    signingAlgorithm: SIGN,
    publicKey: keys.publicKey as never,
    signingKey: signer.keys.privateKey as never,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      ...(eku.length ? [new x509.ExtendedKeyUsageExtension(eku)] : []),
      ...(names.length ? [new x509.SubjectAlternativeNameExtension(names)] : []),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyPem(keys), cert, keys };
}

export const SSL = '/etc/kubernetes/ssl';
export const APISERVER_IPS = ['127.0.0.1', '192.168.50.101', '192.168.50.102', '10.254.0.1'];
export const APISERVER_DNS = [
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
];

export type LeafName = 'kubernetes' | 'etcd' | 'kube-controller-manager' | 'kube-scheduler';

export function defaultSpecs(): Record<LeafName, LeafSpec> {
  return {
    kubernetes: { cn: 'kubernetes', o: 'k8s', ips: APISERVER_IPS, dns: APISERVER_DNS },
    etcd: { cn: 'etcd', o: 'k8s', ips: ['127.0.0.1', '192.168.50.101', '192.168.50.102', '192.168.50.1'] },
    'kube-controller-manager': {
      cn: 'system:kube-controller-manager',
      o: 'system:kube-controller-manager',
      eku: ['clientAuth'],
    },
    'kube-scheduler': { cn: 'system:kube-scheduler', o: 'system:kube-scheduler', eku: ['clientAuth'] },
  };
}

export async function put(root: string, path: string, content: string, mode = 0o644): Promise<void> {
  const target = join(root, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
  await chmod(target, mode);
}

export interface SeedSet {
  ca: Pair;
  leaves: Record<LeafName, Pair>;
}

/**
 * The seed's files under `root`: ca.pem/ca-key.pem, kubernetes, etcd, and the controller-manager's
 * and scheduler's client certificates (unless `without` names them), keys 0600, token.csv 0600.
 */
export async function writeSeedSet(
  root: string,
  opts: { overrides?: Partial<Record<LeafName, Partial<LeafSpec>>>; without?: LeafName[]; ca?: Pair } = {},
): Promise<SeedSet> {
  const ca = opts.ca ?? (await makeCa());
  await put(root, `${SSL}/ca.pem`, ca.certPem);
  await put(root, `${SSL}/ca-key.pem`, ca.keyPem, 0o600);
  const specs = defaultSpecs();
  const leaves = {} as Record<LeafName, Pair>;
  for (const name of Object.keys(specs) as LeafName[]) {
    leaves[name] = await makeLeaf(ca, { ...specs[name], ...opts.overrides?.[name] });
    if (opts.without?.includes(name)) continue;
    await put(root, `${SSL}/${name}.pem`, leaves[name].certPem);
    await put(root, `${SSL}/${name}-key.pem`, leaves[name].keyPem, 0o600);
  }
  await put(
    root,
    '/etc/kubernetes/token.csv',
    'abcdef0123456789,kubelet-bootstrap,10001,"system:kubelet-bootstrap"\n',
    0o600,
  );
  return { ca, leaves };
}

export const DAYS = (n: number) => new Date(Date.now() + n * DAY);
