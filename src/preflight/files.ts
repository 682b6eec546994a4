import type { KeyObject, X509Certificate } from 'node:crypto';
import type { CheckContext } from './types.js';
import { type Outcome, type PreflightText, skip, text } from './types.js';
import { parseCertificates, parsePrivateKey } from './x509.js';

/**
 * Files the answers name, read once per run (memoised in the check context): what the
 * certificate, key and kubeconfig checks share.
 */

export type Loaded =
  | { state: 'ok'; path: string; target: string; data: Buffer }
  /** missing on this machine (a failure), or under --root (not checked) */
  | { state: 'missing'; path: string; target: string }
  | { state: 'unreadable'; path: string; target: string; code: string };

export function load(ctx: CheckContext, path: string): Promise<Loaded> {
  const target = ctx.target(path);
  return ctx.memo(`file:${target}`, async () => {
    const r = await ctx.host.readFile(target);
    if (r.ok) return { state: 'ok', path, target, data: r.data };
    if (r.code === 'ENOENT' || r.code === 'ENOTDIR') return { state: 'missing', path, target };
    return { state: 'unreadable', path, target, code: r.code };
  });
}

/** Why a file cannot be used, as an outcome: skipped under --root when absent, else failed. */
export function unusable(
  ctx: CheckContext,
  f: Exclude<Loaded, { state: 'ok' }>,
  missing: PreflightText,
  missingFix: PreflightText,
): Outcome {
  if (f.state === 'missing') {
    if (!ctx.hostChecks) return skip('preflight.skip.notUnderRoot', { file: f.target, root: ctx.root });
    return { status: 'fail', message: missing, fix: missingFix };
  }
  return {
    status: 'fail',
    message: text('preflight.file.unreadable', { file: f.target, code: f.code }),
    fix: text('preflight.fix.unreadable', { file: f.target }),
  };
}

export type CertLoad = { ok: true; file: Loaded & { state: 'ok' }; certs: X509Certificate[] } | { ok: false };

/** The certificates of a file when it exists, is readable and parses; else {ok: false}. */
export function loadCerts(ctx: CheckContext, path: string): Promise<CertLoad> {
  return ctx.memo(`certs:${ctx.target(path)}`, async () => {
    const f = await load(ctx, path);
    if (f.state !== 'ok') return { ok: false };
    const parsed = parseCertificates(f.data);
    return parsed.ok ? { ok: true, file: f, certs: parsed.certs } : { ok: false };
  });
}

export type KeyLoad =
  | { ok: true; key: KeyObject; target: string }
  | { ok: false; file: Loaded; reason?: 'empty' | 'encrypted' | 'not-a-key' | 'invalid' };

export function loadPrivateKey(ctx: CheckContext, path: string): Promise<KeyLoad> {
  return ctx.memo(`key:${ctx.target(path)}`, async () => {
    const f = await load(ctx, path);
    if (f.state !== 'ok') return { ok: false, file: f };
    const parsed = parsePrivateKey(f.data);
    return parsed.ok
      ? { ok: true, key: parsed.key, target: f.target }
      : { ok: false, file: f, reason: parsed.reason };
  });
}
