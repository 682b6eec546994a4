/**
 * The seed's certificates, made with openssl (EC P-256, so it is fast): a CA, an etcd
 * certificate for server and client use, the apiserver's, and client certificates for
 * admin, the controller-manager and the scheduler; plus a token.csv. Options make broken
 * variants for failure tests (a SAN missing, an EKU missing, expired, signed by another CA).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { SEED_ADDRESSES } from './sandbox.js';

export type Eku = 'serverAuth' | 'clientAuth';
export type LeafName = 'etcd' | 'kubernetes' | 'admin' | 'kube-controller-manager' | 'kube-scheduler';

export interface LeafSpec {
  cn: string;
  o?: string;
  /** "IP:1.2.3.4" / "DNS:name" entries; empty for none */
  sans: string[];
  eku: Eku[];
  /** days from now (default 3650) */
  days?: number;
  /** valid from 2020-01-01 to 2020-02-01 */
  expired?: boolean;
  /** signed by `other-ca.pem` instead of `ca.pem` */
  foreignCa?: boolean;
}

export interface CertOptions {
  /** changes to the default spec of each certificate */
  overrides?: Partial<Record<LeafName, Partial<LeafSpec>>>;
  /** the kubelet-bootstrap token written to token.csv (default: random) */
  bootstrapToken?: string;
}

export interface CertSet {
  dir: string;
  ca: string;
  caKey: string;
  /** file names per leaf: `${dir}/${name}.pem` and `${dir}/${name}-key.pem` */
  cert(name: LeafName): string;
  key(name: LeafName): string;
  tokenCsv: string;
  bootstrapToken: string;
  adminToken: string;
}

export const ETCD_SANS = ['IP:127.0.0.1', ...SEED_ADDRESSES.map((a) => `IP:${a}`)];
export const APISERVER_SANS = [
  'IP:127.0.0.1',
  'IP:192.168.50.101',
  'IP:192.168.50.102',
  'IP:10.254.0.1',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
  'DNS:kubernetes.default.svc.cluster.local',
];

export function defaultLeafSpecs(): Record<LeafName, LeafSpec> {
  return {
    etcd: { cn: 'etcd', o: 'k8s', sans: ETCD_SANS, eku: ['serverAuth', 'clientAuth'] },
    kubernetes: { cn: 'kubernetes', o: 'k8s', sans: APISERVER_SANS, eku: ['serverAuth', 'clientAuth'] },
    admin: { cn: 'admin', o: 'system:masters', sans: [], eku: ['clientAuth'] },
    'kube-controller-manager': {
      cn: 'system:kube-controller-manager',
      o: 'system:kube-controller-manager',
      sans: ['IP:127.0.0.1'],
      eku: ['clientAuth'],
    },
    'kube-scheduler': {
      cn: 'system:kube-scheduler',
      o: 'system:kube-scheduler',
      sans: ['IP:127.0.0.1'],
      eku: ['clientAuth'],
    },
  };
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-noenc'];

async function openssl(args: string[], cwd: string) {
  const r = await execa('openssl', args, { cwd, reject: false });
  if (r.exitCode !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

function reqConfig(spec: LeafSpec, ca: boolean): string {
  const dn = [`CN = ${spec.cn}`, ...(spec.o ? [`O = ${spec.o}`] : [])];
  const ext = ca
    ? ['basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign,digitalSignature']
    : [
        'basicConstraints = critical,CA:FALSE',
        'keyUsage = critical,digitalSignature,keyEncipherment',
        ...(spec.eku.length ? [`extendedKeyUsage = ${spec.eku.join(',')}`] : []),
        ...(spec.sans.length ? [`subjectAltName = ${spec.sans.join(',')}`] : []),
      ];
  return [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    'x509_extensions = ext',
    '[dn]',
    ...dn,
    '[ext]',
    ...ext,
    'subjectKeyIdentifier = hash',
    ...(ca ? [] : ['authorityKeyIdentifier = keyid']),
    '',
  ].join('\n');
}

async function makeCa(dir: string, base: string, cn: string) {
  const cfg = join(dir, `${base}.cnf`);
  await writeFile(cfg, reqConfig({ cn, o: 'k8s', sans: [], eku: [] }, true));
  await openssl(
    [
      'req',
      '-x509',
      '-new',
      '-config',
      cfg,
      ...EC,
      '-keyout',
      `${base}-key.pem`,
      '-out',
      `${base}.pem`,
      '-days',
      '3650',
    ],
    dir,
  );
  // in SEC1 form ("EC PRIVATE KEY"), as cfssl writes it: kube-apiserver reads an EC private key
  // as a service-account verification key (the seed's ca-key.pem) only in that form
  await openssl(['ec', '-in', `${base}-key.pem`, '-out', `${base}-key.pem`], dir);
  await chmod(join(dir, `${base}-key.pem`), 0o600);
}

/** Signs `${name}.pem` / `${name}-key.pem` in `dir` with `ca.pem` (or `other-ca.pem`). */
export async function makeLeaf(dir: string, name: string, spec: LeafSpec): Promise<void> {
  const caBase = spec.foreignCa ? 'other-ca' : 'ca';
  if (spec.foreignCa && !existsSync(join(dir, 'other-ca.pem'))) await makeCa(dir, 'other-ca', 'someone-else');
  const cfg = join(dir, `${name}.cnf`);
  await writeFile(cfg, reqConfig(spec, false));
  const cert = `${name}.pem`;
  const key = `${name}-key.pem`;
  if (!spec.expired) {
    await openssl(
      ['req', '-x509', '-new', '-config', cfg, ...EC, '-keyout', key, '-out', cert].concat([
        '-days',
        String(spec.days ?? 3650),
        '-CA',
        `${caBase}.pem`,
        '-CAkey',
        `${caBase}-key.pem`,
      ]),
      dir,
    );
  } else {
    // `req -x509` cannot back-date; `openssl ca` can
    const db = join(dir, `${name}.db`);
    await mkdir(db, { recursive: true });
    await writeFile(join(db, 'index.txt'), '');
    await writeFile(join(db, 'serial'), `${randomBytes(8).toString('hex')}\n`);
    const caCfg = join(dir, `${name}.ca.cnf`);
    await writeFile(
      caCfg,
      `[ca]\ndefault_ca = d\n[d]\ndatabase = ${db}/index.txt\nnew_certs_dir = ${db}\nserial = ${db}/serial\ndefault_md = sha256\npolicy = p\n[p]\ncommonName = supplied\norganizationName = optional\n`,
    );
    await openssl(['req', '-new', '-config', cfg, ...EC, '-keyout', key, '-out', `${name}.csr`], dir);
    await openssl(
      ['ca', '-batch', '-config', caCfg, '-cert', `${caBase}.pem`, '-keyfile', `${caBase}-key.pem`]
        .concat(['-in', `${name}.csr`, '-out', cert, '-notext'])
        .concat(['-startdate', '20200101000000Z', '-enddate', '20200201000000Z'])
        .concat(['-extfile', cfg, '-extensions', 'ext']),
      dir,
    );
  }
  await chmod(join(dir, key), 0o600);
}

export async function makeCerts(dir: string, opts: CertOptions = {}): Promise<CertSet> {
  await mkdir(dir, { recursive: true });
  await makeCa(dir, 'ca', 'kubernetes');
  const specs = defaultLeafSpecs();
  if (Object.values(opts.overrides ?? {}).some((o) => o?.foreignCa))
    await makeCa(dir, 'other-ca', 'someone-else');
  await Promise.all(
    (Object.keys(specs) as LeafName[]).map((name) =>
      makeLeaf(dir, name, { ...specs[name], ...opts.overrides?.[name] }),
    ),
  );
  const bootstrapToken = opts.bootstrapToken ?? randomBytes(16).toString('hex');
  const adminToken = randomBytes(16).toString('hex');
  const tokenCsv = join(dir, 'token.csv');
  await writeFile(
    tokenCsv,
    `${bootstrapToken},kubelet-bootstrap,10001,"system:kubelet-bootstrap"\n${adminToken},admin,admin,"system:masters"\n`,
    { mode: 0o600 },
  );
  return {
    dir,
    ca: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    cert: (name) => join(dir, `${name}.pem`),
    key: (name) => join(dir, `${name}-key.pem`),
    tokenCsv,
    bootstrapToken,
    adminToken,
  };
}

/** The seed's places: /etc/kubernetes/ssl/*.pem and /etc/kubernetes/token.csv. */
export const SSL_DIR = '/etc/kubernetes/ssl';
export const TOKEN_CSV = '/etc/kubernetes/token.csv';

/**
 * Copies the set into the sandbox under the seed's names (keys 0600). `only` limits the
 * copy, e.g. to leave one file out for a "missing certificate" test.
 */
export async function installCerts(
  sandbox: { exec(argv: readonly string[]): Promise<{ exitCode: number; stderr: string }> },
  certs: CertSet,
  only?: string[],
): Promise<void> {
  const names: LeafName[] = ['etcd', 'kubernetes', 'admin', 'kube-controller-manager', 'kube-scheduler'];
  const publicFiles = ['ca.pem', ...names.map((n) => `${n}.pem`)];
  const keyFiles = ['ca-key.pem', ...names.map((n) => `${n}-key.pem`)];
  const keep = (f: string) => !only || only.includes(f);
  const run = async (argv: string[]) => {
    const r = await sandbox.exec(argv);
    if (r.exitCode !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  };
  const pub = publicFiles.filter(keep).map((f) => join(certs.dir, f));
  const priv = keyFiles.filter(keep).map((f) => join(certs.dir, f));
  await run(['mkdir', '-p', SSL_DIR]);
  if (pub.length) await run(['install', '-m', '0644', '-t', SSL_DIR, ...pub]);
  if (priv.length) await run(['install', '-m', '0600', '-t', SSL_DIR, ...priv]);
  if (keep('token.csv')) await run(['install', '-m', '0600', certs.tokenCsv, TOKEN_CSV]);
}
