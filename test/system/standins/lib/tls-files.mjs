// Reading the configured certificate and key files, failing with the Go wording.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { goFileError } from './go-errors.mjs';

export class FileProblem extends Error {}

export function readFile(path) {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new FileProblem(goFileError(e, path));
  }
}

const pemBlocks = (buf, type) =>
  buf.toString('utf8').match(new RegExp(`-----BEGIN ${type}-----[\\s\\S]+?-----END ${type}-----`, 'g')) ?? [];

/** A serving or client pair, as tls.LoadX509KeyPair checks it. */
export function loadKeyPair(certPath, keyPath) {
  const cert = readFile(certPath);
  const key = readFile(keyPath);
  const certs = pemBlocks(cert, 'CERTIFICATE');
  if (certs.length === 0) throw new FileProblem('tls: failed to find any PEM data in certificate input');
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.toString('utf8'))) {
    throw new FileProblem('tls: failed to find any PEM data in key input');
  }
  let x509;
  try {
    x509 = new X509Certificate(certs[0]);
  } catch (e) {
    throw new FileProblem(`tls: failed to parse certificate: ${e.message}`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new FileProblem('tls: failed to parse private key');
  }
  if (!x509.checkPrivateKey(privateKey)) throw new FileProblem('tls: private key does not match public key');
  return { cert, key, x509 };
}

/** A CA bundle: at least one certificate. */
export function loadCaBundle(path) {
  const buf = readFile(path);
  if (pemBlocks(buf, 'CERTIFICATE').length === 0) {
    throw new FileProblem(`error reading ${path}: data does not contain any valid RSA or ECDSA certificates`);
  }
  return buf;
}

/** --service-account-key-file: a public key, a private key or a certificate. */
export function loadServiceAccountKeys(path) {
  const buf = readFile(path);
  if (!/-----BEGIN [A-Z ]*(PUBLIC KEY|PRIVATE KEY|CERTIFICATE)-----/.test(buf.toString('utf8'))) {
    throw new FileProblem(
      `failed to parse public key from ${path}: data does not contain any valid RSA or ECDSA public keys`,
    );
  }
  return buf;
}

/** --token-auth-file: token,user,uid,"group1,group2" */
export function loadTokenFile(path) {
  const tokens = new Map();
  const lines = readFile(path).toString('utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cells = [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((m) => m[2] ?? m[1]).slice(0, 4);
    if (cells.length < 3 || !cells[0] || !cells[1]) {
      throw new FileProblem(
        `token file '${path}' must have at least 3 columns (token, user name, user uid), found ${cells.filter(Boolean).length} on line ${i + 1}`,
      );
    }
    tokens.set(cells[0], {
      name: cells[1],
      uid: cells[2],
      groups: (cells[3] ?? '').split(',').filter(Boolean),
    });
  });
  return tokens;
}
