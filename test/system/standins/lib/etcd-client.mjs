// The apiserver's etcd connection: each member of --etcd-servers over (mutual) TLS with the
// --etcd-* files, through etcd's v3 JSON gateway (POST /v3/kv/range|put|txn).
import { request } from './http.mjs';

const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s) => Buffer.from(s ?? '', 'base64').toString('utf8');

/** The key just after every key that starts with prefix (etcd's range_end for a prefix). */
function prefixEnd(prefix) {
  const buf = Buffer.from(prefix, 'utf8');
  buf[buf.length - 1] += 1;
  return buf.toString('base64');
}

export class EtcdClient {
  /** @param servers {string[]} client URLs; @param tls {{ca?, cert?, key?}} */
  constructor(servers, tls, { timeoutMs = 2000 } = {}) {
    this.servers = servers;
    this.tls = tls;
    this.timeoutMs = timeoutMs;
    this.preferred = 0;
  }

  /** GET /health of one member: { ok, body } or throws an Error with a Go-worded `go`. */
  async health(server) {
    const r = await request(`${server}/health`, { ...this.tls, timeoutMs: this.timeoutMs });
    let ok = false;
    try {
      ok = JSON.parse(r.body).health === 'true';
    } catch {}
    return { ok: r.status === 200 && ok, body: r.body.trim() };
  }

  /** A gateway call on the first member that answers, starting with the last one that did. */
  async call(path, body) {
    let lastError;
    for (let i = 0; i < this.servers.length; i++) {
      const index = (this.preferred + i) % this.servers.length;
      try {
        const r = await request(`${this.servers[index]}${path}`, {
          ...this.tls,
          method: 'POST',
          body,
          timeoutMs: this.timeoutMs,
        });
        if (r.status !== 200) throw Object.assign(new Error(r.body), { go: `etcdserver: ${r.body.trim()}` });
        this.preferred = index;
        return JSON.parse(r.body);
      } catch (e) {
        lastError = e;
      }
    }
    throw lastError;
  }

  /** { value, modRevision } or null */
  async get(key) {
    const r = await this.call('/v3/kv/range', { key: b64(key) });
    const kv = r.kvs?.[0];
    return kv ? { value: unb64(kv.value), modRevision: kv.mod_revision } : null;
  }

  async list(prefix) {
    const r = await this.call('/v3/kv/range', { key: b64(prefix), range_end: prefixEnd(prefix) });
    return (r.kvs ?? []).map((kv) => ({
      key: unb64(kv.key),
      value: unb64(kv.value),
      modRevision: kv.mod_revision,
    }));
  }

  /**
   * Put when the key's modification revision is `modRevision` ("0" with target CREATE for
   * "does not exist yet"). Returns the new revision, or null when the compare failed.
   */
  async putIf(key, value, { createOnly = false, modRevision } = {}) {
    const compare = createOnly
      ? [{ key: b64(key), target: 'CREATE', result: 'EQUAL', create_revision: '0' }]
      : modRevision !== undefined
        ? [{ key: b64(key), target: 'MOD', result: 'EQUAL', mod_revision: String(modRevision) }]
        : [];
    const r = await this.call('/v3/kv/txn', {
      compare,
      success: [{ request_put: { key: b64(key), value: b64(value) } }],
    });
    return r.succeeded ? r.header.revision : null;
  }
}
