import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, webcrypto } from 'node:crypto';
// @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata API loaded first
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { Answers } from '../model/answers.js';
import { KUBECONFIG_LAYOUT_FROM } from '../model/layout.js';
import { minorFor } from '../model/minor.js';
import { minorString } from '../model/version.js';
import { CLIENT_CN } from './checks-certs.js';
import { load, loadCerts, loadPrivateKey } from './files.js';
import type { PreflightHost } from './host.js';
import { inspectKubeconfig, type KubeconfigComponent } from './kubeconfig.js';
import { makeCheckContext } from './run.js';
import { sharedPaths } from './shared-paths.js';
import { type CheckContext, type PreflightText, text } from './types.js';
import { keyMatches, parseCertificates } from './x509.js';

/**
 * Issues what Kubernetes 1.20 and later need and the answers name but the disk does not
 * have: the controller-manager's and scheduler's client certificates (CN
 * system:kube-controller-manager / system:kube-scheduler, client auth, signed by the cluster
 * CA with @peculiar/x509 on node's webcrypto) and a dedicated service-account key pair.
 * Credentials of a valid existing kubeconfig are reused rather than issued anew. A file that
 * exists is never replaced — above all an existing key: a certificate is then issued for it.
 * Keys are written 0600, certificates and public keys 0644, each atomically.
 */

export type IssuedWhat = 'client-key' | 'client-cert' | 'sa-signing-key' | 'sa-public-key';

export interface IssuedFile {
  /** where it was written (under --root when given) */
  file: string;
  what: IssuedWhat;
  /** issued now, or copied from a valid kubeconfig's credentials */
  how: 'issued' | 'reused';
  mode: number;
}

export interface IssueResult {
  files: IssuedFile[];
  /** what was left alone and why (files that exist, nothing needed for this version) */
  notes: PreflightText[];
  /** what could not be issued and why */
  problems: PreflightText[];
}

export interface IssueOptions {
  /** the version rendered for; the answers' kubernetesVersion when not given (minorFor: the seed's when neither says) */
  minor?: number;
  root?: string;
  /** validity of issued client certificates in days (capped at the CA's own end) */
  days?: number;
}

// the library's types name the DOM's Crypto; node's webcrypto is that object
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const KEY_MODE = 0o600;
const PUBLIC_MODE = 0o644;
const DEFAULT_DAYS = 3650;

type ImportParams = webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams;
type SigningParams = webcrypto.Algorithm | webcrypto.EcdsaParams;

interface Signer {
  cert: x509.X509Certificate;
  key: webcrypto.CryptoKey;
  algorithm: ImportParams;
  signing: SigningParams;
  notAfter: Date;
}

const CURVES: Record<string, { name: string; hash: string }> = {
  prime256v1: { name: 'P-256', hash: 'SHA-256' },
  secp384r1: { name: 'P-384', hash: 'SHA-384' },
  secp521r1: { name: 'P-521', hash: 'SHA-512' },
};

/** The CA as webcrypto can sign with it: RSA (PKCS#1 v1.5, SHA-256) or ECDSA on a NIST curve. */
async function signerOf(caDer: Buffer, caKey: KeyObject): Promise<Signer | null> {
  const cert = new x509.X509Certificate(new Uint8Array(caDer));
  const pkcs8 = caKey.export({ type: 'pkcs8', format: 'der' });
  let algorithm: ImportParams;
  let signing: SigningParams;
  if (caKey.asymmetricKeyType === 'rsa') {
    algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    signing = { name: 'RSASSA-PKCS1-v1_5' };
  } else if (caKey.asymmetricKeyType === 'ec') {
    const curve = CURVES[String(caKey.asymmetricKeyDetails?.namedCurve)];
    if (!curve) return null;
    algorithm = { name: 'ECDSA', namedCurve: curve.name };
    signing = { name: 'ECDSA', hash: curve.hash } as webcrypto.EcdsaParams;
  } else return null;
  const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  return { cert, key, algorithm, signing, notAfter: cert.notAfter };
}

/** A client certificate for `publicKey`, signed by the CA. PEM. */
export async function issueClientCertificate(
  signer: Signer,
  publicKey: KeyObject,
  cn: string,
  now: Date,
  days = DEFAULT_DAYS,
): Promise<string> {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f; // positive
  if (serial[0] === 0) serial[0] = 1; // and no leading zero byte
  const notBefore = new Date(now.getTime() - 5 * 60 * 1000); // a little slack for clocks behind ours
  const end = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
  const notAfter = end > signer.notAfter ? signer.notAfter : end;
  const usages =
    publicKey.asymmetricKeyType === 'rsa'
      ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
      : x509.KeyUsageFlags.digitalSignature;
  const caKeyId = signer.cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial.toString('hex'),
    subject: [{ CN: [cn] }, { O: [cn] }],
    // the CA's subject as it is encoded, so that the issuer matches it byte for byte
    issuer: signer.cert.subjectName,
    notBefore,
    notAfter,
    signingAlgorithm: signer.signing,
    publicKey: new Uint8Array(spki),
    signingKey: signer.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(usages, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.SubjectKeyIdentifierExtension.create(new Uint8Array(spki)),
      ...(caKeyId ? [new x509.AuthorityKeyIdentifierExtension(caKeyId)] : []),
    ],
  });
  return `${cert.toString('pem').trim()}\n`;
}

function pemOfPrivate(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function pemOfPublic(key: KeyObject): string {
  return (key.type === 'private' ? createPublicKey(key) : key)
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

const CLIENT_FILES: Record<KubeconfigComponent, (a: Answers) => { cert: string; key: string }> = {
  'controller-manager': (a) => ({
    cert: a.certs.controllerManagerCertFile,
    key: a.certs.controllerManagerKeyFile,
  }),
  scheduler: (a) => ({ cert: a.certs.schedulerCertFile, key: a.certs.schedulerKeyFile }),
};

class Writer {
  result: IssueResult = { files: [], notes: [], problems: [] };
  constructor(
    private readonly ctx: CheckContext,
    private readonly host: PreflightHost,
  ) {}
  async write(
    path: string,
    content: string | Buffer,
    what: IssuedWhat,
    how: IssuedFile['how'],
  ): Promise<boolean> {
    const file = this.ctx.target(path);
    const mode = what === 'client-key' || what === 'sa-signing-key' ? KEY_MODE : PUBLIC_MODE;
    let r: Awaited<ReturnType<PreflightHost['createExclusive']>>;
    try {
      r = await this.host.createExclusive(file, content, mode);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      this.result.problems.push(text('preflight.issue.writeFailed', { file, error: e.code ?? e.message }));
      return false;
    }
    if (r === 'exists') {
      this.result.notes.push(text('preflight.issue.exists', { file }));
      return false;
    }
    this.result.files.push({ file, what, how, mode });
    return true;
  }
}

async function clientCredentials(
  ctx: CheckContext,
  w: Writer,
  which: KubeconfigComponent,
  signer: () => Promise<Signer | PreflightText>,
  opts: IssueOptions,
): Promise<void> {
  const a = ctx.input.answers;
  const files = CLIENT_FILES[which](a);
  const certFile = await load(ctx, files.cert);
  if (certFile.state !== 'missing') {
    w.result.notes.push(text('preflight.issue.exists', { file: certFile.target }));
    return;
  }
  const keyFile = await load(ctx, files.key);
  const existingKey = keyFile.state === 'missing' ? null : await loadPrivateKey(ctx, files.key);
  if (existingKey && !existingKey.ok) {
    w.result.problems.push(text('preflight.issue.keyUnusable', { file: keyFile.target }));
    return;
  }

  // a valid kubeconfig already holds credentials for this component: reuse them
  const kc = await inspectKubeconfig(ctx, which);
  if (kc.state === 'valid') {
    const parsed = parseCertificates(kc.cert);
    const reusable = parsed.ok && (!existingKey || keyMatches(parsed.certs[0]!, existingKey.key));
    if (reusable) {
      if (!existingKey) await w.write(files.key, kc.key, 'client-key', 'reused');
      await w.write(files.cert, kc.cert, 'client-cert', 'reused');
      return;
    }
  }

  const s = await signer();
  if (!('cert' in s)) {
    w.result.problems.push(s);
    return;
  }
  let publicKey: KeyObject;
  if (existingKey?.ok) {
    publicKey = createPublicKey(existingKey.key);
  } else {
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    if (!(await w.write(files.key, pemOfPrivate(pair.privateKey), 'client-key', 'issued'))) return;
    publicKey = pair.publicKey;
  }
  const pem = await issueClientCertificate(
    s,
    publicKey,
    CLIENT_CN[which],
    new Date(ctx.host.now()),
    opts.days,
  );
  await w.write(files.cert, pem, 'client-cert', 'issued');
}

async function serviceAccountKeys(ctx: CheckContext, w: Writer): Promise<void> {
  const c = ctx.input.answers.certs;
  const signing = await load(ctx, c.serviceAccountSigningKeyFile);
  const verify = await load(ctx, c.serviceAccountKeyFile);
  // the seed signs with ca-key.pem: a file that is also the CA key (or another certificate
  // file) is never made here, whatever is missing
  for (const f of [signing, verify]) {
    if (f.state === 'missing' && sharedPaths(ctx.input.answers).has(f.path)) {
      w.result.problems.push(text('preflight.issue.saShared', { file: f.target }));
      return;
    }
  }
  if (signing.state === 'missing' && verify.state === 'missing') {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    if (
      !(await w.write(
        c.serviceAccountSigningKeyFile,
        pemOfPrivate(pair.privateKey),
        'sa-signing-key',
        'issued',
      ))
    )
      return;
    if (c.serviceAccountKeyFile !== c.serviceAccountSigningKeyFile)
      await w.write(c.serviceAccountKeyFile, pemOfPublic(pair.publicKey), 'sa-public-key', 'issued');
    return;
  }
  if (signing.state === 'missing') {
    // a verification key exists: a new signing key would not match the tokens it verifies
    w.result.problems.push(
      text('preflight.issue.saOnlyPublic', { file: signing.target, keyFile: verify.target }),
    );
    return;
  }
  if (verify.state === 'missing') {
    const k = await loadPrivateKey(ctx, c.serviceAccountSigningKeyFile);
    if (!k.ok) {
      w.result.problems.push(text('preflight.issue.keyUnusable', { file: signing.target }));
      return;
    }
    await w.write(c.serviceAccountKeyFile, pemOfPublic(k.key), 'sa-public-key', 'issued');
  }
}

/**
 * Issues the missing client certificates and service-account keys for the answers (only
 * for 1.20 and later, which need them). Never replaces a file.
 */
export async function issueMissingClientCerts(
  answers: Answers,
  host: PreflightHost,
  opts: IssueOptions = {},
): Promise<IssueResult> {
  const minor = opts.minor ?? minorFor(answers.kubernetesVersion);
  const ctx = makeCheckContext({ answers, minor }, host, opts.root ?? '/');
  const w = new Writer(ctx, host);
  if (minor < KUBECONFIG_LAYOUT_FROM) {
    w.result.notes.push(text('preflight.issue.notNeeded', { version: minorString(minor) }));
    return w.result;
  }
  let cached: Promise<Signer | PreflightText> | null = null;
  const signer = () => {
    cached ??= (async (): Promise<Signer | PreflightText> => {
      const ca = await loadCerts(ctx, answers.certs.caFile);
      const caFile = ctx.target(answers.certs.caFile);
      if (!ca.ok) return text('preflight.issue.noCa', { file: caFile });
      const key = await loadPrivateKey(ctx, answers.certs.caKeyFile);
      const keyFile = ctx.target(answers.certs.caKeyFile);
      if (!key.ok) return text('preflight.issue.noCaKey', { file: keyFile });
      if (!keyMatches(ca.certs[0]!, key.key))
        return text('preflight.issue.caKeyMismatch', { file: keyFile, ca: caFile });
      const s = await signerOf(ca.certs[0]!.raw, key.key);
      return (
        s ?? text('preflight.issue.caKeyType', { file: keyFile, type: key.key.asymmetricKeyType ?? '?' })
      );
    })();
    return cached;
  };
  for (const which of ['controller-manager', 'scheduler'] as const)
    await clientCredentials(ctx, w, which, signer, opts);
  await serviceAccountKeys(ctx, w);
  // the same reason (no usable CA) is said once, not once per certificate
  const seen = new Set<string>();
  w.result.problems = w.result.problems.filter((p) => {
    const id = JSON.stringify(p);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return w.result;
}
