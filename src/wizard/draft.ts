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
  /** the HA front: off while the VIP is empty */
  ha: HaDraft;
}

/** The HA front's step: ha.masters as rows, the VIP, haproxy's port, the VRRP interface and router id. */
export interface HaDraft {
  masters: string[];
  vip: string;
  port: string;
  interface: string;
  virtualRouterId: string;
}

/** haproxy's port and VRRP's router id when the answers do not say (as the answers' defaults). */
export const HA_DEFAULT_PORT = '8443';
export const HA_DEFAULT_ROUTER_ID = '51';
/** The ha: fields the HA step edits (masters rows are ha.masters.N). */
export const HA_IDS = ['ha.vip', 'ha.masters', 'ha.port', 'ha.interface', 'ha.virtualRouterId'] as const;

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
    ha: haDraftFrom(base.ha),
  };
}

function haDraftFrom(raw: unknown): HaDraft {
  const ha = isObject(raw) ? raw : {};
  const masters = Array.isArray(ha.masters) ? ha.masters.map((m) => text(m, '')) : [];
  return {
    masters,
    vip: text(ha.vip, ''),
    port: text(ha.port, HA_DEFAULT_PORT),
    interface: text(ha.interface, ''),
    virtualRouterId: text(ha.virtualRouterId, HA_DEFAULT_ROUTER_ID),
  };
}

/** The HA front is asked for: the VIP is its switch (empty: this master stands alone). */
export function haWanted(d: Draft): boolean {
  return d.ha.vip.trim() !== '';
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
  if (haWanted(d)) {
    out.ha = {
      masters: d.ha.masters.map((m) => m.trim()),
      vip: d.ha.vip.trim(),
      port: numberOf(d.ha.port),
      ...(d.ha.interface.trim() ? { interface: d.ha.interface.trim() } : {}),
      virtualRouterId: numberOf(d.ha.virtualRouterId),
    };
  } else delete out.ha;
  return out;
}

/** Field ids of the must-change screen (etcd rows are etcdServers.N). */
export const MUST_CHANGE_IDS = ['advertiseAddress', 'bindAddress', 'securePort', 'etcdServers'] as const;

export function isMustChangeField(field: string): boolean {
  return MUST_CHANGE_IDS.some((id) => field === id || field.startsWith(`${id}.`));
}

export function isHaField(field: string): boolean {
  return field === 'ha' || field.startsWith('ha.');
}

/** The lists edited as rows: which one a field id is in, and where (etcdServers.1, ha.masters.0). */
export function listItemOf(id: string): { list: 'etcdServers' | 'ha.masters'; index: number } | null {
  const m = /^(etcdServers|ha\.masters)\.(\d+)$/.exec(id);
  return m ? { list: m[1] as 'etcdServers' | 'ha.masters', index: Number(m[2]) } : null;
}

/** The items of a list field in the draft. */
export function listOf(d: Draft, list: 'etcdServers' | 'ha.masters'): string[] {
  return list === 'etcdServers' ? d.etcdServers : d.ha.masters;
}

export function withList(d: Draft, list: 'etcdServers' | 'ha.masters', items: string[]): Draft {
  return list === 'etcdServers' ? { ...d, etcdServers: items } : { ...d, ha: { ...d.ha, masters: items } };
}

const HA_TEXT = {
  'ha.vip': 'vip',
  'ha.port': 'port',
  'ha.interface': 'interface',
  'ha.virtualRouterId': 'virtualRouterId',
} as const;

export function isAdvancedField(field: string): boolean {
  return (ADVANCED_FIELDS as readonly AdvancedField[]).some(
    (f) => field === f.id || field.startsWith(`${f.id}.`),
  );
}

/** The text of a draft field by id (must-change ids, etcdServers.N, advanced ids). */
export function fieldText(d: Draft, id: string): string {
  if (id === 'advertiseAddress' || id === 'bindAddress' || id === 'securePort') return d[id];
  const item = listItemOf(id);
  if (item) return listOf(d, item.list)[item.index] ?? '';
  if (id in HA_TEXT) return d.ha[HA_TEXT[id as keyof typeof HA_TEXT]];
  return d.advanced[id as AdvancedId] ?? '';
}

export function withField(d: Draft, id: string, value: string): Draft {
  if (id === 'advertiseAddress' || id === 'bindAddress' || id === 'securePort') return { ...d, [id]: value };
  const item = listItemOf(id);
  if (item) {
    const items = [...listOf(d, item.list)];
    items[item.index] = value;
    return withList(d, item.list, items);
  }
  if (id in HA_TEXT) return { ...d, ha: { ...d.ha, [HA_TEXT[id as keyof typeof HA_TEXT]]: value } };
  if (id in d.advanced) return { ...d, advanced: { ...d.advanced, [id]: value } };
  return d;
}
