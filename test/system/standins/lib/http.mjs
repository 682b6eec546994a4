// One HTTP(S) request with the TLS material given, and errors worded as in Go.
import http from 'node:http';
import https from 'node:https';
import { goDialError, isTlsError } from './go-errors.mjs';

/**
 * @returns {Promise<{status: number, body: string, headers: object}>}
 * Rejects with an Error whose `go` property is the Go wording of the failure and whose
 * `tls` property says whether it failed in the handshake.
 */
export function request(
  url,
  { method = 'GET', body, headers = {}, ca, cert, key, insecure = false, timeoutMs = 5000 } = {},
) {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const lib = u.protocol === 'https:' ? https : http;
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = lib.request(
      {
        method,
        host,
        port,
        path: `${u.pathname}${u.search}`,
        headers: {
          Accept: 'application/json',
          ...(payload !== undefined
            ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }
            : {}),
          ...headers,
        },
        agent: false,
        ...(u.protocol === 'https:' ? { ca, cert, key, rejectUnauthorized: !insecure } : {}),
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (e) => fail(e));
      },
    );
    const fail = (e) => {
      const err = e instanceof Error ? e : new Error(String(e));
      err.go = goDialError(err, host, port);
      err.tls = isTlsError(err);
      reject(err);
    };
    const timeout = () => {
      const e = new Error('timeout');
      e.code = 'TIMEOUT';
      req.destroy(e);
    };
    // an idle socket, and a connection that is not made: a host gone from the network answers
    // nothing, and the kernel gives up on it only after tens of seconds (Go's clients dial with
    // a timeout of their own)
    req.setTimeout(timeoutMs, timeout);
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const dial = setTimeout(timeout, timeoutMs);
      socket.once('connect', () => clearTimeout(dial));
      socket.once('close', () => clearTimeout(dial));
    });
    req.on('error', fail);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
