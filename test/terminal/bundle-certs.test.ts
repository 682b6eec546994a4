import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBundle } from './tmux.js';

// The single file issues client certificates with the X.509 library bundled into it
// (the library needs the Reflect metadata API loaded first; only the bundle proves the order).
describe('the single-file CLI issuing the 1.20+ client certificates', () => {
  let root: string;
  let answers: string;
  beforeAll(() => {
    requireBundle();
    const dir = mkdtempSync(join(tmpdir(), 'kmw-issue-'));
    root = join(dir, 'root');
    const ssl = join(root, 'etc/kubernetes/ssl');
    mkdirSync(ssl, { recursive: true });
    const ca = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      join(ssl, 'ca-key.pem'),
      '-out',
      join(ssl, 'ca.pem'),
      '-subj',
      '/CN=kubernetes',
      '-days',
      '30',
    ]);
    expect(ca.status).toBe(0);
    answers = join(dir, 'a.yaml');
    writeFileSync(
      answers,
      'kubernetesVersion: "1.24"\nadvertiseAddress: 192.168.50.101\nbindAddress: 192.168.50.101\nsecurePort: 6443\netcdServers: [https://192.168.50.101:2379]\n',
    );
  });

  it('writes keys 0600 and certificates that chain to the cluster CA with the right names', () => {
    const r = spawnSync(
      CLI[0]!,
      [...CLI.slice(1), 'preflight', '--answers', answers, '--root', root, '--issue-certs'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stderr).not.toMatch(/TypeError|Reflect/);
    const ssl = join(root, 'etc/kubernetes/ssl');
    for (const [file, cn] of [
      ['kube-controller-manager', 'system:kube-controller-manager'],
      ['kube-scheduler', 'system:kube-scheduler'],
    ] as const) {
      expect(statSync(join(ssl, `${file}-key.pem`)).mode & 0o777).toBe(0o600);
      const verify = spawnSync(
        'openssl',
        ['verify', '-CAfile', join(ssl, 'ca.pem'), join(ssl, `${file}.pem`)],
        {
          encoding: 'utf8',
        },
      );
      expect(verify.stdout.trim()).toBe(`${join(ssl, `${file}.pem`)}: OK`);
      const subject = spawnSync('openssl', ['x509', '-noout', '-subject', '-in', join(ssl, `${file}.pem`)], {
        encoding: 'utf8',
      });
      expect(subject.stdout).toContain(`CN = ${cn}`);
    }
  });
});
