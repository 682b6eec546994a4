import { z } from 'zod';
import { shownText } from '../i18n/terminal-text.js';
import { type Accepted, SHOWN_VALUE } from './issues.js';
import { normalisePath, pathConflicts } from './paths.js';
import { SEED } from './seed.js';
import {
  absolutePathReason,
  dnsNameReason,
  durationReason,
  etcdUrlReason,
  flagNameReason,
  type IpRules,
  inCidr,
  ipReason,
  parseCidr,
  parseEtcdUrl,
  parseIp,
  parsePortRange,
  portRangeReason,
  portReason,
  type Reason,
  serviceCidrReason,
  unsafeReason,
} from './values.js';
import { MIN_MINOR, minorString, NEWEST_MINOR, parseMinor } from './version.js';

/**
 * The answers: everything the wizard asks or keeps for one master. The shape is the
 * contract of answers files and exported profiles (YAML or JSON). The seed's must-change
 * fields are required; everything else defaults to the seed's value.
 */

type Check = (value: string) => Reason | null;

function refuse(ctx: z.RefinementCtx, reason: Accepted, path?: (string | number)[]): void {
  ctx.addIssue({ code: 'custom', message: reason.key, params: { reason }, ...(path ? { path } : {}) });
}

function checked(...checks: Check[]) {
  return z.string().superRefine((value, ctx) => {
    for (const check of checks) {
      const reason = check(value);
      if (reason) return refuse(ctx, reason);
    }
  });
}

const ip = (rules: IpRules) =>
  checked(unsafeReason, (v) => ipReason(v, rules)).transform((v) => parseIp(v)!.toString());

/**
 * A number, checked by `check`. Infinity and not-a-number are numbers too (YAML's .inf,
 * .nan and 1e400), so they are refused with what the field accepts, not as a wrong type.
 */
const number = (check: (v: number) => Reason | null) =>
  z
    .custom<number>((v) => typeof v === 'number', {
      abort: true,
      params: { reason: { key: 'accept.type.number' } },
    })
    .superRefine((v, ctx) => {
      const reason = check(v);
      if (reason) refuse(ctx, reason);
    });
const port = number(portReason);
const int = (min: number, max: number) =>
  number((v) =>
    Number.isInteger(v) && v >= min && v <= max ? null : { key: 'accept.int', params: { min, max } },
  );
const path = checked(absolutePathReason).transform(normalisePath);
const word = (pattern: RegExp, key: Reason['key']) =>
  z.string().superRefine((v, ctx) => {
    if (!pattern.test(v)) refuse(ctx, { key });
  });

/**
 * A list whose entries are each given once; `keyOf` says when two entries are the same
 * (compared after each entry's own normalisation: fd00::1 and FD00::01 are one address).
 */
function uniqueList<T extends z.ZodType>(item: T, keyOf: (v: z.output<T>) => string = String) {
  return z.array(item).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      const key = keyOf(v);
      if (seen.has(key))
        refuse(ctx, { key: 'accept.unique', params: { value: shownText(String(v), SHOWN_VALUE) } }, [i]);
      seen.add(key);
    });
  });
}

/** A minor version, stored as 1.N however it was written (" 1.13", "v1.13.4"). */
export const versionSchema = z
  .string()
  .superRefine((v, ctx) => {
    if (parseMinor(v) === null)
      refuse(ctx, {
        key: 'accept.version',
        params: { min: minorString(MIN_MINOR), newest: minorString(NEWEST_MINOR) },
      });
  })
  .transform((v) => minorString(parseMinor(v)!));

const extraArg = z.string().superRefine((v, ctx) => {
  const eq = v.indexOf('=');
  const name = eq < 0 ? v : v.slice(0, eq);
  const bad = flagNameReason(name) ?? (eq < 0 ? null : unsafeReason(v.slice(eq + 1)));
  if (bad) refuse(ctx, { key: 'accept.extraArg' });
});

/** Extra arguments of a component, each a flag once (whether the layout sets it itself is checked in parse-answers.ts). */
function extraArgs() {
  return z
    .array(extraArg)
    .default([])
    .superRefine((args, ctx) => {
      const seen = new Set<string>();
      args.forEach((arg, i) => {
        const name = arg.split('=')[0]!;
        if (seen.has(name)) {
          refuse(ctx, { key: 'accept.unique', params: { value: name } }, [i]);
        }
        seen.add(name);
      });
    });
}

const AUTH_MODES = ['AlwaysAllow', 'AlwaysDeny', 'ABAC', 'Webhook', 'RBAC', 'Node'];

const apiserver = z.strictObject({
  admissionPlugins: uniqueList(word(/^[A-Za-z][A-Za-z0-9]*$/, 'accept.pluginName')).default([
    ...SEED.apiserver.admissionPlugins,
  ]),
  anonymousAuth: z.boolean().default(SEED.apiserver.anonymousAuth),
  allowPrivileged: z.boolean().default(SEED.apiserver.allowPrivileged),
  apiserverCount: int(1, 99).default(SEED.apiserver.apiserverCount),
  auditLogMaxAge: int(0, 100000).default(SEED.apiserver.auditLogMaxAge),
  auditLogMaxBackup: int(0, 100000).default(SEED.apiserver.auditLogMaxBackup),
  auditLogMaxSize: int(0, 100000).default(SEED.apiserver.auditLogMaxSize),
  auditLogPath: path.default(SEED.apiserver.auditLogPath),
  authorizationMode: uniqueList(
    z.string().superRefine((v, ctx) => {
      if (!AUTH_MODES.includes(v)) refuse(ctx, { key: 'accept.authMode' });
    }),
  )
    .min(1)
    .default([...SEED.apiserver.authorizationMode]),
  enableBootstrapTokenAuth: z.boolean().default(SEED.apiserver.enableBootstrapTokenAuth),
  eventTtl: checked(durationReason).default(SEED.apiserver.eventTtl),
  enableSwaggerUi: z.boolean().default(SEED.apiserver.enableSwaggerUi),
  kubeletHttps: z.boolean().default(SEED.apiserver.kubeletHttps),
  tokenAuthFile: path.default(SEED.apiserver.tokenAuthFile),
  serviceAccountIssuer: checked(unsafeReason, (v) =>
    /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._/-]*)?$/.test(v) ? null : { key: 'accept.issuer' },
  ).default(SEED.apiserver.serviceAccountIssuer),
  extraArgs: extraArgs(),
});

const controllerManager = z.strictObject({
  bindAddress: ip({ allowUnspecified: true }).default(SEED.controllerManager.bindAddress),
  clusterName: word(/^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/, 'accept.dnsName').default(
    SEED.controllerManager.clusterName,
  ),
  leaderElect: z.boolean().default(SEED.controllerManager.leaderElect),
  extraArgs: extraArgs(),
});

const scheduler = z.strictObject({
  bindAddress: ip({ allowUnspecified: true }).default(SEED.scheduler.bindAddress),
  leaderElect: z.boolean().default(SEED.scheduler.leaderElect),
  extraArgs: extraArgs(),
});

const c = SEED.certs;
const certs = z.strictObject({
  caFile: path.default(c.caFile),
  caKeyFile: path.default(c.caKeyFile),
  apiserverCertFile: path.default(c.apiserverCertFile),
  apiserverKeyFile: path.default(c.apiserverKeyFile),
  etcdCaFile: path.default(c.etcdCaFile),
  etcdCertFile: path.default(c.etcdCertFile),
  etcdKeyFile: path.default(c.etcdKeyFile),
  serviceAccountKeyFile: path.default(c.serviceAccountKeyFile),
  serviceAccountSigningKeyFile: path.default(c.serviceAccountSigningKeyFile),
  controllerManagerCertFile: path.default(c.controllerManagerCertFile),
  controllerManagerKeyFile: path.default(c.controllerManagerKeyFile),
  schedulerCertFile: path.default(c.schedulerCertFile),
  schedulerKeyFile: path.default(c.schedulerKeyFile),
  adminCertFile: path.default(c.adminCertFile),
  adminKeyFile: path.default(c.adminKeyFile),
});

const logging = z.strictObject({
  verbosity: int(0, 10).default(SEED.logging.verbosity),
  logToStderr: z.boolean().default(SEED.logging.logToStderr),
});

const paths = z.strictObject({
  binDir: path.default(SEED.paths.binDir),
  configDir: path.default(SEED.paths.configDir),
  unitDir: path.default(SEED.paths.unitDir),
});

const loadBalancer = z.strictObject({
  /** VIP or load-balancer addresses that clients use: the apiserver certificate must cover them. */
  addresses: uniqueList(ip({ allowUnspecified: false })).default([]),
  /** DNS names of the load balancer, likewise. */
  names: uniqueList(checked(dnsNameReason), (v) => v.toLowerCase()).default([]),
});

/** Linux interface names: at most 15 bytes, no slash, no white space (IFNAMSIZ). */
const IFACE = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,14}$/;

/**
 * The HA front of two (or more) masters, optional: keepalived holds `vip` on one master and
 * moves it when that master's apiserver stops answering /readyz; haproxy on every master
 * listens on `vip:port` and forwards TCP to every master's secure port.
 */
const ha = z.strictObject({
  /** every master's advertise address, this one's included; the first holds the VIP first */
  masters: uniqueList(ip({ allowUnspecified: false, member: true })).min(2),
  vip: ip({ allowUnspecified: false, member: true }),
  port: port.default(8443),
  /** the VRRP interface; default: the one holding advertiseAddress on this host */
  interface: word(IFACE, 'accept.interface').optional(),
  /** VRRP's virtual router id, the same on every master and unique on the network */
  virtualRouterId: int(1, 255).default(51),
});

export const answersSchema = z
  .strictObject({
    kubernetesVersion: versionSchema.optional(),
    advertiseAddress: ip({ allowUnspecified: false, member: true }),
    bindAddress: ip({ allowUnspecified: true }),
    securePort: port,
    etcdServers: uniqueList(
      checked(unsafeReason, etcdUrlReason).transform((v) => parseEtcdUrl(v)!.canonical),
    ).min(1),
    serviceClusterIpRange: checked(serviceCidrReason).default(SEED.serviceClusterIpRange),
    serviceNodePortRange: checked(portRangeReason).default(SEED.serviceNodePortRange),
    apiserver: apiserver.prefault({}),
    controllerManager: controllerManager.prefault({}),
    scheduler: scheduler.prefault({}),
    certs: certs.prefault({}),
    logging: logging.prefault({}),
    paths: paths.prefault({}),
    loadBalancer: loadBalancer.prefault({}),
    ha: ha.optional(),
  })
  .superRefine((a, ctx) => {
    for (const clash of pathConflicts(a)) refuse(ctx, clash.reason, clash.field);
    const cidr = a.serviceClusterIpRange;
    const range = parseCidr(cidr);
    if (range) {
      if (inCidr(a.advertiseAddress, cidr)) {
        refuse(ctx, { key: 'accept.notInServiceRange', params: { cidr } }, ['advertiseAddress']);
      } else if (parseIp(a.advertiseAddress) && parseIp(a.advertiseAddress)?.kind() !== range[0].kind()) {
        refuse(ctx, { key: 'accept.sameFamily', params: { cidr } }, ['advertiseAddress']);
      }
    }
    if (a.ha) haChecks(a as Answers & { ha: NonNullable<Answers['ha']> }, ctx);
    const nodePorts = parsePortRange(a.serviceNodePortRange);
    if (nodePorts && a.securePort >= nodePorts[0] && a.securePort <= nodePorts[1]) {
      refuse(
        ctx,
        { key: 'accept.portOutsideRange', params: { range: a.serviceNodePortRange, port: a.securePort } },
        ['securePort'],
      );
    }
  });

/** The rules between the HA front and the rest of the answers. */
function haChecks(a: Answers & { ha: NonNullable<Answers['ha']> }, ctx: z.RefinementCtx): void {
  const { masters, vip, port: haPort } = a.ha;
  const seen = new Set<string>();
  masters.forEach((m, i) => {
    if (seen.has(m)) refuse(ctx, { key: 'accept.unique', params: { value: m } }, ['ha', 'masters', i]);
    seen.add(m);
  });
  if (!masters.includes(a.advertiseAddress)) {
    refuse(ctx, { key: 'accept.mastersHasThis', params: { address: a.advertiseAddress } }, ['ha', 'masters']);
  }
  const family = (x: string) => parseIp(x)?.kind();
  if (masters.includes(vip)) {
    refuse(ctx, { key: 'accept.vipNotMaster' }, ['ha', 'vip']);
  } else if (inCidr(vip, a.serviceClusterIpRange)) {
    refuse(ctx, { key: 'accept.notInServiceRange', params: { cidr: a.serviceClusterIpRange } }, [
      'ha',
      'vip',
    ]);
  } else if (family(vip) !== family(a.advertiseAddress)) {
    refuse(ctx, { key: 'accept.vipFamily', params: { address: a.advertiseAddress } }, ['ha', 'vip']);
  }
  if (haPort === a.securePort) {
    refuse(ctx, { key: 'accept.notSecurePort', params: { port: a.securePort } }, ['ha', 'port']);
  }
}

/** Answers as written in a file or profile (defaults not yet applied). */
export type AnswersInput = z.input<typeof answersSchema>;
/** Answers with every default applied and every value checked. */
export type Answers = z.output<typeof answersSchema>;

export { MIN_MINOR, NEWEST_MINOR };
