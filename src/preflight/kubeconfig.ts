import { dirname, isAbsolute, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Answers } from '../model/answers.js';
import { QUIET_YAML } from '../model/answers-file.js';
import { COMPONENT_FILES } from '../model/components.js';
import { KUBECONFIG_LAYOUT_FROM, layoutFor } from '../model/layout.js';
import { renderKubeconfig } from '../render/kubeconfig.js';
import { CLIENT_CN } from './checks-certs.js';
import { load, loadCerts } from './files.js';
import { type Check, type CheckContext, type PreflightText, pass, text } from './types.js';
import {
  allowsUsage,
  commonName,
  issuedBy,
  keyMatches,
  OID_CLIENT_AUTH,
  parseCertificates,
  parsePrivateKey,
} from './x509.js';

/**
 * The controller-manager's and scheduler's kubeconfigs (1.20 on): an existing one is read
 * and judged against the answers — the cluster CA, this master's own apiserver as the server,
 * client credentials that exist, chain to the CA, match their key and carry the component's
 * identity. A valid one's credentials can be reused when the answers' certificate files are
 * missing (see issue.ts); apply writes the rendered one in its place either way.
 */

export type KubeconfigComponent = 'controller-manager' | 'scheduler';

export type KubeconfigState =
  | { state: 'absent'; file: string }
  | { state: 'rendered'; file: string }
  | { state: 'valid'; file: string; server: string; cert: Buffer; key: Buffer; credentials: string }
  | { state: 'invalid'; file: string; problem: PreflightText };

interface Entry<T> {
  name?: string;
  cluster?: T;
  user?: T;
  context?: T;
}
export type Rec = Record<string, unknown>;

const COMPONENT = { 'controller-manager': 'kube-controller-manager', scheduler: 'kube-scheduler' } as const;

export function kubeconfigPath(a: Answers, which: KubeconfigComponent): string {
  return `${a.paths.configDir}/${COMPONENT_FILES[COMPONENT[which]].kubeconfig}`;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function find(list: unknown, name: unknown, kind: 'cluster' | 'user' | 'context'): Rec | undefined {
  if (!Array.isArray(list)) return undefined;
  const entry = (list as Entry<Rec>[]).find((e) => e && e.name === name);
  const value = entry?.[kind];
  return value && typeof value === 'object' ? value : undefined;
}

/** The current context of a kubeconfig document, with its cluster and user (where they exist). */
export function currentContext(doc: Rec): { context?: Rec; cluster?: Rec; user?: Rec } {
  const context = find(doc.contexts, doc['current-context'], 'context');
  if (!context) return {};
  const cluster = find(doc.clusters, context.cluster, 'cluster');
  const user = find(doc.users, context.user, 'user');
  return { context, ...(cluster ? { cluster } : {}), ...(user ? { user } : {}) };
}

/** Reads an inline `…-data` value or the file a path names (relative to the kubeconfig). */
async function material(
  ctx: CheckContext,
  kubeconfig: string,
  data: unknown,
  path: unknown,
): Promise<{ ok: true; bytes: Buffer; source: string } | { ok: false; source: string | null }> {
  const inline = str(data);
  if (inline) return { ok: true, bytes: Buffer.from(inline, 'base64'), source: 'inline' };
  const p = str(path);
  if (!p) return { ok: false, source: null };
  const full = isAbsolute(p) ? p : join(dirname(kubeconfig), p);
  const f = await load(ctx, full);
  return f.state === 'ok' ? { ok: true, bytes: f.data, source: f.target } : { ok: false, source: f.target };
}

export async function inspectKubeconfig(
  ctx: CheckContext,
  which: KubeconfigComponent,
): Promise<KubeconfigState> {
  const a = ctx.input.answers;
  const path = kubeconfigPath(a, which);
  const f = await load(ctx, path);
  const file = f.target;
  if (f.state === 'missing') return { state: 'absent', file };
  const bad = (key: PreflightText['key'], params: PreflightText['params'] = {}): KubeconfigState => ({
    state: 'invalid',
    file,
    problem: text(key, { file, ...params }),
  });
  if (f.state === 'unreadable') return bad('preflight.kubeconfig.unreadable', { code: f.code });

  const spec = layoutFor(a, Math.max(ctx.input.minor, KUBECONFIG_LAYOUT_FROM)).components.find(
    (c) => c.component === COMPONENT[which],
  )?.kubeconfig;
  if (spec && f.data.toString('utf8') === renderKubeconfig(spec)) return { state: 'rendered', file };

  let doc: Rec;
  try {
    doc = parseYaml(f.data.toString('utf8'), QUIET_YAML) as Rec;
  } catch {
    return bad('preflight.kubeconfig.invalid');
  }
  if (!doc || typeof doc !== 'object') return bad('preflight.kubeconfig.invalid');
  const { context, cluster, user } = currentContext(doc);
  if (!context || !cluster) return bad('preflight.kubeconfig.noContext');

  const want = spec?.server ?? '';
  const server = str(cluster.server) ?? '';
  if (server.replace(/\/+$/, '') !== want)
    return bad('preflight.kubeconfig.server', { server: server || '-', want });

  const caFile = ctx.target(a.certs.caFile);
  const cas = await loadCerts(ctx, a.certs.caFile);
  if (!cas.ok) return bad('preflight.kubeconfig.noCa', { ca: caFile });
  const ca = await material(
    ctx,
    path,
    cluster['certificate-authority-data'],
    cluster['certificate-authority'],
  );
  const caCerts = ca.ok ? parseCertificates(ca.bytes) : null;
  const sameCa = caCerts?.ok && caCerts.certs.some((c) => cas.certs.some((mine) => mine.raw.equals(c.raw)));
  if (!sameCa) return bad('preflight.kubeconfig.ca', { ca: ca.source ?? '-', want: caFile });

  if (!user) return bad('preflight.kubeconfig.noUser');
  const cert = await material(ctx, path, user['client-certificate-data'], user['client-certificate']);
  const key = await material(ctx, path, user['client-key-data'], user['client-key']);
  if (!cert.ok || !key.ok) {
    const missing = !cert.ok ? cert.source : key.ok ? null : key.source;
    return bad('preflight.kubeconfig.noCredentials', { credential: missing ?? '-' });
  }
  const parsedCert = parseCertificates(cert.bytes);
  const parsedKey = parsePrivateKey(key.bytes);
  if (!parsedCert.ok || !parsedKey.ok)
    return bad('preflight.kubeconfig.noCredentials', { credential: cert.source });
  const leaf = parsedCert.certs[0]!;
  if (!cas.certs.some((c) => issuedBy(leaf, c)))
    return bad('preflight.kubeconfig.credCa', { credential: cert.source, ca: caFile });
  if (!keyMatches(leaf, parsedKey.key))
    return bad('preflight.kubeconfig.credKey', { credential: cert.source });
  const now = ctx.host.now();
  if (now > new Date(leaf.validTo).getTime() || now < new Date(leaf.validFrom).getTime())
    return bad('preflight.kubeconfig.credExpired', { credential: cert.source });
  const cn = commonName(leaf);
  if (cn !== CLIENT_CN[which] || !allowsUsage(leaf, OID_CLIENT_AUTH))
    return bad('preflight.kubeconfig.credIdentity', {
      credential: cert.source,
      cn: cn ?? '-',
      want: CLIENT_CN[which],
    });
  return { state: 'valid', file, server, cert: cert.bytes, key: key.bytes, credentials: cert.source };
}

function kubeconfigCheck(which: KubeconfigComponent): Check {
  return {
    name: `Kubeconfig-${which}`,
    severity: 'warning',
    async run(ctx) {
      const s = await inspectKubeconfig(ctx, which);
      switch (s.state) {
        case 'absent':
          return pass('preflight.kubeconfig.absent', { file: s.file });
        case 'rendered':
          return pass('preflight.kubeconfig.rendered', { file: s.file });
        case 'valid':
          return pass('preflight.kubeconfig.valid', {
            file: s.file,
            server: s.server,
            credentials: s.credentials,
          });
        case 'invalid':
          return {
            status: 'fail',
            message: s.problem,
            fix: text('preflight.fix.kubeconfig', { file: s.file }),
          };
      }
    },
  };
}

export function kubeconfigChecks(minor: number): Check[] {
  return minor >= KUBECONFIG_LAYOUT_FROM
    ? [kubeconfigCheck('controller-manager'), kubeconfigCheck('scheduler')]
    : [];
}
