import type { X509Certificate } from 'node:crypto';
import type { Answers } from '../model/answers.js';
import { KUBECONFIG_LAYOUT_FROM } from '../model/layout.js';
import { firstServiceIp, isUnspecified, parseIp } from '../model/values.js';
import { type CertLoad, load, loadCerts, loadPrivateKey, unusable } from './files.js';
import {
  type Check,
  type CheckContext,
  fail,
  type Outcome,
  pass,
  type Severity,
  skip,
  text,
} from './types.js';
import {
  allowsUsage,
  commonName,
  dateText,
  dnsCovered,
  issuedBy,
  keyMatches,
  OID_CLIENT_AUTH,
  parseCertificates,
  sansOf,
  usageNames,
  validity,
} from './x509.js';

/**
 * The certificate checks: every configured certificate exists, is readable and parses, is
 * inside its validity period (a warning 30 days before the end), matches its key and chains to
 * the configured CA; the apiserver's covers every name and address clients use; client
 * certificates allow client auth (and carry the right CN for the controller-manager and
 * scheduler).
 */

export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type CertRole = 'ca' | 'apiserver' | 'etcd-ca' | 'etcd' | 'controller-manager' | 'scheduler' | 'admin';

export interface CertSpec {
  role: CertRole;
  /** the answers field that names the file (certs.caFile …), for fixes */
  field: string;
  file: string;
  key?: { file: string; field: string };
  /** the CA it must chain to */
  issuer?: { file: string; field: string; check: string };
  /** the subject CN it must have */
  cn?: string;
  clientAuth?: boolean;
  /** kmaster-wizard can issue it when it is missing */
  issuable?: boolean;
}

export const CLIENT_CN = {
  'controller-manager': 'system:kube-controller-manager',
  scheduler: 'system:kube-scheduler',
} as const;

export function certSpecs(a: Answers, minor: number): CertSpec[] {
  const c = a.certs;
  const ca = { file: c.caFile, field: 'certs.caFile', check: 'Cert-ca-file' };
  const etcdCaSeparate = c.etcdCaFile !== c.caFile;
  const specs: CertSpec[] = [
    {
      role: 'ca',
      field: 'certs.caFile',
      file: c.caFile,
      key: { file: c.caKeyFile, field: 'certs.caKeyFile' },
    },
    {
      role: 'apiserver',
      field: 'certs.apiserverCertFile',
      file: c.apiserverCertFile,
      key: { file: c.apiserverKeyFile, field: 'certs.apiserverKeyFile' },
      issuer: ca,
    },
  ];
  if (etcdCaSeparate) specs.push({ role: 'etcd-ca', field: 'certs.etcdCaFile', file: c.etcdCaFile });
  specs.push({
    role: 'etcd',
    field: 'certs.etcdCertFile',
    file: c.etcdCertFile,
    key: { file: c.etcdKeyFile, field: 'certs.etcdKeyFile' },
    issuer: etcdCaSeparate
      ? { file: c.etcdCaFile, field: 'certs.etcdCaFile', check: 'Cert-etcd-ca-file' }
      : { ...ca, field: 'certs.etcdCaFile' },
    clientAuth: true,
  });
  if (minor >= KUBECONFIG_LAYOUT_FROM) {
    specs.push(
      {
        role: 'controller-manager',
        field: 'certs.controllerManagerCertFile',
        file: c.controllerManagerCertFile,
        key: { file: c.controllerManagerKeyFile, field: 'certs.controllerManagerKeyFile' },
        issuer: ca,
        cn: CLIENT_CN['controller-manager'],
        clientAuth: true,
        issuable: true,
      },
      {
        role: 'scheduler',
        field: 'certs.schedulerCertFile',
        file: c.schedulerCertFile,
        key: { file: c.schedulerKeyFile, field: 'certs.schedulerKeyFile' },
        issuer: ca,
        cn: CLIENT_CN.scheduler,
        clientAuth: true,
        issuable: true,
      },
    );
  }
  if (a.ha) {
    // the admin kubeconfig of the HA front reaches the VIP with it
    specs.push({
      role: 'admin',
      field: 'certs.adminCertFile',
      file: c.adminCertFile,
      key: { file: c.adminKeyFile, field: 'certs.adminKeyFile' },
      issuer: ca,
      clientAuth: true,
    });
  }
  return specs;
}

/** What the apiserver's certificate must cover, as `IP:…` / `DNS:…` entries. */
export function requiredApiserverSans(a: Answers): { ips: string[]; dns: string[] } {
  const ips = [a.advertiseAddress];
  if (!isUnspecified(a.bindAddress)) ips.push(a.bindAddress);
  ips.push('127.0.0.1');
  if (a.bindAddress === '::') ips.push('::1');
  const serviceIp = firstServiceIp(a.serviceClusterIpRange);
  if (serviceIp) ips.push(serviceIp);
  ips.push(...a.loadBalancer.addresses);
  // clients reach every master's apiserver through the VIP
  if (a.ha) ips.push(a.ha.vip);
  const dns = [
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    'kubernetes.default.svc.cluster.local',
    ...a.loadBalancer.names.map((n) => n.toLowerCase()),
  ];
  const norm = (ip: string) => parseIp(ip)?.toString() ?? ip;
  return { ips: [...new Set(ips.map(norm))], dns: [...new Set(dns)] };
}

const fileCheck = (role: CertRole) => `Cert-${role}-file`;

/** The first certificate of the spec's file, or the outcome saying why it is not there. */
async function leaf(ctx: CheckContext, spec: CertSpec): Promise<X509Certificate | Outcome> {
  const loaded = await loadCerts(ctx, spec.file);
  if (!loaded.ok) return skip('preflight.skip.needs', { check: fileCheck(spec.role) });
  return loaded.certs[0]!;
}

function certFileCheck(spec: CertSpec): Check {
  return {
    name: fileCheck(spec.role),
    severity: 'error',
    async run(ctx) {
      const f = await load(ctx, spec.file);
      if (f.state !== 'ok') {
        return unusable(
          ctx,
          f,
          text('preflight.cert.missing', { file: f.target, field: spec.field }),
          spec.issuable
            ? text('preflight.fix.issueCerts', { file: f.target })
            : text('preflight.fix.certMissing', { file: f.target, field: spec.field }),
        );
      }
      const parsed = parseCertificates(f.data);
      if (!parsed.ok) {
        return fail(
          text('preflight.cert.invalid', { file: f.target }),
          text('preflight.fix.certInvalid', { file: f.target, field: spec.field }),
        );
      }
      const cert = parsed.certs[0]!;
      if ((spec.role === 'ca' || spec.role === 'etcd-ca') && !parsed.certs.some((c) => c.ca)) {
        return fail(
          text('preflight.cert.notCa', { file: f.target, subject: cert.subject.replace(/\n/g, ', ') }),
          text('preflight.fix.notCa', { field: spec.field }),
        );
      }
      return pass('preflight.cert.ok', {
        file: f.target,
        subject: commonName(cert) ?? cert.subject.replace(/\n/g, ', '),
      });
    },
  };
}

/** A check that judges the spec's first certificate; it skips while that file is unusable. */
function leafCheck(
  spec: CertSpec,
  aspect: string,
  severity: Severity,
  judge: (cert: X509Certificate, ctx: CheckContext) => Outcome | Promise<Outcome>,
): Check {
  return {
    name: `Cert-${spec.role}-${aspect}`,
    severity,
    async run(ctx) {
      const cert = await leaf(ctx, spec);
      if ('status' in cert) return cert;
      return judge(cert, ctx);
    },
  };
}

function validityCheck(spec: CertSpec): Check {
  return leafCheck(spec, 'validity', 'error', (cert, ctx) => {
    const file = ctx.target(spec.file);
    const { from, to } = validity(cert);
    const now = ctx.host.now();
    if (now < from.getTime()) {
      return fail(
        text('preflight.cert.notYetValid', { file, from: dateText(from) }),
        text('preflight.fix.notYetValid', { file }),
      );
    }
    if (now > to.getTime()) {
      return fail(
        text('preflight.cert.expired', { file, to: dateText(to) }),
        text('preflight.fix.expired', { file }),
      );
    }
    return pass('preflight.cert.valid', { from: dateText(from), to: dateText(to) });
  });
}

function expiryCheck(spec: CertSpec): Check {
  return leafCheck(spec, 'expiry', 'warning', (cert, ctx) => {
    const file = ctx.target(spec.file);
    const { from, to } = validity(cert);
    const now = ctx.host.now();
    if (now > to.getTime() || now < from.getTime())
      return skip('preflight.skip.validity', { check: `Cert-${spec.role}-validity` });
    const days = Math.floor((to.getTime() - now) / DAY_MS);
    if (days < EXPIRY_WARNING_DAYS) {
      return fail(
        text('preflight.cert.expiresSoon', { file, to: dateText(to), days }),
        text('preflight.fix.renew', { file, to: dateText(to) }),
      );
    }
    return pass('preflight.cert.notExpiring', { days });
  });
}

function keyCheck(spec: CertSpec & { key: NonNullable<CertSpec['key']> }): Check {
  return leafCheck(spec, 'key', 'error', async (cert, ctx) => {
    const k = await loadPrivateKey(ctx, spec.key.file);
    const keyTarget = ctx.target(spec.key.file);
    if (!k.ok) {
      if (k.file.state !== 'ok') {
        return unusable(
          ctx,
          k.file,
          text('preflight.key.missing', { file: keyTarget, field: spec.key.field }),
          spec.issuable
            ? text('preflight.fix.issueCerts', { file: keyTarget })
            : text('preflight.fix.keyMissing', { file: keyTarget, field: spec.key.field }),
        );
      }
      return fail(
        text(k.reason === 'encrypted' ? 'preflight.key.encrypted' : 'preflight.key.invalid', {
          file: keyTarget,
        }),
        text(k.reason === 'encrypted' ? 'preflight.fix.keyEncrypted' : 'preflight.fix.keyInvalid', {
          file: keyTarget,
          field: spec.key.field,
        }),
      );
    }
    const certFile = ctx.target(spec.file);
    if (!keyMatches(cert, k.key)) {
      return fail(
        text('preflight.key.mismatch', { key: keyTarget, cert: certFile }),
        text('preflight.fix.keyMismatch', { key: keyTarget, cert: certFile }),
      );
    }
    return pass('preflight.key.matches', { key: keyTarget });
  });
}

function chainCheck(spec: CertSpec & { issuer: NonNullable<CertSpec['issuer']> }): Check {
  return leafCheck(spec, 'CA', 'error', async (cert, ctx) => {
    const cas: CertLoad = await loadCerts(ctx, spec.issuer.file);
    // a file without a CA certificate fails its own check; judging chains by it would only repeat that
    if (!cas.ok || !cas.certs.some((c) => c.ca))
      return skip('preflight.skip.needs', { check: spec.issuer.check });
    const file = ctx.target(spec.file);
    const ca = ctx.target(spec.issuer.file);
    if (!cas.certs.some((c) => c.ca && issuedBy(cert, c))) {
      return fail(
        text('preflight.cert.wrongCa', {
          file,
          ca,
          issuer: cert.issuer.replace(/\n/g, ', '),
        }),
        text('preflight.fix.wrongCa', { file, ca, field: spec.issuer.field }),
      );
    }
    return pass('preflight.cert.chains', { ca });
  });
}

/** Only for the apiserver's certificate (its check is Cert-apiserver-SAN). */
function sanCheck(spec: CertSpec, a: Answers): Check {
  return leafCheck(spec, 'SAN', 'error', (cert, ctx) => {
    const have = sansOf(cert);
    const want = requiredApiserverSans(a);
    const missing = [
      ...want.ips.filter((ip) => !have.ips.includes(ip)).map((ip) => `IP:${ip}`),
      ...want.dns.filter((d) => !dnsCovered(d, have.dns)).map((d) => `DNS:${d}`),
    ];
    const file = ctx.target(spec.file);
    if (missing.length > 0) {
      return fail(
        text('preflight.cert.sanMissing', { file, missing: missing.join(', ') }),
        text('preflight.fix.sanMissing', { file, missing: missing.join(',') }),
      );
    }
    return pass('preflight.cert.sanOk', { count: want.ips.length + want.dns.length });
  });
}

function clientAuthCheck(spec: CertSpec): Check {
  return leafCheck(spec, 'clientAuth', 'error', (cert, ctx) => {
    const file = ctx.target(spec.file);
    if (!allowsUsage(cert, OID_CLIENT_AUTH)) {
      return fail(
        text('preflight.cert.noClientAuth', { file, usages: usageNames(cert) }),
        text('preflight.fix.noClientAuth', { file }),
      );
    }
    return pass('preflight.cert.clientAuth', { usages: usageNames(cert) });
  });
}

function cnCheck(spec: CertSpec & { cn: string }): Check {
  return leafCheck(spec, 'CN', 'error', (cert, ctx) => {
    const cn = commonName(cert) ?? '';
    const file = ctx.target(spec.file);
    if (cn !== spec.cn) {
      return fail(
        text('preflight.cert.wrongCn', { file, cn: cn || '-', want: spec.cn }),
        text('preflight.fix.wrongCn', { file, want: spec.cn }),
      );
    }
    return pass('preflight.cert.cn', { cn });
  });
}

export function certificateChecks(a: Answers, minor: number): Check[] {
  const checks: Check[] = [];
  for (const spec of certSpecs(a, minor)) {
    checks.push(certFileCheck(spec), validityCheck(spec), expiryCheck(spec));
    if (spec.key) checks.push(keyCheck({ ...spec, key: spec.key }));
    if (spec.issuer) checks.push(chainCheck({ ...spec, issuer: spec.issuer }));
    if (spec.role === 'apiserver') checks.push(sanCheck(spec, a));
    if (spec.clientAuth) checks.push(clientAuthCheck(spec));
    if (spec.cn) checks.push(cnCheck({ ...spec, cn: spec.cn }));
  }
  return checks;
}
