import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { secureContextFor } from './tls-context.js';

/**
 * HTTP(S) health probes with node's own client: explicit CA, client certificate and key
 * (read from the files the answers name), no curl and no shell. Every probe has a
 * timeout and an AbortSignal.
 */
export interface ProbeRequest {
  url: string;
  /** CA bundle that must have signed the server's certificate (file path) */
  caFile?: string;
  /** client certificate and key for mutual TLS (file paths) */
  certFile?: string;
  keyFile?: string;
  /** sent as `Authorization: Bearer …` */
  bearerToken?: string;
  /**
   * false for a component's self-signed serving certificate (the controller-manager's and
   * scheduler's /healthz): the TLS session is made but the certificate is not checked.
   */
  verify: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ProbeError {
  /** ECONNREFUSED, ETIMEDOUT, ERR_TLS_CERT_ALTNAME_INVALID, ENOENT, EACCES, … */
  code: string;
  message: string;
  /** set when a certificate or key file could not be read */
  file?: string;
}

export interface ProbeResponse {
  url: string;
  status?: number;
  body?: string;
  error?: ProbeError;
  latencyMs: number;
}

const MAX_BODY = 16 * 1024;

async function readPem(path: string | undefined): Promise<Buffer | undefined | ProbeError> {
  if (!path) return undefined;
  try {
    return await readFile(path);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { code: e.code ?? 'EIO', message: e.message, file: path };
  }
}

const isError = (v: unknown): v is ProbeError => typeof v === 'object' && v !== null && 'code' in v;

export async function probe(req: ProbeRequest): Promise<ProbeResponse> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const [ca, cert, key] = await Promise.all([
    readPem(req.caFile),
    readPem(req.certFile),
    readPem(req.keyFile),
  ]);
  for (const v of [ca, cert, key]) {
    if (isError(v)) return { url: req.url, error: v, latencyMs: latency() };
  }
  const url = new URL(req.url);
  const secure = url.protocol === 'https:';
  const headers: Record<string, string> = { Accept: 'application/json, */*' };
  if (req.bearerToken) headers.Authorization = `Bearer ${req.bearerToken}`;
  const options: https.RequestOptions = {
    method: 'GET',
    headers,
    timeout: req.timeoutMs ?? 3000,
    agent: false,
    ...(req.signal ? { signal: req.signal } : {}),
  };
  if (secure) {
    // the context for these files, built once (tls-context.ts); a key that is not one is said
    // as the probe's error, as the request would have
    try {
      const secureContext = secureContextFor({
        ...(ca ? { ca: ca as Buffer } : {}),
        ...(cert ? { cert: cert as Buffer } : {}),
        ...(key ? { key: key as Buffer } : {}),
      });
      Object.assign(options, { secureContext, rejectUnauthorized: req.verify });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      return { url: req.url, error: { code: e.code ?? 'EINVAL', message: e.message }, latencyMs: latency() };
    }
  }
  return new Promise<ProbeResponse>((resolve) => {
    let settled = false;
    const finish = (r: Omit<ProbeResponse, 'url' | 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ url: req.url, ...r, latencyMs: latency() });
    };
    const request = (secure ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () =>
        finish({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
        }),
      );
      res.on('error', (e: NodeJS.ErrnoException) =>
        finish({ error: { code: e.code ?? 'EIO', message: e.message } }),
      );
    });
    request.on('timeout', () => {
      request.destroy(
        Object.assign(new Error(`no answer within ${options.timeout} ms`), { code: 'ETIMEDOUT' }),
      );
    });
    request.on('error', (e: NodeJS.ErrnoException) =>
      finish({ error: { code: e.code ?? 'EIO', message: e.message } }),
    );
    request.end();
  });
}

/** Whether a file can be read by this process (certificates, keys, token files). */
export async function readableFile(path: string): Promise<boolean> {
  try {
    await readFile(path);
    return true;
  } catch {
    return false;
  }
}

/** The first token of a kube-apiserver --token-auth-file (token,user,uid,"groups"). */
export async function firstToken(path: string): Promise<{ token: string; user: string } | null> {
  try {
    const text = await readFile(path, 'utf8');
    for (const line of text.split('\n')) {
      const [token, user] = line.split(',');
      if (token?.trim() && user?.trim())
        return { token: token.trim(), user: user.trim().replace(/^"|"$/g, '') };
    }
  } catch {}
  return null;
}
