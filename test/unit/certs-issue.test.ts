// Issuing the controller-manager's and scheduler's client certificates and a dedicated
// service-account pair. The CA is made with openssl and the results are judged by openssl
// too, so the library that issues is not the one that checks.
import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createExclusive } from '../../src/host/certs.js';
import type { AnswersInput } from '../../src/model/answers.js';
import { realPreflightHost } from '../../src/preflight/host.js';
import { issueMissingClientCerts } from '../../src/preflight/issue.js';
import { runPreflight } from '../../src/preflight/run.js';
import { seedAnswers } from './helpers/seed-answers.js';

const SSL = '/etc/kubernetes/ssl';

async function openssl(args: string[], cwd: string) {
  const r = await execa('openssl', args, { cwd, reject: false });
  if (r.exitCode !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** ca.pem / ca-key.pem made by openssl in ROOT/etc/kubernetes/ssl. */
async function opensslCa(root: string, type: 'ec' | 'rsa') {
  const ssl = join(root, SSL);
  await mkdir(ssl, { recursive: true });
  const keyArgs =
    type === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
  await openssl(
    ['req', '-x509', '-new', ...keyArgs, '-noenc', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '3650']
      .concat(['-subj', '/C=CN/ST=BeiJing/L=BeiJing/O=k8s/OU=System/CN=kubernetes'])
      .concat([
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ]),
    ssl,
  );
}

const answers = (patch: Partial<AnswersInput> = {}) => seedAnswers('1.24', patch);

/** The raw bytes of a DER TLV's value and the rest, for walking a certificate by hand. */
function tlv(buf: Buffer, at: number): { start: number; end: number; next: number } {
  let len = buf[at + 1]!;
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[at + 2 + i]!;
    hdr += n;
  }
  return { start: at + hdr, end: at + hdr + len, next: at + hdr + len };
}
/** tbsCertificate's issuer and subject, as encoded. */
function rawNames(der: Buffer): { issuer: Buffer; subject: Buffer } {
  const cert = tlv(der, 0);
  const tbs = tlv(der, cert.start);
  let at = tbs.start;
  if (der[at] === 0xa0) at = tlv(der, at).next; // version
  at = tlv(der, at).next; // serial
  at = tlv(der, at).next; // signature algorithm
  const issuer = tlv(der, at);
  const validity = tlv(der, issuer.next);
  const subject = tlv(der, validity.next);
  return { issuer: der.subarray(at, issuer.end), subject: der.subarray(validity.next, subject.end) };
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kmw-issue-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const path = (p: string) => join(root, p);
const mode = async (p: string) => (await stat(path(p))).mode & 0o777;

describe('issueMissingClientCerts', () => {
  for (const type of ['ec', 'rsa'] as const) {
    it(`issues both client certificates with an openssl ${type} CA: they chain, carry the CN and client auth, keys 0600`, async () => {
      await opensslCa(root, type);
      const r = await issueMissingClientCerts(answers(), realPreflightHost(), { minor: 24, root });
      expect(r.problems).toEqual([]);
      expect(r.files.map((f) => [f.file.slice(root.length), f.what, f.how, f.mode])).toEqual([
        [`${SSL}/kube-controller-manager-key.pem`, 'client-key', 'issued', 0o600],
        [`${SSL}/kube-controller-manager.pem`, 'client-cert', 'issued', 0o644],
        [`${SSL}/kube-scheduler-key.pem`, 'client-key', 'issued', 0o600],
        [`${SSL}/kube-scheduler.pem`, 'client-cert', 'issued', 0o644],
      ]);
      const ssl = path(SSL);
      for (const [name, cn] of [
        ['kube-controller-manager', 'system:kube-controller-manager'],
        ['kube-scheduler', 'system:kube-scheduler'],
      ]) {
        expect(
          await openssl(['verify', '-CAfile', 'ca.pem', '-purpose', 'sslclient', `${name}.pem`], ssl),
        ).toBe(`${name}.pem: OK`);
        const text = await openssl(
          ['x509', '-in', `${name}.pem`, '-noout', '-subject', '-ext', 'extendedKeyUsage,basicConstraints'],
          ssl,
        );
        expect(text).toContain(`CN = ${cn}`);
        expect(text).toContain('TLS Web Client Authentication');
        expect(text).toContain('CA:FALSE');
        expect(await mode(`${SSL}/${name}-key.pem`)).toBe(0o600);
        expect(await mode(`${SSL}/${name}.pem`)).toBe(0o644);
        // the key belongs to the certificate
        const pub = await openssl(['pkey', '-in', `${name}-key.pem`, '-pubout'], ssl);
        const certPub = await openssl(['x509', '-in', `${name}.pem`, '-noout', '-pubkey'], ssl);
        expect(pub).toBe(certPub);
        // byte for byte the CA's subject as issuer (Go's verifier compares the raw names)
        const leaf = new X509Certificate(await readFile(join(ssl, `${name}.pem`)));
        const ca = new X509Certificate(await readFile(join(ssl, 'ca.pem')));
        expect(rawNames(leaf.raw).issuer.equals(rawNames(ca.raw).subject)).toBe(true);
      }
      // no temporary file is left behind
      expect((await readdir(ssl)).filter((f) => f.includes('.tmp'))).toEqual([]);
      // the preflight agrees
      const report = await runPreflight({ answers: answers(), minor: 24 }, realPreflightHost(), {
        ignore: [],
        root,
      });
      const mine = report.checks.filter((c) => /^(Cert|Key)-(controller-manager|scheduler)-/.test(c.name));
      expect(mine.length).toBe(16);
      expect(mine.filter((c) => c.status !== 'pass')).toEqual([]);
    });
  }

  it('never touches an existing key: the certificate is issued for it', async () => {
    await opensslCa(root, 'ec');
    const ssl = path(SSL);
    await openssl(
      [
        'genpkey',
        '-algorithm',
        'EC',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-out',
        'kube-scheduler-key.pem',
      ],
      ssl,
    );
    const keyPath = join(ssl, 'kube-scheduler-key.pem');
    const before = await readFile(keyPath);
    const mtime = (await stat(keyPath)).mtimeMs;
    const r = await issueMissingClientCerts(answers(), realPreflightHost(), { minor: 24, root });
    expect(r.files.map((f) => f.file.slice(root.length))).not.toContain(`${SSL}/kube-scheduler-key.pem`);
    expect(r.files.map((f) => f.file.slice(root.length))).toContain(`${SSL}/kube-scheduler.pem`);
    expect((await readFile(keyPath)).equals(before)).toBe(true);
    expect((await stat(keyPath)).mtimeMs).toBe(mtime);
    const pub = await openssl(['pkey', '-in', 'kube-scheduler-key.pem', '-pubout'], ssl);
    expect(await openssl(['x509', '-in', 'kube-scheduler.pem', '-noout', '-pubkey'], ssl)).toBe(pub);
  });

  it('leaves an existing certificate alone, and says so', async () => {
    await opensslCa(root, 'ec');
    await writeFile(path(`${SSL}/kube-controller-manager.pem`), 'mine\n');
    const r = await issueMissingClientCerts(answers(), realPreflightHost(), { minor: 24, root });
    expect(await readFile(path(`${SSL}/kube-controller-manager.pem`), 'utf8')).toBe('mine\n');
    expect(r.notes).toContainEqual({
      key: 'preflight.issue.exists',
      params: { file: path(`${SSL}/kube-controller-manager.pem`) },
    });
    expect(r.files.map((f) => f.what)).toEqual(['client-key', 'client-cert']);
  });

  it('reuses the credentials of a valid existing kubeconfig instead of issuing new ones', async () => {
    await opensslCa(root, 'ec');
    const ssl = path(SSL);
    // a hand-made kubeconfig with embedded credentials, signed by the CA with openssl
    await openssl(
      ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'old-key.pem'],
      ssl,
    );
    await openssl(
      [
        'req',
        '-new',
        '-key',
        'old-key.pem',
        '-subj',
        '/O=system:kube-scheduler/CN=system:kube-scheduler',
        '-out',
        'old.csr',
      ],
      ssl,
    );
    await writeFile(join(ssl, 'ext.cnf'), 'extendedKeyUsage=clientAuth\n');
    await openssl(
      [
        'x509',
        '-req',
        '-in',
        'old.csr',
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca-key.pem',
        '-CAcreateserial',
        '-days',
        '30',
        '-extfile',
        'ext.cnf',
        '-out',
        'old.pem',
      ],
      ssl,
    );
    const certPem = await readFile(join(ssl, 'old.pem'));
    const keyPem = await readFile(join(ssl, 'old-key.pem'));
    await writeFile(
      path('/etc/kubernetes/scheduler.kubeconfig'),
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'k',
            cluster: { 'certificate-authority': `${SSL}/ca.pem`, server: 'https://192.168.50.101:6443' },
          },
        ],
        users: [
          {
            name: 'u',
            user: {
              'client-certificate-data': certPem.toString('base64'),
              'client-key-data': keyPem.toString('base64'),
            },
          },
        ],
        contexts: [{ name: 'c', context: { cluster: 'k', user: 'u' } }],
        'current-context': 'c',
      }),
    );
    const r = await issueMissingClientCerts(answers(), realPreflightHost(), { minor: 24, root });
    expect(r.files.filter((f) => f.file.includes('kube-scheduler')).map((f) => [f.what, f.how])).toEqual([
      ['client-key', 'reused'],
      ['client-cert', 'reused'],
    ]);
    expect((await readFile(join(ssl, 'kube-scheduler.pem'))).equals(certPem)).toBe(true);
    expect(await mode(`${SSL}/kube-scheduler-key.pem`)).toBe(0o600);
    // the controller-manager had no kubeconfig: issued
    expect(r.files.filter((f) => f.file.includes('kube-controller-manager')).map((f) => f.how)).toEqual([
      'issued',
      'issued',
    ]);
    const report = await runPreflight({ answers: answers(), minor: 24 }, realPreflightHost(), {
      ignore: [],
      root,
    });
    expect(report.checks.find((c) => c.name === 'Kubeconfig-scheduler')).toMatchObject({
      status: 'pass',
      message: { key: 'preflight.kubeconfig.valid' },
    });
  });

  it('creates a dedicated service-account pair when the answers name files that do not exist', async () => {
    await opensslCa(root, 'ec');
    const a = answers({
      certs: { serviceAccountKeyFile: `${SSL}/sa.pub`, serviceAccountSigningKeyFile: `${SSL}/sa.key` },
    });
    const r = await issueMissingClientCerts(a, realPreflightHost(), { minor: 24, root });
    expect(
      r.files.filter((f) => f.what.startsWith('sa-')).map((f) => [f.file.slice(root.length), f.mode]),
    ).toEqual([
      [`${SSL}/sa.key`, 0o600],
      [`${SSL}/sa.pub`, 0o644],
    ]);
    const ssl = path(SSL);
    expect(await openssl(['pkey', '-in', 'sa.key', '-pubout'], ssl)).toBe(
      (await readFile(join(ssl, 'sa.pub'), 'utf8')).trim(),
    );
    const report = await runPreflight({ answers: a, minor: 24 }, realPreflightHost(), { ignore: [], root });
    expect(report.checks.find((c) => c.name === 'Key-service-account-pair')!.status).toBe('pass');
    expect(report.checks.find((c) => c.name === 'Key-service-account-signing-permissions')!.status).toBe(
      'pass',
    );
  });

  it("never makes the seed's ca-key.pem as a service-account key, even when it is missing", async () => {
    await opensslCa(root, 'ec');
    await rm(path(`${SSL}/ca-key.pem`));
    const r = await issueMissingClientCerts(answers(), realPreflightHost(), { minor: 24, root });
    await expect(stat(path(`${SSL}/ca-key.pem`))).rejects.toThrow();
    expect(r.files).toEqual([]);
    expect(r.problems).toEqual([
      { key: 'preflight.issue.noCaKey', params: { file: path(`${SSL}/ca-key.pem`) } },
      { key: 'preflight.issue.saShared', params: { file: path(`${SSL}/ca-key.pem`) } },
    ]);
    const report = await runPreflight({ answers: answers(), minor: 24 }, realPreflightHost(), {
      ignore: [],
      root,
    });
    // under --root a missing file is not judged; on the machine the fix must not offer to issue it
    expect(report.checks.find((c) => c.name === 'Key-service-account-signing-file')!.status).toBe('skip');
  });

  it('does not make a signing key that could not match an existing verification key', async () => {
    await opensslCa(root, 'ec');
    await writeFile(path(`${SSL}/sa.pub`), 'x');
    const a = answers({
      certs: { serviceAccountKeyFile: `${SSL}/sa.pub`, serviceAccountSigningKeyFile: `${SSL}/sa.key` },
    });
    const r = await issueMissingClientCerts(a, realPreflightHost(), { minor: 24, root });
    expect(r.problems.map((p) => p.key)).toEqual(['preflight.issue.saOnlyPublic']);
    await expect(stat(path(`${SSL}/sa.key`))).rejects.toThrow();
  });

  it('issues nothing for versions before 1.20, and nothing without a usable CA', async () => {
    await opensslCa(root, 'ec');
    const old = await issueMissingClientCerts(answers({ kubernetesVersion: '1.13' }), realPreflightHost(), {
      minor: 13,
      root,
    });
    expect(old).toEqual({
      files: [],
      notes: [{ key: 'preflight.issue.notNeeded', params: { version: '1.13' } }],
      problems: [],
    });
    await writeFile(path(`${SSL}/ca-key.pem`), 'not a key');
    const noKey = await issueMissingClientCerts(answers(), realPreflightHost(), { minor: 24, root });
    expect(noKey.problems.map((p) => p.key)).toEqual(['preflight.issue.noCaKey']);
    // the client keys were not made either: nothing is left half-done
    expect(noKey.files).toEqual([]);
  });
});

describe('issuing when a file cannot be written', () => {
  it('reports it and goes no further for that component', async () => {
    await opensslCa(root, 'ec');
    const host = {
      ...realPreflightHost(),
      createExclusive: async () => {
        throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      },
    };
    const r = await issueMissingClientCerts(answers(), host, { minor: 24, root });
    expect(r.files).toEqual([]);
    expect(r.problems).toEqual([
      {
        key: 'preflight.issue.writeFailed',
        params: { file: path(`${SSL}/kube-controller-manager-key.pem`), error: 'EACCES' },
      },
      {
        key: 'preflight.issue.writeFailed',
        params: { file: path(`${SSL}/kube-scheduler-key.pem`), error: 'EACCES' },
      },
    ]);
  });
});

describe('createExclusive', () => {
  it('writes with the mode asked whatever the umask, and never replaces a file', async () => {
    const file = join(root, 'd', 'key.pem');
    const old = process.umask(0o077);
    try {
      expect(await createExclusive(file, 'secret', 0o644)).toBe('created');
    } finally {
      process.umask(old);
    }
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    expect(await createExclusive(file, 'other', 0o600)).toBe('exists');
    expect(await readFile(file, 'utf8')).toBe('secret');
    expect(await readdir(join(root, 'd'))).toEqual(['key.pem']);
  });
});
