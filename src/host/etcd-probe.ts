import https from 'node:https';
import type { SecureContext } from 'node:tls';
import { readFileResult } from './system-facts.js';
import { secureContextFor } from './tls-context.js';

/**
 * One etcd member asked as kube-apiserver will ask it: HTTPS with the configured CA, client
 * certificate and key (mutual TLS), `/version` and `/health` at once, each with a short
 * timeout. Node's https module with the files' contents; no curl, no shell.
 */

export interface EtcdProbeRequest {
  /** the member's client URL, e.g. https://192.168.50.101:2379 */
  url: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  body: string;
  /** the Date header, in milliseconds since the epoch */
  dateMs: number | null;
  /** local clock when the request was sent and when the answer came (for clock comparisons) */
  sentMs: number;
  receivedMs: number;
}

export interface HttpFailure {
  /** ECONNREFUSED, ETIMEDOUT, ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE, ERR_TLS_CERT_ALTNAME_INVALID, … */
  code: string;
  message: string;
}

export type HttpResult = { ok: true; answer: HttpAnswer } | { ok: false; error: HttpFailure };

export type EtcdProbeResult =
  | { ok: true; version: HttpResult; health: HttpResult; latencyMs: number }
  /** a CA, certificate or key file could not be read: nothing was sent */
  | { ok: false; file: string; code: string; message: string };

const MAX_BODY = 8 * 1024;

function get(url: URL, secureContext: SecureContext, timeoutMs: number): Promise<HttpResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: HttpResult) => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    const sentMs = Date.now();
    const req = https.request(
      url,
      // (tls.connect's secureContext, passed through by https)
      {
        method: 'GET',
        agent: false,
        timeout: timeoutMs,
        secureContext,
        rejectUnauthorized: true,
      } as https.RequestOptions,
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < MAX_BODY) body += chunk;
        });
        res.on('end', () => {
          const date = res.headers.date ? Date.parse(res.headers.date) : Number.NaN;
          done({
            ok: true,
            answer: {
              status: res.statusCode ?? 0,
              body: body.slice(0, MAX_BODY),
              dateMs: Number.isFinite(date) ? date : null,
              sentMs,
              receivedMs: Date.now(),
            },
          });
        });
        res.on('error', (e: NodeJS.ErrnoException) =>
          done({ ok: false, error: { code: e.code ?? 'EIO', message: e.message } }),
        );
      },
    );
    // one deadline for the whole exchange, connection included
    const timer = setTimeout(() => {
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      done({ ok: false, error: { code: e.code ?? 'EIO', message: e.message.split('\n')[0]! } }),
    );
    req.on('close', () => clearTimeout(timer));
    req.end();
  });
}

export async function etcdProbe(req: EtcdProbeRequest): Promise<EtcdProbeResult> {
  const started = Date.now();
  const files = [req.caFile, req.certFile, req.keyFile];
  const read = await Promise.all(files.map(readFileResult));
  for (const [i, r] of read.entries()) {
    if (!r.ok) return { ok: false, file: files[i]!, code: r.code, message: r.message };
  }
  const [ca, cert, key] = read.map((r) => (r as { data: Buffer }).data) as [Buffer, Buffer, Buffer];
  const base = req.url.replace(/\/+$/, '');
  const timeoutMs = req.timeoutMs ?? 3000;
  // one TLS context for both requests and every member (tls-context.ts)
  let context: SecureContext;
  try {
    context = secureContextFor({ ca, cert, key });
  } catch (e) {
    const error = { code: (e as NodeJS.ErrnoException).code ?? 'EINVAL', message: (e as Error).message };
    const failed: HttpResult = { ok: false, error };
    return { ok: true, version: failed, health: failed, latencyMs: Date.now() - started };
  }
  const [version, health] = await Promise.all([
    get(new URL(`${base}/version`), context, timeoutMs),
    get(new URL(`${base}/health`), context, timeoutMs),
  ]);
  return { ok: true, version, health, latencyMs: Date.now() - started };
}
