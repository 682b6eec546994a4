import type Conf from 'conf';
import type { StoreData, StoredProfile } from './shape.js';

/**
 * Changes of the store's format. Format version N is conf's migration version "N.0.0";
 * conf runs, in order, every migration newer than the version the file records.
 *
 * Version 1 kept the certificate paths at the top of each profile's answers
 * (`caFile: /etc/kubernetes/ssl/ca.pem`, `etcdCertFile: ...`); version 2 groups them under
 * `certs`, as answers files have them.
 */
export const V1_FLAT_CERT_KEYS = [
  'caFile',
  'caKeyFile',
  'apiserverCertFile',
  'apiserverKeyFile',
  'etcdCaFile',
  'etcdCertFile',
  'etcdKeyFile',
  'serviceAccountKeyFile',
] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * One version-1 answers object in the version-2 shape. A flat key whose value the `certs`
 * group already holds differently is left where it is, so nothing is lost: loading the
 * profile then reports it as an unknown key.
 */
export function groupCertPaths(answers: Record<string, unknown>): Record<string, unknown> {
  const certs: Record<string, unknown> = isObject(answers.certs) ? { ...answers.certs } : {};
  const out: Record<string, unknown> = {};
  let moved = false;
  for (const [key, value] of Object.entries(answers)) {
    if ((V1_FLAT_CERT_KEYS as readonly string[]).includes(key) && !(key in certs && certs[key] !== value)) {
      certs[key] = value;
      moved = true;
    } else if (key !== 'certs') {
      out[key] = value;
    }
  }
  if (moved || 'certs' in answers) out.certs = certs;
  return out;
}

export function migrateProfilesToV2(profiles: Record<string, StoredProfile>): Record<string, StoredProfile> {
  return Object.fromEntries(
    Object.entries(profiles).map(([name, p]) => [name, { ...p, answers: groupCertPaths(p.answers) }]),
  );
}

export const MIGRATIONS: Record<string, (store: Conf<StoreData>) => void> = {
  '2.0.0': (store) => {
    store.set('profiles', migrateProfilesToV2(store.get('profiles') ?? {}));
  },
};
