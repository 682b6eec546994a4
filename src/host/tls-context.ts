import { createHash } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';

/**
 * TLS contexts by their CA, certificate and key, built once per process: building one is most
 * of a probe's CPU (a context given a CA gets its own copy of the root store), and a run
 * probes the same few endpoints with the same files again and again (every etcd member
 * twice, each component at each poll). Keyed by the files' contents, so a file that changed
 * gets a context of its own.
 */
const contexts = new Map<string, SecureContext>();
const MAX = 32;

export function secureContextFor(pem: { ca?: Buffer; cert?: Buffer; key?: Buffer }): SecureContext {
  const hash = createHash('sha256');
  for (const part of [pem.ca, pem.cert, pem.key])
    hash.update(part ? `${part.length}:` : '-:').update(part ?? '');
  const id = hash.digest('hex');
  let context = contexts.get(id);
  if (!context) {
    context = createSecureContext({
      ...(pem.ca ? { ca: pem.ca } : {}),
      ...(pem.cert ? { cert: pem.cert } : {}),
      ...(pem.key ? { key: pem.key } : {}),
    });
    if (contexts.size >= MAX) contexts.delete(contexts.keys().next().value!);
    contexts.set(id, context);
  }
  return context;
}
