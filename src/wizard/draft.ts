import { SEED } from '../model/seed.js';

/**
 * The answers while the wizard edits them: every editable value as the text the user typed
 * (a half-typed address must be representable), and `base`, the answers as they were
 * loaded (a profile, the adopted files, or nothing), so that everything this wizard does not
 * edit — extra flags, load balancer names, paths — is kept exactly as it was.
 *
 * No zod here: this module is part of the first screen's code.
 */
export interface Draft {
  base: Record<string, unknown>;
  version: string;
  advertiseAddress: string;
  bindAddress: string;
  securePort: string;
  etcdServers: string[];
  advanced: Record<AdvancedId, string>;
}

export type FieldKind = 'text' | 'int' | 'list';

/** A value edited in the stays-fixed screen's advanced view: where it lives in the answers. */
export interface AdvancedField {
  id: string;
  path: readonly string[];
  kind: FieldKind;
  /** the flag it becomes (for the label) */
  flag: string;
  min?: number;
  max?: number;
}

const cert = (key: keyof typeof SEED.certs, flag: string): AdvancedField => ({
  id: `certs.${key}`,
  path: ['certs', key],
  kind: 'text',
  flag,
});

export const ADVANCED_FIELDS = [
  {
    id: 'serviceClusterIpRange',
    path: ['serviceClusterIpRange'],
    kind: 'text',
    flag: '--service-cluster-ip-range',
  },
  {
    id: 'serviceNodePortRange',
    path: ['serviceNodePortRange'],
    kind: 'text',
    flag: '--service-node-port-range',
  },
  {
    id: 'apiserver.admissionPlugins',
    path: ['apiserver', 'admissionPlugins'],
    kind: 'list',
    flag: '--enable-admission-plugins',
  },
  cert('caFile', '--client-ca-file'),
  cert('caKeyFile', '--cluster-signing-key-file'),
  cert('apiserverCertFile', '--tls-cert-file'),
  cert('apiserverKeyFile', '--tls-private-key-file'),
  cert('etcdCaFile', '--etcd-cafile'),
  cert('etcdCertFile', '--etcd-certfile'),
  cert('etcdKeyFile', '--etcd-keyfile'),
  cert('serviceAccountKeyFile', '--service-account-key-file'),
  cert('serviceAccountSigningKeyFile', '--service-account-signing-key-file'),
  cert('controllerManagerCertFile', 'controller-manager.kubeconfig'),
  cert('controllerManagerKeyFile', 'controller-manager.kubeconfig'),
  cert('schedulerCertFile', 'scheduler.kubeconfig'),
  cert('schedulerKeyFile', 'scheduler.kubeconfig'),
  {
    id: 'apiserver.auditLogPath',
    path: ['apiserver', 'auditLogPath'],
    kind: 'text',
    flag: '--audit-log-path',
  },
  {
    id: 'apiserver.auditLogMaxAge',
    path: ['apiserver', 'auditLogMaxAge'],
    kind: 'int',
    flag: '--audit-log-maxage',
    min: 0,
    max: 100000,
  },
  {
    id: 'apiserver.auditLogMaxBackup',
    path: ['apiserver', 'auditLogMaxBackup'],
    kind: 'int',
    flag: '--audit-log-maxbackup',
    min: 0,
    max: 100000,
  },
  {
    id: 'apiserver.auditLogMaxSize',
    path: ['apiserver', 'auditLogMaxSize'],
    kind: 'int',
    flag: '--audit-log-maxsize',
    min: 0,
    max: 100000,
  },
  { id: 'logging.verbosity', path: ['logging', 'verbosity'], kind: 'int', flag: '--v', min: 0, max: 10 },
] as const satisfies readonly AdvancedField[];

export type AdvancedId = (typeof ADVANCED_FIELDS)[number]['id'];

/** The must-change values of a new setup: this host's address where one is known, the seed's port. */
export interface NewDefaults {
  address?: string;
  version: string;
}

/** The number of etcd members the seed deploys. */
export const DEFAULT_ETCD_COUNT = 3;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function at(obj: unknown, path: readonly string[]): unknown {
  let v = obj;
  for (const key of path) {
    if (!isObject(v)) return undefined;
    v = v[key];
  }
  return v;
}

function text(v: unknown, fallback: string): string {
  if (v === undefined || v === null) return fallback;
  if (Array.isArray(v)) return v.map(String).join(',');
  return String(v);
}

function seedValue(path: readonly string[]): unknown {
  return at(SEED, path);
}

/** A new setup: the seed's values for what stays fixed, this host's address, empty etcd rows. */
export function newDraft(defaults: NewDefaults): Draft {
  return draftFrom({}, defaults);
}

/**
 * Answers from a profile or from adopted files (not checked yet) as a draft. Values that are
 * missing take the seed's value (stays fixed) or the new-setup default (must change).
 */
export function draftFrom(raw: unknown, defaults: NewDefaults): Draft {
  const base = isObject(raw) ? raw : {};
  const servers = Array.isArray(base.etcdServers) ? base.etcdServers.map((s) => text(s, '')) : [];
  const advanced = Object.fromEntries(
    ADVANCED_FIELDS.map((f) => [f.id, text(at(base, f.path), text(seedValue(f.path), ''))]),
  ) as Record<AdvancedId, string>;
  return {
    base,
    version: text(base.kubernetesVersion, defaults.version),
    advertiseAddress: text(base.advertiseAddress, defaults.address ?? ''),
    bindAddress: text(base.bindAddress, defaults.address ?? ''),
    securePort: text(base.securePort, String(SEED.securePort)),
    etcdServers: servers.length > 0 ? servers : Array.from({ length: DEFAULT_ETCD_COUNT }, () => ''),
    advanced,
  };
}

function setAt(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let v = obj;
  for (const key of path.slice(0, -1)) {
    v[key] = isObject(v[key]) ? { ...(v[key] as Record<string, unknown>) } : {};
    v = v[key] as Record<string, unknown>;
  }
  v[path.at(-1)!] = value;
}

/** A whole number as typed, else the text itself (the checks then say what is accepted). */
export function numberOf(value: string): number | string {
  return /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value;
}

/** The answers the draft stands for, in the shape of an answers file (not checked). */
export function draftToInput(d: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = { ...d.base };
  out.kubernetesVersion = d.version;
  out.advertiseAddress = d.advertiseAddress.trim();
  out.bindAddress = d.bindAddress.trim();
  out.securePort = numberOf(d.securePort);
  out.etcdServers = d.etcdServers.map((s) => s.trim());
  for (const f of ADVANCED_FIELDS as readonly AdvancedField[]) {
    const raw = d.advanced[f.id as AdvancedId] ?? '';
    const value =
      f.kind === 'int'
        ? numberOf(raw)
        : f.kind === 'list'
          ? raw
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : raw.trim();
    setAt(out, f.path, value);
  }
  return out;
}

/** Field ids of the must-change screen (etcd rows are etcdServers.N). */
export const MUST_CHANGE_IDS = ['advertiseAddress', 'bindAddress', 'securePort', 'etcdServers'] as const;

export function isMustChangeField(field: string): boolean {
  return MUST_CHANGE_IDS.some((id) => field === id || field.startsWith(`${id}.`));
}

export function isAdvancedField(field: string): boolean {
  return (ADVANCED_FIELDS as readonly AdvancedField[]).some(
    (f) => field === f.id || field.startsWith(`${f.id}.`),
  );
}

/** The text of a draft field by id (must-change ids, etcdServers.N, advanced ids). */
export function fieldText(d: Draft, id: string): string {
  if (id === 'advertiseAddress' || id === 'bindAddress' || id === 'securePort') return d[id];
  const etcd = /^etcdServers\.(\d+)$/.exec(id);
  if (etcd) return d.etcdServers[Number(etcd[1])] ?? '';
  return d.advanced[id as AdvancedId] ?? '';
}

export function withField(d: Draft, id: string, value: string): Draft {
  if (id === 'advertiseAddress' || id === 'bindAddress' || id === 'securePort') return { ...d, [id]: value };
  const etcd = /^etcdServers\.(\d+)$/.exec(id);
  if (etcd) {
    const servers = [...d.etcdServers];
    servers[Number(etcd[1])] = value;
    return { ...d, etcdServers: servers };
  }
  if (id in d.advanced) return { ...d, advanced: { ...d.advanced, [id]: value } };
  return d;
}
