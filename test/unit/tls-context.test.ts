import { describe, expect, it } from 'vitest';
import { secureContextFor } from '../../src/host/tls-context.js';
import { makeCa } from './helpers/pki.js';

describe('TLS contexts by their files', () => {
  it('is built once for the same CA, certificate and key, and anew when a file changed', async () => {
    const [a, b] = await Promise.all([makeCa('a'), makeCa('b')]);
    const pem = (p: { certPem: string; keyPem: string }) => ({
      ca: Buffer.from(p.certPem),
      cert: Buffer.from(p.certPem),
      key: Buffer.from(p.keyPem),
    });
    const first = secureContextFor(pem(a));
    expect(secureContextFor(pem(a))).toBe(first);
    expect(secureContextFor(pem(b))).not.toBe(first);
    // the same bytes in another field are other files
    expect(secureContextFor({ cert: Buffer.from(a.certPem), key: Buffer.from(a.keyPem) })).not.toBe(first);
  });

  it('throws for a key that is not one, as building it would', () => {
    expect(() => secureContextFor({ key: Buffer.from('not a key') })).toThrow();
  });
});
