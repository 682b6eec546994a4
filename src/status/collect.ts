import type { ProbeResponse } from '../host/probe.js';
import type { Translate } from '../i18n/index.js';
import type { Answers } from '../model/answers.js';
import { COMPONENTS, type Component, unitOf } from '../model/components.js';
import { HA_SERVICES, type HaService, haUrl, unitOfService } from '../model/ha-layout.js';
import { minorString } from '../model/version.js';
import {
  apiserverBase,
  COMPONENTSTATUS_DEPRECATED_FROM,
  componentEndpoints,
  componentStatusesTruthful,
  type Endpoint,
  etcdHealthEndpoint,
  LEADER_ANNOTATION,
  leaderLockPaths,
} from './endpoints.js';
import { type ApiProbe, checkHaService, collectHa, leaderMaster } from './ha.js';
import type { StatusHost } from './host.js';
import type { ComponentStatusRow, Health, LeaderRow, StatusReport, StatusRow } from './types.js';

/**
 * Probes every row of the status table. Each probe has its own timeout; all run at once.
 */

/** What every probe of the table needs: the answers and version it checks, the host, the words. */
export interface StatusContext {
  answers: Answers;
  minor: number;
  host: StatusHost;
  t: Translate;
  signal?: AbortSignal;
}

export interface Credentials {
  certFile?: string;
  keyFile?: string;
  token?: string;
  /** for the row: which identity was used */
  label: string;
}

const PROBE_TIMEOUT_MS = 3000;

/**
 * How to authenticate to the apiserver when anonymous access is off (the seed's
 * --anonymous-auth=false): the controller-manager's client certificate, else the
 * scheduler's, else the first token of --token-auth-file.
 */
export async function chooseCredentials({ answers: a, host, t }: StatusContext): Promise<Credentials> {
  const c = a.certs;
  const pairs: [string, string, string][] = [
    [c.controllerManagerCertFile, c.controllerManagerKeyFile, 'kube-controller-manager'],
    [c.schedulerCertFile, c.schedulerKeyFile, 'kube-scheduler'],
  ];
  for (const [certFile, keyFile, who] of pairs) {
    if ((await host.readable(certFile)) && (await host.readable(keyFile))) {
      return { certFile, keyFile, label: t('status.auth.cert', { who, file: certFile }) };
    }
  }
  const token = await host.firstToken(a.apiserver.tokenAuthFile);
  if (token) {
    return {
      token: token.token,
      label: t('status.auth.token', { user: token.user, file: a.apiserver.tokenAuthFile }),
    };
  }
  return { label: t('status.auth.none') };
}

function request(e: Endpoint, creds: Credentials | null, signal?: AbortSignal) {
  return {
    url: e.url,
    verify: e.verify,
    timeoutMs: PROBE_TIMEOUT_MS,
    ...(e.caFile ? { caFile: e.caFile } : {}),
    ...(creds?.certFile ? { certFile: creds.certFile, keyFile: creds.keyFile } : {}),
    ...(creds?.token ? { bearerToken: creds.token } : {}),
    ...(signal ? { signal } : {}),
  };
}

/** One line out of an error or a response body. */
export function probeMessage(r: ProbeResponse, t: Translate): string {
  if (r.error) {
    if (r.error.file) return t('status.msg.file', { file: r.error.file, error: r.error.code });
    return `${r.error.code}: ${r.error.message}`.replace(/\s+/g, ' ').slice(0, 300);
  }
  const body = (r.body ?? '').trim();
  if (r.status === 401) return t('status.msg.unauthorized');
  if (r.status === 403) return t('status.msg.forbidden');
  const failing = body
    .split('\n')
    .filter((l) => l.startsWith('[-]'))
    .join('; ');
  const text = failing || body.replace(/\s+/g, ' ');
  return `${r.status} ${text}`.slice(0, 300);
}

function healthOf(r: ProbeResponse): Health {
  if (r.error) return 'unhealthy';
  if (r.status === 401 || r.status === 403) return 'unknown';
  return r.status === 200 ? 'healthy' : 'unhealthy';
}

export interface ComponentCheck {
  health: Health;
  endpoint: string;
  message: string;
  latencyMs: number;
  /**
   * an endpoint answered 403: the credentials were taken but not allowed. A starting
   * kube-apiserver says so until its RBAC roles are in place (poststarthook
   * rbac/bootstrap-roles), so apply waits on; the status table shows it as unknown.
   */
  forbidden: boolean;
  /**
   * the TLS handshake refused the endpoint's certificate (not valid for the address, expired,
   * untrusted): waiting longer does not change that
   */
  certRefused: boolean;
}

const CERT_REFUSED = new Set([
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

/** The component's own health endpoint(s), as the apply pipeline waits on them. */
export async function checkComponent(
  ctx: StatusContext,
  component: Component,
  creds: Credentials | null,
): Promise<ComponentCheck> {
  const { answers: a, minor, host, t, signal } = ctx;
  const endpoints = componentEndpoints(a, minor, component);
  const useCreds = component === 'kube-apiserver' ? creds : null;
  const results = await Promise.all(endpoints.map((e) => host.probe(request(e, useCreds, signal))));
  const healths = results.map(healthOf);
  const health: Health = healths.includes('unhealthy')
    ? 'unhealthy'
    : healths.includes('unknown')
      ? 'unknown'
      : 'healthy';
  const message = results
    .map((r) => {
      const path = new URL(r.url).pathname.slice(1);
      const m = probeMessage(r, t);
      return results.length > 1 ? `${path}: ${m}` : m;
    })
    .join(', ');
  return {
    health,
    endpoint: endpoints.map((e) => e.url).join(' '),
    message,
    latencyMs: Math.max(...results.map((r) => r.latencyMs)),
    forbidden: results.some((r) => !r.error && r.status === 403),
    certRefused: results.some((r) => r.error !== undefined && CERT_REFUSED.has(r.error.code)),
  };
}

async function etcdRow(ctx: StatusContext, server: string, index: number) {
  const { answers: a, host, t, signal } = ctx;
  const url = etcdHealthEndpoint(server);
  const r = await host.probe({
    url,
    verify: true,
    caFile: a.certs.etcdCaFile,
    certFile: a.certs.etcdCertFile,
    keyFile: a.certs.etcdKeyFile,
    timeoutMs: PROBE_TIMEOUT_MS,
    ...(signal ? { signal } : {}),
  });
  let health: Health = healthOf(r);
  let message = probeMessage(r, t);
  if (!r.error && r.status === 200) {
    try {
      const body = JSON.parse(r.body ?? '{}') as { health?: string | boolean };
      health = String(body.health) === 'true' ? 'healthy' : 'unhealthy';
      message = (r.body ?? '').trim();
    } catch {
      health = 'unhealthy';
    }
  }
  const row: StatusRow = {
    kind: 'etcd',
    name: `etcd-${index} ${new URL(server).host}`,
    unit: null,
    unitState: null,
    endpoint: url,
    health,
    message,
    latencyMs: r.latencyMs,
    auth: t('status.auth.etcd', { file: a.certs.etcdCertFile }),
  };
  return row;
}

function stateText(s: { loadState: string; activeState: string; subState: string }): string {
  if (s.loadState === 'not-found') return 'not-found';
  return `${s.activeState} (${s.subState})`;
}

async function componentRow(
  ctx: StatusContext,
  component: Component,
  creds: Credentials,
): Promise<StatusRow> {
  const { t } = ctx;
  const unit = unitOf(component);
  const [state, check] = await Promise.all([
    ctx.host.unitState(unit, ctx.signal).catch(() => null),
    checkComponent(ctx, component, creds),
  ]);
  const active = state?.activeState === 'active';
  const health: Health = state && !active ? 'unhealthy' : check.health;
  return {
    kind: component,
    name: component,
    unit,
    unitState: state ? stateText(state) : null,
    endpoint: check.endpoint,
    health,
    message:
      state && !active && check.health !== 'healthy'
        ? t('status.msg.notRunning', { state: stateText(state), message: check.message })
        : check.message,
    latencyMs: check.latencyMs,
    ...(component === 'kube-apiserver' ? { auth: creds.label } : { auth: t('status.auth.selfSigned') }),
  };
}

async function apiGet(
  ctx: StatusContext,
  path: string,
  creds: Credentials,
  base = apiserverBase(ctx.answers),
): Promise<ProbeResponse> {
  const a = ctx.answers;
  return ctx.host.probe(
    request({ url: `${base}${path}`, verify: true, caFile: a.certs.caFile }, creds, ctx.signal),
  );
}

/** GET of an apiserver URL (verified against the cluster CA, with the credentials), as one row's facts. */
export function apiProbe(ctx: StatusContext, creds: Credentials | null): ApiProbe {
  return async (url) => {
    const r = await ctx.host.probe(
      request({ url, verify: true, caFile: ctx.answers.certs.caFile }, creds, ctx.signal),
    );
    return { health: healthOf(r), endpoint: url, message: probeMessage(r, ctx.t), latencyMs: r.latencyMs };
  };
}

/** What a leader-election record says: who holds it, when it was last renewed, for how long. */
interface LeaderRecord {
  holderIdentity?: string;
  renewTime?: string;
  leaseDurationSeconds?: number;
}

function recordOf(kind: 'Lease' | 'Endpoints', obj: unknown): LeaderRecord | null {
  const o = obj as {
    spec?: LeaderRecord;
    metadata?: { annotations?: Record<string, string> };
  } | null;
  if (kind === 'Lease') return o?.spec ?? {};
  const raw = o?.metadata?.annotations?.[LEADER_ANNOTATION];
  return raw === undefined ? {} : (JSON.parse(raw) as LeaderRecord);
}

/**
 * Who holds a leader lock, read where the release keeps it (leaderLockPaths). "No leader
 * recorded yet" only when no lock object exists at any of those places; an object that names
 * no holder, one that cannot be read, and a holder that stopped renewing are each said so.
 */
async function leaderRow(
  ctx: StatusContext,
  lock: 'kube-controller-manager' | 'kube-scheduler',
  creds: Credentials,
  base = apiserverBase(ctx.answers),
): Promise<LeaderRow> {
  const { t, answers: a } = ctx;
  const section = lock === 'kube-controller-manager' ? a.controllerManager : a.scheduler;
  if (!section.leaderElect) return { lock, kind: null, holder: null, message: t('status.leader.off') };
  let said: string | null = null;
  for (const { kind, path } of leaderLockPaths(ctx.minor, lock, section.extraArgs)) {
    const r = await apiGet(ctx, path, creds, base);
    if (!r.error && r.status === 404) continue;
    if (r.error || r.status !== 200) {
      said ??= probeMessage(r, t);
      continue;
    }
    let record: LeaderRecord | null;
    try {
      record = recordOf(kind, JSON.parse(r.body ?? '{}'));
    } catch {
      record = null;
    }
    if (record === null) {
      said ??= t('status.leader.unreadable', { kind });
      continue;
    }
    if (!record.holderIdentity) {
      said ??= t('status.leader.noHolder', { kind });
      continue;
    }
    const renewed = record.renewTime ? Date.parse(record.renewTime) : Number.NaN;
    const lease = (record.leaseDurationSeconds ?? 0) * 1000;
    const stale = Number.isFinite(renewed) && lease > 0 && renewed + lease < ctx.host.now();
    return {
      lock,
      kind,
      holder: record.holderIdentity,
      ...(a.ha ? { master: await leaderMaster(ctx, record.holderIdentity) } : {}),
      message: record.renewTime
        ? t(stale ? 'status.leader.stale' : 'status.leader.renewed', { time: record.renewTime })
        : '',
    };
  }
  return { lock, kind: null, holder: null, message: said ?? t('status.leader.none') };
}

async function componentStatuses(
  ctx: StatusContext,
  creds: Credentials,
): Promise<ComponentStatusRow[] | string> {
  const r = await apiGet(ctx, '/api/v1/componentstatuses', creds);
  if (r.error || r.status !== 200) return `${r.status ?? r.error?.code}`;
  try {
    const list = JSON.parse(r.body ?? '{}') as {
      items?: {
        metadata?: { name?: string };
        conditions?: { type: string; status: string; message?: string; error?: string }[];
      }[];
    };
    return (list.items ?? []).map((item) => {
      const cond = item.conditions?.find((c) => c.type === 'Healthy');
      return {
        name: item.metadata?.name ?? '?',
        healthy: cond?.status === 'True',
        message: (cond?.message || cond?.error || '').replace(/\s+/g, ' '),
      };
    });
  } catch {
    return 'unreadable';
  }
}

/** haproxy's or keepalived's row: its unit's state and what apply waits on. */
async function haRow(ctx: StatusContext, service: HaService, creds: Credentials): Promise<StatusRow> {
  const unit = unitOfService(service);
  const [state, check] = await Promise.all([
    ctx.host.unitState(unit, ctx.signal).catch(() => null),
    checkHaService(ctx, service, apiProbe(ctx, creds)),
  ]);
  const active = state?.activeState === 'active';
  return {
    kind: service,
    name: service,
    unit,
    unitState: state ? stateText(state) : null,
    endpoint: check.endpoint,
    health: state && !active ? 'unhealthy' : check.health,
    message:
      state && !active
        ? ctx.t('status.msg.notRunning', { state: stateText(state), message: check.message })
        : check.message,
    latencyMs: check.latencyMs,
  };
}

export async function collectStatus(ctx: StatusContext): Promise<StatusReport> {
  const { answers: a, minor, t } = ctx;
  const creds = await chooseCredentials(ctx);
  const leadersVia = (base?: string) =>
    Promise.all(
      (['kube-controller-manager', 'kube-scheduler'] as const).map((l) => leaderRow(ctx, l, creds, base)),
    );
  // The leases and componentstatuses from this master's apiserver are asked at the same time as
  // the rows (one round of requests, not three); they are used only if the apiserver is healthy
  // (kept as a settled result so that one not used is no unhandled rejection).
  const direct = Promise.all([
    leadersVia(),
    componentStatusesTruthful(a, minor) ? componentStatuses(ctx, creds) : Promise.resolve(null),
  ]).then(
    (got) => ({ got }),
    (error: unknown) => ({ error }),
  );
  const rows = await Promise.all([
    ...a.etcdServers.map((s, i) => etcdRow(ctx, s, i)),
    ...COMPONENTS.map((c) => componentRow(ctx, c, creds)),
    ...(a.ha ? HA_SERVICES.map((s) => haRow(ctx, s, creds)) : []),
  ]);
  const notes: string[] = [];
  const apiserver = rows.find((r) => r.kind === 'kube-apiserver');
  const apiUp = apiserver?.health === 'healthy';
  // with this master's apiserver down, the pair's leases are still read: through the VIP
  const vipUp =
    !apiUp && a.ha ? (await apiProbe(ctx, creds)(`${haUrl(a.ha)}/version`)).health === 'healthy' : false;
  let leaders: LeaderRow[] = [];
  let cs: ComponentStatusRow[] | null = null;
  if (vipUp && a.ha) {
    const base = haUrl(a.ha);
    leaders = await leadersVia(base);
    notes.push(t('status.note.leadersThroughVip', { url: base }));
  } else if (apiUp) {
    const asked = await direct;
    if ('error' in asked) throw asked.error;
    const [got, statuses] = asked.got;
    leaders = got;
    if (typeof statuses === 'string') notes.push(t('status.note.csFailed', { error: statuses }));
    else cs = statuses;
  } else if (!vipUp) {
    notes.push(t('status.note.apiDown'));
  }
  const ha = a.ha ? await collectHa(ctx, apiProbe(ctx, creds), leaders) : undefined;
  if (!componentStatusesTruthful(a, minor)) {
    notes.push(
      minor >= COMPONENTSTATUS_DEPRECATED_FROM
        ? t('status.note.csDeprecated', { version: minorString(minor) })
        : t('status.note.csSchedulerAddress', { address: a.scheduler.bindAddress }),
    );
  }
  return {
    version: minorString(minor),
    rows,
    leaders,
    componentStatuses: cs,
    notes,
    ...(ha ? { ha } : {}),
    healthy: rows.every((r) => r.health === 'healthy') && ha?.throughVip.health !== 'unhealthy',
  };
}
