import type { Answers } from '../model/answers.js';
import { KUBECONFIG_LAYOUT_FROM } from '../model/layout.js';
import { load, loadPrivateKey, unusable } from './files.js';
import { sharedPaths } from './shared-paths.js';
import { type Check, fail, type PreflightText, pass, skip, text } from './types.js';
import { samePublicKey, verificationKeyBlocks, verificationKeys } from './x509.js';

/**
 * Key files: the service-account pair (the apiserver verifies tokens with
 * serviceAccountKeyFile, the controller-manager signs them with serviceAccountSigningKeyFile;
 * the seed uses ca-key.pem for both), the apiserver's token file, and the permissions of
 * every file holding a secret (no access for group or others).
 */

/**
 * The fix for a missing service-account key file: from KUBECONFIG_LAYOUT_FROM on kmaster-wizard
 * can issue it, unless it is also one of the other certificate or key files; else name one.
 */
function saMissingFix(a: Answers, minor: number, path: string, file: string, field: string): PreflightText {
  return minor >= KUBECONFIG_LAYOUT_FROM && !sharedPaths(a).has(path)
    ? text('preflight.fix.issueSa', { file })
    : text('preflight.fix.saMissing', { file, field });
}

function saKeyCheck(a: Answers, minor: number): Check {
  const field = 'certs.serviceAccountKeyFile';
  return {
    name: 'Key-service-account-file',
    severity: 'error',
    async run(ctx) {
      const f = await load(ctx, a.certs.serviceAccountKeyFile);
      if (f.state !== 'ok') {
        return unusable(
          ctx,
          f,
          text('preflight.sa.missing', { file: f.target, field }),
          saMissingFix(a, minor, a.certs.serviceAccountKeyFile, f.target, field),
        );
      }
      const { keys, refused } = verificationKeyBlocks(f.data);
      if (keys.length === 0) {
        const pkcs8Ec = refused.some((r) => r.why === 'pkcs8-ec');
        if (pkcs8Ec) {
          return fail(
            text('preflight.sa.pkcs8Ec', { file: f.target }),
            text('preflight.fix.saPkcs8Ec', { file: f.target, field }),
          );
        }
        return fail(text('preflight.sa.noKey', { file: f.target }), text('preflight.fix.saNoKey', { field }));
      }
      return pass('preflight.sa.ok', { file: f.target, count: keys.length });
    },
  };
}

function saSigningCheck(a: Answers, minor: number): Check {
  const field = 'certs.serviceAccountSigningKeyFile';
  return {
    name: 'Key-service-account-signing-file',
    severity: 'error',
    async run(ctx) {
      const k = await loadPrivateKey(ctx, a.certs.serviceAccountSigningKeyFile);
      const file = ctx.target(a.certs.serviceAccountSigningKeyFile);
      if (k.ok) return pass('preflight.sa.signingOk', { file, type: k.key.asymmetricKeyType ?? '?' });
      if (k.file.state !== 'ok') {
        return unusable(
          ctx,
          k.file,
          text('preflight.sa.missing', { file, field }),
          saMissingFix(a, minor, a.certs.serviceAccountSigningKeyFile, file, field),
        );
      }
      return fail(
        text(k.reason === 'encrypted' ? 'preflight.key.encrypted' : 'preflight.sa.notPrivate', { file }),
        text('preflight.fix.saNotPrivate', { field }),
      );
    },
  };
}

function saPairCheck(a: Answers): Check {
  return {
    name: 'Key-service-account-pair',
    severity: 'error',
    async run(ctx) {
      const signing = await loadPrivateKey(ctx, a.certs.serviceAccountSigningKeyFile);
      if (!signing.ok) return skip('preflight.skip.needs', { check: 'Key-service-account-signing-file' });
      const f = await load(ctx, a.certs.serviceAccountKeyFile);
      if (f.state !== 'ok') return skip('preflight.skip.needs', { check: 'Key-service-account-file' });
      const keyFile = f.target;
      const signingFile = signing.target;
      if (!verificationKeys(f.data).some((k) => samePublicKey(k, signing.key))) {
        return fail(
          text('preflight.sa.mismatch', { keyFile, signing: signingFile }),
          text('preflight.fix.saMismatch', { keyFile, signing: signingFile }),
        );
      }
      return pass(
        a.certs.serviceAccountKeyFile === a.certs.serviceAccountSigningKeyFile
          ? 'preflight.sa.sameFile'
          : 'preflight.sa.pairOk',
        { keyFile, signing: signingFile },
      );
    },
  };
}

function tokenFileCheck(a: Answers): Check {
  return {
    name: 'File-token-auth',
    severity: 'error',
    async run(ctx) {
      const f = await load(ctx, a.apiserver.tokenAuthFile);
      if (f.state !== 'ok') {
        return unusable(
          ctx,
          f,
          text('preflight.token.missing', { file: f.target }),
          text('preflight.fix.tokenMissing', { file: f.target }),
        );
      }
      return pass('preflight.token.ok', { file: f.target });
    },
  };
}

/** Files holding secrets, first role first; a file named twice is checked once. */
export function secretFiles(a: Answers, minor: number): { name: string; file: string }[] {
  const c = a.certs;
  const list = [
    { name: 'Key-ca-permissions', file: c.caKeyFile },
    { name: 'Key-apiserver-permissions', file: c.apiserverKeyFile },
    { name: 'Key-etcd-permissions', file: c.etcdKeyFile },
    { name: 'Key-service-account-signing-permissions', file: c.serviceAccountSigningKeyFile },
    ...(minor >= KUBECONFIG_LAYOUT_FROM
      ? [
          { name: 'Key-controller-manager-permissions', file: c.controllerManagerKeyFile },
          { name: 'Key-scheduler-permissions', file: c.schedulerKeyFile },
        ]
      : []),
    { name: 'File-token-auth-permissions', file: a.apiserver.tokenAuthFile },
  ];
  const seen = new Set<string>();
  return list.filter((e) => {
    if (seen.has(e.file)) return false;
    seen.add(e.file);
    return true;
  });
}

function permissionCheck(entry: { name: string; file: string }): Check {
  return {
    name: entry.name,
    severity: 'error',
    async run(ctx) {
      const target = ctx.target(entry.file);
      const facts = await ctx.host.fileFacts(target);
      if (!facts.exists) {
        return ctx.hostChecks
          ? skip('preflight.skip.noFile', { file: target })
          : skip('preflight.skip.notUnderRoot', { file: target, root: ctx.root });
      }
      const mode = `0${(facts.mode & 0o777).toString(8).padStart(3, '0')}`;
      if ((facts.mode & 0o077) !== 0) {
        return fail(
          text('preflight.perm.open', { file: target, mode }),
          text('preflight.fix.chmod', { file: target }),
        );
      }
      return pass('preflight.perm.ok', { mode });
    },
  };
}

export function keyChecks(a: Answers, minor: number): Check[] {
  return [
    saKeyCheck(a, minor),
    saSigningCheck(a, minor),
    saPairCheck(a),
    tokenFileCheck(a),
    ...secretFiles(a, minor).map(permissionCheck),
  ];
}
