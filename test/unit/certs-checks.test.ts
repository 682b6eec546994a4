import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import type { Answers, AnswersInput } from '../../src/model/answers.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { runPreflight } from '../../src/preflight/run.js';
import type { CheckResult, PreflightReport } from '../../src/preflight/types.js';
import { DAYS, makeCa, type Pair, pkcs8Pem, put, SSL, writeSeedSet } from './helpers/pki.js';
import { fakeHost } from './helpers/preflight-host.js';

const seedInput: AnswersInput = {
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
};

function answers(patch: Partial<AnswersInput> = {}): Answers {
  const r = parseAnswers({ ...seedInput, ...patch });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.answers;
}

async function binaries(dir: string) {
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
    await put(dir, `/usr/local/bin/${c}`, '#!/bin/sh\n', 0o755);
}

const en = translator('en');
const zh = translator('zh');
const find = (r: PreflightReport, name: string): CheckResult => {
  const c = r.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name}: ${r.checks.map((x) => x.name).join(' ')}`);
  return c;
};
const say = (c: CheckResult) => en(c.message.key, c.message.params);
const fixOf = (c: CheckResult) => (c.fix ? en(c.fix.key, c.fix.params) : '');
const failing = (r: PreflightReport) => r.checks.filter((c) => c.status === 'fail').map((c) => c.name);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kmw-certs-'));
  await binaries(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(a: Answers, minor: number, patch = {}) {
  const host = fakeHost(dir, {
    versions: Object.fromEntries(
      ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => [
        `/usr/local/bin/${c}`,
        `1.${minor}`,
      ]),
    ),
    ...patch,
  });
  return runPreflight({ answers: a, minor }, host, { ignore: [] });
}

let ca: Pair;
let otherCa: Pair;
beforeAll(async () => {
  ca = await makeCa();
  otherCa = await makeCa('someone-else');
});

describe('a correct set of certificates', () => {
  it('passes every check for 1.13 (the seed) and for 1.24 (kubeconfigs, client certificates)', async () => {
    await writeSeedSet(dir, { ca });
    for (const minor of [13, 24]) {
      const r = await run(answers(), minor);
      const notPassed = r.checks.filter((c) => c.status !== 'pass');
      expect(
        notPassed.map((c) => `${c.name}: ${say(c)}`),
        `1.${minor}`,
      ).toEqual([]);
      const names = r.checks.map((c) => c.name);
      expect(names).toContain('Cert-apiserver-SAN');
      expect(names).toContain('Cert-etcd-clientAuth');
      expect(names.includes('Cert-controller-manager-CN')).toBe(minor >= 20);
      expect(names.includes('Kubeconfig-scheduler')).toBe(minor >= 20);
    }
  });

  it('names each check once', async () => {
    await writeSeedSet(dir, { ca });
    const r = await run(answers(), 24);
    const names = r.checks.map((c) => c.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('each broken certificate fails its named check with the right message', () => {
  it('expired', async () => {
    await writeSeedSet(dir, {
      ca,
      overrides: { kubernetes: { notBefore: DAYS(-400), notAfter: DAYS(-35) } },
    });
    const r = await run(answers(), 13);
    const c = find(r, 'Cert-apiserver-validity');
    expect(c).toMatchObject({
      status: 'fail',
      severity: 'error',
      message: { key: 'preflight.cert.expired' },
    });
    expect(say(c)).toMatch(
      /^\/etc\/kubernetes\/ssl\/kubernetes\.pem expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );
    expect(fixOf(c)).toContain('Renew /etc/kubernetes/ssl/kubernetes.pem');
    expect(find(r, 'Cert-apiserver-expiry').status).toBe('skip');
    expect(failing(r)).toEqual(['Cert-apiserver-validity']);
  });

  it('not yet valid', async () => {
    await writeSeedSet(dir, { ca, overrides: { etcd: { notBefore: DAYS(2), notAfter: DAYS(400) } } });
    const r = await run(answers(), 13);
    const c = find(r, 'Cert-etcd-validity');
    expect(c).toMatchObject({ status: 'fail', message: { key: 'preflight.cert.notYetValid' } });
    expect(say(c)).toMatch(/^\/etc\/kubernetes\/ssl\/etcd\.pem is not valid before /);
    expect(fixOf(c)).toContain("Check this host's clock");
    expect(failing(r)).toEqual(['Cert-etcd-validity']);
  });

  it('expiring within 30 days: a warning', async () => {
    await writeSeedSet(dir, { ca, overrides: { kubernetes: { notAfter: DAYS(10.5) } } });
    const r = await run(answers(), 13);
    const c = find(r, 'Cert-apiserver-expiry');
    expect(c).toMatchObject({
      status: 'fail',
      severity: 'warning',
      message: { key: 'preflight.cert.expiresSoon' },
    });
    expect(say(c)).toContain('in 10 days');
    expect(find(r, 'Cert-apiserver-validity').status).toBe('pass');
  });

  it('signed by another CA', async () => {
    await writeSeedSet(dir, { ca, overrides: { kubernetes: { ca: otherCa } } });
    const r = await run(answers(), 13);
    const c = find(r, 'Cert-apiserver-CA');
    expect(c).toMatchObject({ status: 'fail', message: { key: 'preflight.cert.wrongCa' } });
    expect(say(c)).toBe(
      '/etc/kubernetes/ssl/kubernetes.pem is not signed by /etc/kubernetes/ssl/ca.pem (its issuer: CN=someone-else, O=k8s)',
    );
    expect(fixOf(c)).toContain('or set certs.caFile to the CA that signed it');
    expect(failing(r)).toEqual(['Cert-apiserver-CA']);
  });

  it('a key that is not the certificate’s', async () => {
    const set = await writeSeedSet(dir, { ca });
    await put(dir, `${SSL}/kubernetes-key.pem`, set.leaves.etcd.keyPem, 0o600);
    const r = await run(answers(), 13);
    const c = find(r, 'Cert-apiserver-key');
    expect(c).toMatchObject({ status: 'fail', message: { key: 'preflight.key.mismatch' } });
    expect(say(c)).toBe(
      '/etc/kubernetes/ssl/kubernetes-key.pem is not the key of /etc/kubernetes/ssl/kubernetes.pem',
    );
    expect(failing(r)).toEqual(['Cert-apiserver-key']);
  });

  it('SAN missing the advertise address', async () => {
    await writeSeedSet(dir, {
      ca,
      overrides: { kubernetes: { ips: ['127.0.0.1', '10.254.0.1'] } },
    });
    const r = await run(answers(), 13);
    const c = find(r, 'Cert-apiserver-SAN');
    expect(c).toMatchObject({ status: 'fail', message: { key: 'preflight.cert.sanMissing' } });
    expect(say(c)).toBe('/etc/kubernetes/ssl/kubernetes.pem does not cover IP:192.168.50.101');
    expect(fixOf(c)).toBe(
      'Re-issue /etc/kubernetes/ssl/kubernetes.pem with these added to its hosts (subjectAltName): IP:192.168.50.101',
    );
    expect(failing(r)).toEqual(['Cert-apiserver-SAN']);
  });

  it('SAN missing the first service IP, for the service range the answers give', async () => {
    await writeSeedSet(dir, { ca });
    const r = await run(answers({ serviceClusterIpRange: '10.96.0.0/12' }), 13);
    const c = find(r, 'Cert-apiserver-SAN');
    expect(c.status).toBe('fail');
    expect(say(c)).toBe('/etc/kubernetes/ssl/kubernetes.pem does not cover IP:10.96.0.1');
  });

  it('SAN missing the load balancer address and name, and a bind address of its own', async () => {
    await writeSeedSet(dir, { ca });
    const r = await run(
      answers({ loadBalancer: { addresses: ['192.168.50.100'], names: ['api.example.com'] } }),
      13,
    );
    expect(say(find(r, 'Cert-apiserver-SAN'))).toBe(
      '/etc/kubernetes/ssl/kubernetes.pem does not cover IP:192.168.50.100, DNS:api.example.com',
    );
    // a wildcard covers one label; 0.0.0.0 needs no entry
    await writeSeedSet(dir, {
      ca,
      overrides: {
        kubernetes: {
          ips: ['127.0.0.1', '192.168.50.101', '10.254.0.1', '192.168.50.100'],
          dns: [
            'kubernetes',
            'kubernetes.default',
            'kubernetes.default.svc',
            'kubernetes.default.svc.cluster.local',
            '*.example.com',
          ],
        },
      },
    });
    const ok = await run(
      answers({
        bindAddress: '0.0.0.0',
        loadBalancer: { addresses: ['192.168.50.100'], names: ['api.example.com'] },
      }),
      13,
    );
    expect(find(ok, 'Cert-apiserver-SAN').status).toBe('pass');
  });

  it('a world-readable key: chmod 600', async () => {
    await writeSeedSet(dir, { ca });
    await chmod(join(dir, SSL, 'etcd-key.pem'), 0o644);
    const r = await run(answers(), 13);
    const c = find(r, 'Key-etcd-permissions');
    expect(c).toMatchObject({ status: 'fail', severity: 'error', message: { key: 'preflight.perm.open' } });
    expect(say(c)).toBe('/etc/kubernetes/ssl/etcd-key.pem has mode 0644: group or others may read it');
    expect(fixOf(c)).toBe('chmod 600 /etc/kubernetes/ssl/etcd-key.pem');
    expect(failing(r)).toEqual(['Key-etcd-permissions']);
  });

  it('group-readable counts too, and a file named twice is checked once', async () => {
    await writeSeedSet(dir, { ca });
    await chmod(join(dir, SSL, 'ca-key.pem'), 0o640);
    const r = await run(answers(), 13);
    // the seed's service-account keys are ca-key.pem: one permission check for the file
    expect(
      r.checks.filter(
        (c) => c.message.params?.file === '/etc/kubernetes/ssl/ca-key.pem' && c.name.endsWith('permissions'),
      ),
    ).toHaveLength(1);
    expect(failing(r)).toEqual(['Key-ca-permissions']);
  });

  it('an etcd client certificate without client auth', async () => {
    await writeSeedSet(dir, { ca, overrides: { etcd: { eku: ['serverAuth'] } } });
    const r = await run(answers(), 13);
    const c = find(r, 'Cert-etcd-clientAuth');
    expect(c).toMatchObject({ status: 'fail', message: { key: 'preflight.cert.noClientAuth' } });
    expect(say(c)).toBe(
      '/etc/kubernetes/ssl/etcd.pem may not be used for client auth (extended key usage: serverAuth)',
    );
    expect(fixOf(c)).toContain('clientAuth');
    expect(failing(r)).toEqual(['Cert-etcd-clientAuth']);
  });

  it('a controller-manager certificate with the wrong CN, and a scheduler one without client auth (1.24)', async () => {
    await writeSeedSet(dir, {
      ca,
      overrides: { 'kube-controller-manager': { cn: 'admin' }, 'kube-scheduler': { eku: ['serverAuth'] } },
    });
    const r = await run(answers(), 24);
    expect(say(find(r, 'Cert-controller-manager-CN'))).toBe(
      '/etc/kubernetes/ssl/kube-controller-manager.pem has CN admin; RBAC expects system:kube-controller-manager',
    );
    expect(find(r, 'Cert-scheduler-clientAuth').status).toBe('fail');
    expect(failing(r).sort()).toEqual(['Cert-controller-manager-CN', 'Cert-scheduler-clientAuth']);
  });

  it('missing files: each named with the answers field, and the fix; dependants skipped', async () => {
    await writeSeedSet(dir, { ca, without: ['kube-controller-manager', 'etcd'] });
    const r = await run(answers(), 24);
    const etcd = find(r, 'Cert-etcd-file');
    expect(say(etcd)).toBe('/etc/kubernetes/ssl/etcd.pem (certs.etcdCertFile) does not exist');
    expect(fixOf(etcd)).toBe(
      'Copy the certificate to /etc/kubernetes/ssl/etcd.pem, or set certs.etcdCertFile to where it is',
    );
    expect(fixOf(find(r, 'Cert-controller-manager-file'))).toBe(
      'kmaster-wizard preflight --answers FILE --issue-certs issues it with the cluster CA',
    );
    expect(find(r, 'Cert-etcd-clientAuth')).toMatchObject({
      status: 'skip',
      message: { params: { check: 'Cert-etcd-file' } },
    });
    expect(failing(r).sort()).toEqual(['Cert-controller-manager-file', 'Cert-etcd-file']);
  });

  it('not a certificate; a CA file that holds no CA', async () => {
    const set = await writeSeedSet(dir, { ca });
    await put(dir, `${SSL}/kubernetes.pem`, 'hello\n');
    await put(dir, `${SSL}/ca.pem`, set.leaves.etcd.certPem);
    const r = await run(answers(), 13);
    expect(find(r, 'Cert-apiserver-file').message.key).toBe('preflight.cert.invalid');
    expect(find(r, 'Cert-ca-file').message.key).toBe('preflight.cert.notCa');
    expect(find(r, 'Cert-etcd-CA')).toMatchObject({ status: 'skip' });
  });
});

describe('service-account keys', () => {
  it('a verification key that does not belong to the signing key', async () => {
    const set = await writeSeedSet(dir, { ca });
    await put(dir, `${SSL}/sa.pub`, set.leaves.etcd.certPem);
    const r = await run(answers({ certs: { serviceAccountKeyFile: `${SSL}/sa.pub` } }), 24);
    const c = find(r, 'Key-service-account-pair');
    expect(say(c)).toBe(
      '/etc/kubernetes/ssl/sa.pub cannot verify tokens signed with /etc/kubernetes/ssl/ca-key.pem',
    );
    expect(fixOf(c)).toContain('openssl pkey -in /etc/kubernetes/ssl/ca-key.pem -pubout');
    expect(find(r, 'Key-service-account-file').status).toBe('pass');
  });

  it('an EC key in PKCS#8 form is not a verification key, as kube-apiserver reads it', async () => {
    // the real 1.36/1.37 apiserver exits with "error reading public key file …: data does not
    // contain any valid RSA or ECDSA public keys" for such a --service-account-key-file
    const set = await writeSeedSet(dir, { ca });
    await put(dir, `${SSL}/ca-key.pem`, pkcs8Pem(set.ca.keyPem), 0o600);
    const r = await run(answers(), 24);
    const c = find(r, 'Key-service-account-file');
    expect(say(c)).toBe(
      '/etc/kubernetes/ssl/ca-key.pem holds an EC private key in PKCS#8 form (BEGIN PRIVATE KEY), which kube-apiserver does not read as a verification key (data does not contain any valid RSA or ECDSA public keys)',
    );
    expect(fixOf(c)).toContain(
      'openssl ec -in /etc/kubernetes/ssl/ca-key.pem -out /etc/kubernetes/ssl/ca-key.pem',
    );
    // the signing side reads PKCS#8: only the verification file is refused
    expect(find(r, 'Key-service-account-signing-file').status).toBe('pass');
    // the same key in SEC1 form, as cfssl writes it, is read
    await put(dir, `${SSL}/ca-key.pem`, set.ca.keyPem, 0o600);
    expect(find(await run(answers(), 24), 'Key-service-account-file').status).toBe('pass');
  });

  it('a signing key that is not a private key', async () => {
    await writeSeedSet(dir, { ca });
    const r = await run(answers({ certs: { serviceAccountSigningKeyFile: `${SSL}/ca.pem` } }), 24);
    expect(find(r, 'Key-service-account-signing-file').message.key).toBe('preflight.sa.notPrivate');
  });

  it('named files that do not exist: 1.24 offers a dedicated pair', async () => {
    await writeSeedSet(dir, { ca });
    const r = await run(
      answers({
        certs: { serviceAccountKeyFile: `${SSL}/sa.pub`, serviceAccountSigningKeyFile: `${SSL}/sa.key` },
      }),
      24,
    );
    const c = find(r, 'Key-service-account-signing-file');
    expect(say(c)).toBe('/etc/kubernetes/ssl/sa.key (certs.serviceAccountSigningKeyFile) does not exist');
    expect(fixOf(c)).toBe(
      'kmaster-wizard preflight --answers FILE --issue-certs creates a dedicated key pair',
    );
  });
});

describe("the seed's service-account key is the CA key", () => {
  it('when it is missing the fix does not offer to issue it', async () => {
    await writeSeedSet(dir, { ca });
    await rm(join(dir, SSL, 'ca-key.pem'));
    const r = await run(answers(), 24);
    const c = find(r, 'Key-service-account-signing-file');
    expect(c.status).toBe('fail');
    expect(fixOf(c)).toBe(
      'Set certs.serviceAccountSigningKeyFile to the key file (the seed uses ca-key.pem), or create /etc/kubernetes/ssl/ca-key.pem',
    );
  });
});

describe('every message and fix renders in both languages', () => {
  it('no placeholder is left unfilled', async () => {
    await writeSeedSet(dir, {
      ca,
      overrides: {
        kubernetes: { notAfter: DAYS(-1), notBefore: DAYS(-9), ips: [] },
        etcd: { eku: ['serverAuth'], ca: otherCa },
      },
      without: ['kube-scheduler'],
    });
    await chmod(join(dir, SSL, 'etcd-key.pem'), 0o666);
    await writeFile(join(dir, '/etc/kubernetes/token.csv'), '');
    const r = await run(answers({ loadBalancer: { names: ['lb.example.com'] } }), 24);
    expect(failing(r).length).toBeGreaterThan(4);
    for (const c of r.checks) {
      for (const t of [en, zh]) {
        const texts = [t(c.message.key, c.message.params), ...(c.fix ? [t(c.fix.key, c.fix.params)] : [])];
        for (const s of texts) {
          expect(s, c.name).not.toMatch(/\{\w+\}/);
          expect(s).not.toMatch(/^preflight\./);
        }
      }
    }
    expect(
      zh(find(r, 'Cert-etcd-clientAuth').message.key, find(r, 'Cert-etcd-clientAuth').message.params),
    ).toContain('不能用于客户端认证');
  });
});
