// The in-memory self-signed serving certificate the controller-manager and the scheduler
// make at start when no --tls-cert-file is given ("Generated self-signed cert in-memory").
// Made with openssl in a private temporary folder that is removed at once.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function selfSignedCert(hosts) {
  const dir = mkdtempSync(join(tmpdir(), 'kmw-standin-'));
  try {
    const san = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-noenc', '-days', '365']
        .concat([
          '-subj',
          `/CN=localhost@${Math.floor(Date.now() / 1000)}`,
          '-addext',
          `subjectAltName=${san}`,
        ])
        .concat(['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]),
      { stdio: 'ignore' },
    );
    return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
