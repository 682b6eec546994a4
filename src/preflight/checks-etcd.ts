import type { EtcdProbeResult, HttpResult } from '../host/etcd-probe.js';
import type { Answers } from '../model/answers.js';
import { parseEtcdUrl } from '../model/values.js';
import { hostCheck, startEarly } from './checks-system.js';
import {
  type Check,
  type CheckContext,
  fail,
  type Outcome,
  type PreflightText,
  pass,
  text,
} from './types.js';

/**
 * Each etcd member asked as kube-apiserver will ask it (kubeadm's ExternalEtcdVersion):
 * `/version` and `/health` over mutual TLS with the configured CA, certificate and key; all
 * members at once, each with a short timeout. TimeSync compares this host's clock with the
 * members' Date headers too.
 */

export const ETCD_TIMEOUT_MS = 3000;

/** https://192.168.50.101:2379 → EtcdMember-https-192.168.50.101-2379 */
export function etcdCheckName(url: string): string {
  const u = parseEtcdUrl(url);
  const host = (u?.host ?? url).replace(/:/g, '-');
  return `EtcdMember-https-${host}-${u?.port ?? ''}`;
}

export function probeMember(ctx: CheckContext, url: string): Promise<EtcdProbeResult> {
  const c = ctx.input.answers.certs;
  return ctx.memo(`etcd:${url}`, () =>
    ctx.host.etcdProbe({
      url,
      caFile: c.etcdCaFile,
      certFile: c.etcdCertFile,
      keyFile: c.etcdKeyFile,
      timeoutMs: ETCD_TIMEOUT_MS,
    }),
  );
}

const BAD_CLIENT_CERT = new Set([
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR',
]);
const UNTRUSTED_SERVER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
]);

/** The failure of one request as a message and its fix. */
export function describeEtcdError(
  a: Answers,
  url: string,
  error: { code: string; message: string },
): { message: PreflightText; fix: PreflightText } {
  const u = parseEtcdUrl(url);
  const host = u?.host ?? url;
  const port = u?.port ?? 2379;
  const c = a.certs;
  const code = error.code;
  if (code === 'ECONNREFUSED')
    return {
      message: text('preflight.etcd.refused', { url }),
      fix: text('preflight.fix.etcdStart', { host }),
    };
  if (['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code))
    return {
      message: text('preflight.etcd.timeout', { url, ms: ETCD_TIMEOUT_MS, code }),
      fix: text('preflight.fix.etcdRoute', { host, port }),
    };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return {
      message: text('preflight.etcd.dns', { url, host }),
      fix: text('preflight.fix.etcdDns', { host }),
    };
  if (BAD_CLIENT_CERT.has(code) || code === 'ECONNRESET' || code === 'EPIPE')
    return {
      message: text('preflight.etcd.clientRefused', { url, cert: c.etcdCertFile }),
      fix: text('preflight.fix.etcdClientCert', { cert: c.etcdCertFile }),
    };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return {
      message: text('preflight.etcd.altname', { url, host }),
      fix: text('preflight.fix.etcdAltname', { host }),
    };
  if (UNTRUSTED_SERVER.has(code))
    return {
      message: text('preflight.etcd.untrusted', { url, ca: c.etcdCaFile }),
      fix: text('preflight.fix.etcdCa', { ca: c.etcdCaFile }),
    };
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return {
      message: text('preflight.etcd.serverCertTime', { url, code }),
      fix: text('preflight.fix.etcdServerCert', { host }),
    };
  return {
    message: text('preflight.etcd.failed', { url, error: `${code}: ${error.message}`.slice(0, 200) }),
    fix: text('preflight.fix.etcdGeneric', { host }),
  };
}

function bodyJson(r: HttpResult): Record<string, unknown> | null {
  if (!r.ok) return null;
  try {
    const v = JSON.parse(r.answer.body);
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

export function judgeMember(a: Answers, url: string, r: EtcdProbeResult): Outcome {
  if (!r.ok) {
    return fail(
      text('preflight.etcd.file', { url, file: r.file, code: r.code }),
      text('preflight.fix.etcdFiles'),
    );
  }
  // a refused handshake fails both requests the same way: report the first failure
  for (const res of [r.version, r.health]) {
    if (!res.ok) {
      const d = describeEtcdError(a, url, res.error);
      return fail(d.message, d.fix);
    }
  }
  const version = bodyJson(r.version);
  const health = bodyJson(r.health);
  const server = typeof version?.etcdserver === 'string' ? version.etcdserver : null;
  if (!r.version.ok || r.version.answer.status !== 200 || !server) {
    return fail(
      text('preflight.etcd.notEtcd', { url, status: r.version.ok ? r.version.answer.status : 0 }),
      text('preflight.fix.etcdGeneric', { host: parseEtcdUrl(url)?.host ?? url }),
    );
  }
  const major = Number(server.split('.')[0]);
  if (!(major >= 3)) {
    return fail(text('preflight.etcd.tooOld', { url, version: server }), text('preflight.fix.etcdUpgrade'));
  }
  if (health?.health !== 'true' && health?.health !== true) {
    const body = r.health.ok ? r.health.answer.body.trim().slice(0, 160) : '';
    return fail(
      text('preflight.etcd.unhealthy', { url, body: body || '-' }),
      text('preflight.fix.etcdUnhealthy', { host: parseEtcdUrl(url)?.host ?? url }),
    );
  }
  return pass('preflight.etcd.ok', { version: server, ms: r.latencyMs });
}

function memberCheck(url: string): Check {
  return hostCheck(etcdCheckName(url), 'error', async (ctx) =>
    judgeMember(ctx.input.answers, url, await probeMember(ctx, url)),
  );
}

export function etcdChecks(a: Answers): Check[] {
  return a.etcdServers.map((url) => startEarly(memberCheck(url)));
}

/** How far this host's clock may be from the etcd members' (and chrony's offset may be). */
export const CLOCK_BOUND_MS = 2000;

/**
 * Offset of this clock from a member's: the Date header has whole seconds, so the member's
 * time was in [date, date + 1 s) when it answered, and the answer came between sent and
 * received. Positive: this host is ahead. Zero when the intervals overlap.
 */
export function clockOffsetMs(answer: {
  dateMs: number | null;
  sentMs: number;
  receivedMs: number;
}): number | null {
  if (answer.dateMs === null) return null;
  if (answer.receivedMs < answer.dateMs) return answer.receivedMs - answer.dateMs;
  if (answer.sentMs > answer.dateMs + 1000) return answer.sentMs - (answer.dateMs + 1000);
  return 0;
}

function timeSync(a: Answers): Check {
  return hostCheck('TimeSync', 'warning', async (ctx) => {
    const [facts, probes] = await Promise.all([
      ctx.host.timeSync(),
      Promise.all(a.etcdServers.map(async (url) => ({ url, r: await probeMember(ctx, url) }))),
    ]);
    let worst: { url: string; offset: number } | null = null;
    for (const { url, r } of probes) {
      if (!r.ok) continue;
      for (const res of [r.version, r.health]) {
        if (!res.ok) continue;
        const offset = clockOffsetMs(res.answer);
        if (offset !== null && (!worst || Math.abs(offset) > Math.abs(worst.offset))) worst = { url, offset };
      }
    }
    if (worst && Math.abs(worst.offset) > CLOCK_BOUND_MS) {
      return fail(
        text(worst.offset > 0 ? 'preflight.time.aheadOfEtcd' : 'preflight.time.behindEtcd', {
          url: worst.url,
          seconds: (Math.abs(worst.offset) / 1000).toFixed(1),
        }),
        text('preflight.fix.time'),
      );
    }
    if (facts.offsetMs !== undefined && Math.abs(facts.offsetMs) > CLOCK_BOUND_MS) {
      return fail(
        text('preflight.time.offset', { seconds: (Math.abs(facts.offsetMs) / 1000).toFixed(1) }),
        text('preflight.fix.time'),
      );
    }
    if (facts.synchronized === false)
      return fail(
        text('preflight.time.notSynced', { source: facts.source ?? '-' }),
        text('preflight.fix.time'),
      );
    if (facts.synchronized === true) {
      return worst
        ? pass('preflight.time.syncedEtcd', { source: facts.source ?? '-', ms: Math.abs(worst.offset) })
        : pass('preflight.time.synced', { source: facts.source ?? '-' });
    }
    if (worst) return pass('preflight.time.etcdOnly', { ms: Math.abs(worst.offset) });
    return fail(text('preflight.time.unknown'), text('preflight.fix.time'));
  });
}

export function timeSyncCheck(a: Answers): Check {
  return startEarly(timeSync(a));
}
