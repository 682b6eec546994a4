import type { Answers } from './answers.js';
import { ANSWERS_SECTION, COMPONENT_FILES, type Component } from './components.js';
import { hasNoEffect, isAccepted, isDeprecated, removedIn } from './flag-table.js';
import { SEED_INSECURE_MASTER } from './seed.js';
import { isUnspecified } from './values.js';
import { MIN_MINOR, NEWEST_MINOR } from './version.js';

/**
 * What each component is started with, for one set of answers and one minor version:
 * the seed's variables and flags, minus the flags that version no longer takes, plus the
 * ones it needs. Pure: render/ turns this into file text.
 */

/** A flag on the command line: `--name=value`, or `--name` alone when value is null. */
export interface Flag {
  name: string;
  value: string | null;
}

/** One variable of an EnvironmentFile: `NAME="--a=1 --b=2"`, preceded by its comment lines. */
export interface EnvVar {
  name: string;
  comments: string[];
  flags: Flag[];
  /** written as a comment only (the seed's `# KUBELET_PORT=...`) */
  commentedOut?: boolean;
}

export type DropReason = 'removed' | 'no-effect' | 'deprecated';

export interface DroppedFlag {
  component: Component;
  flag: string;
  reason: DropReason;
  /** minor version from which it is dropped */
  since: string;
  replacement?: string | null;
}

export interface ComponentLayout {
  component: Component;
  /** comment lines at the top of the EnvironmentFile, after the seed's `###` */
  header: string[];
  vars: EnvVar[];
  /** the kubeconfig this component uses to reach the apiserver (1.20+) */
  kubeconfig?: KubeconfigSpec;
}

export interface KubeconfigSpec {
  path: string;
  server: string;
  caFile: string;
  user: string;
  certFile: string;
  keyFile: string;
}

export interface Layout {
  minor: number;
  components: ComponentLayout[];
  dropped: DroppedFlag[];
}

/** From 1.20 the apiserver no longer serves the insecure port 8080 the seed's components use. */
export const KUBECONFIG_LAYOUT_FROM = 20;

/**
 * Deprecated flags the layout still sets on purpose while they work: the seed's scheduler
 * serves its insecure health port on --address (deprecated in 1.11, working until 1.23).
 */
const KEEP_WHILE_DEPRECATED = new Set(['kube-scheduler --address', 'kube-controller-manager --master']);

const f = (name: string, value: string | number | boolean | null): Flag => ({
  name,
  value: value === null ? null : String(value),
});

/** The URL a component on this master uses for its own apiserver (never the load balancer). */
export function localApiserverUrl(a: Answers): string {
  if (isUnspecified(a.bindAddress)) {
    const loopback = a.bindAddress.includes(':') ? '[::1]' : '127.0.0.1';
    return `https://${loopback}:${a.securePort}`;
  }
  const host = a.bindAddress.includes(':') ? `[${a.bindAddress}]` : a.bindAddress;
  return `https://${host}:${a.securePort}`;
}

function extra(args: string[]): Flag[] {
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    return eq < 0 ? f(arg, null) : f(arg.slice(0, eq), arg.slice(eq + 1));
  });
}

function logging(a: Answers): Flag[] {
  return [f('--logtostderr', a.logging.logToStderr), f('--v', a.logging.verbosity)];
}

function apiserver(a: Answers, minor: number): ComponentLayout {
  const s = a.apiserver;
  const c = a.certs;
  const modern = minor >= KUBECONFIG_LAYOUT_FROM;
  return {
    component: 'kube-apiserver',
    header: ['# kubernetes system config', '# The following values are used to configure the kube-apiserver'],
    vars: [
      {
        name: 'KUBE_API_ADDRESS',
        comments: ['# The address on the local server to listen to.'],
        flags: [f('--advertise-address', a.advertiseAddress), f('--bind-address', a.bindAddress)],
      },
      {
        name: 'KUBE_API_PORT',
        comments: ['# The port on the local server to listen on.'],
        flags: [f('--secure-port', a.securePort)],
      },
      {
        name: 'KUBELET_PORT',
        comments: ['# Port minions listen on'],
        flags: [f('--kubelet-port', 10250)],
        commentedOut: true,
      },
      {
        name: 'KUBE_ETCD_SERVERS',
        comments: ['# Comma separated list of nodes in the etcd cluster'],
        flags: [f('--etcd-servers', a.etcdServers.join(','))],
      },
      {
        name: 'KUBE_SERVICE_ADDRESSES',
        comments: ['# Address range to use for services'],
        flags: [f('--service-cluster-ip-range', a.serviceClusterIpRange)],
      },
      {
        name: 'KUBE_ADMISSION_CONTROL',
        comments: ['# default admission control policies'],
        flags: [f('--enable-admission-plugins', s.admissionPlugins.join(','))],
      },
      {
        name: 'KUBE_API_ARGS',
        comments: ['# Add your own!'],
        flags: [
          f('--anonymous-auth', s.anonymousAuth),
          f('--allow-privileged', s.allowPrivileged),
          f('--apiserver-count', s.apiserverCount),
          f('--audit-log-maxage', s.auditLogMaxAge),
          f('--audit-log-maxbackup', s.auditLogMaxBackup),
          f('--audit-log-maxsize', s.auditLogMaxSize),
          f('--audit-log-path', s.auditLogPath),
          f('--authorization-mode', s.authorizationMode.join(',')),
          f('--client-ca-file', c.caFile),
          s.enableBootstrapTokenAuth
            ? f('--enable-bootstrap-token-auth', null)
            : f('--enable-bootstrap-token-auth', false),
          f('--etcd-cafile', c.etcdCaFile),
          f('--etcd-certfile', c.etcdCertFile),
          f('--etcd-keyfile', c.etcdKeyFile),
          f('--event-ttl', s.eventTtl),
          f('--enable-swagger-ui', s.enableSwaggerUi),
          f('--kubelet-https', s.kubeletHttps),
          f('--service-account-key-file', c.serviceAccountKeyFile),
          ...(modern
            ? [
                f('--service-account-signing-key-file', c.serviceAccountSigningKeyFile),
                f('--service-account-issuer', s.serviceAccountIssuer),
              ]
            : []),
          f('--service-node-port-range', a.serviceNodePortRange),
          f('--tls-private-key-file', c.apiserverKeyFile),
          f('--tls-cert-file', c.apiserverCertFile),
          f('--token-auth-file', s.tokenAuthFile),
          ...logging(a),
          ...extra(s.extraArgs),
        ],
      },
    ],
  };
}

function kubeconfigFor(a: Answers, component: Component, user: string, cert: string, key: string) {
  return {
    path: `${a.paths.configDir}/${COMPONENT_FILES[component].kubeconfig}`,
    server: localApiserverUrl(a),
    caFile: a.certs.caFile,
    user,
    certFile: cert,
    keyFile: key,
  };
}

function kubeconfigFlags(k: KubeconfigSpec): Flag[] {
  return [
    f('--kubeconfig', k.path),
    f('--authentication-kubeconfig', k.path),
    f('--authorization-kubeconfig', k.path),
  ];
}

function controllerManager(a: Answers, minor: number): ComponentLayout {
  const m = a.controllerManager;
  const c = a.certs;
  const kubeconfig =
    minor >= KUBECONFIG_LAYOUT_FROM
      ? kubeconfigFor(
          a,
          'kube-controller-manager',
          'system:kube-controller-manager',
          c.controllerManagerCertFile,
          c.controllerManagerKeyFile,
        )
      : undefined;
  return {
    component: 'kube-controller-manager',
    header: [
      '# The following values are used to configure the kubernetes controller-manager',
      '# defaults from config and apiserver should be adequate',
    ],
    vars: [
      {
        name: 'KUBE_CONTROLLER_MANAGER_ARGS',
        comments: ['# Add your own!'],
        flags: [
          f('--bind-address', m.bindAddress),
          f('--cluster-name', m.clusterName),
          f('--cluster-signing-cert-file', c.caFile),
          f('--cluster-signing-key-file', c.caKeyFile),
          f('--leader-elect', m.leaderElect),
          ...(kubeconfig ? kubeconfigFlags(kubeconfig) : [f('--master', SEED_INSECURE_MASTER)]),
          f('--root-ca-file', c.caFile),
          f('--service-account-private-key-file', c.serviceAccountSigningKeyFile),
          f('--service-cluster-ip-range', a.serviceClusterIpRange),
          ...logging(a),
          ...extra(m.extraArgs),
        ],
      },
    ],
    ...(kubeconfig ? { kubeconfig } : {}),
  };
}

function scheduler(a: Answers, minor: number): ComponentLayout {
  const s = a.scheduler;
  const c = a.certs;
  const kubeconfig =
    minor >= KUBECONFIG_LAYOUT_FROM
      ? kubeconfigFor(a, 'kube-scheduler', 'system:kube-scheduler', c.schedulerCertFile, c.schedulerKeyFile)
      : undefined;
  return {
    component: 'kube-scheduler',
    header: ['# kubernetes scheduler config', '# default config should be adequate'],
    vars: [
      {
        name: 'KUBE_SCHEDULER_ARGS',
        comments: ['# Add your own!'],
        flags: [
          f('--leader-elect', s.leaderElect),
          ...(kubeconfig
            ? [f('--bind-address', s.bindAddress), ...kubeconfigFlags(kubeconfig)]
            : [f('--address', s.bindAddress), f('--master', SEED_INSECURE_MASTER)]),
          ...logging(a),
          ...extra(s.extraArgs),
        ],
      },
    ],
    ...(kubeconfig ? { kubeconfig } : {}),
  };
}

/** Why a flag the layout would set is left out in this minor version, or null to keep it. */
export function dropReason(component: Component, flag: string, minor: number): DroppedFlag | null {
  const base = { component, flag };
  if (!isAccepted(component, flag, minor)) {
    return { ...base, reason: 'removed', since: removedIn(component, flag) ?? `1.${minor}` };
  }
  if (hasNoEffect(component, flag, minor)) return { ...base, reason: 'no-effect', since: `1.${minor}` };
  if (isDeprecated(component, flag, minor) && !KEEP_WHILE_DEPRECATED.has(`${component} ${flag}`)) {
    return { ...base, reason: 'deprecated', since: `1.${minor}` };
  }
  return null;
}

export function layoutFor(a: Answers, minor: number): Layout {
  const dropped: DroppedFlag[] = [];
  const components = [apiserver(a, minor), controllerManager(a, minor), scheduler(a, minor)].map(
    (layout) => ({
      ...layout,
      vars: layout.vars.map((v) => ({
        ...v,
        flags: v.commentedOut
          ? v.flags
          : v.flags.filter((flag) => {
              // flags the user added by hand (extraArgs) are kept as given; the version check reports them
              const managed = !a[ANSWERS_SECTION[layout.component]].extraArgs.some(
                (x) => x.split('=')[0] === flag.name,
              );
              const why = managed ? dropReason(layout.component, flag.name, minor) : null;
              if (why) dropped.push(why);
              return !why;
            }),
      })),
    }),
  );
  return { minor, components, dropped };
}

/**
 * Every flag the layout itself sets for these answers on some supported version, per
 * component (what the user added as extra arguments aside): an extra argument may not repeat
 * one of these, it is set through its own field instead.
 */
export function ownFlags(a: Answers): Record<Component, Set<string>> {
  const own = {
    ...a,
    apiserver: { ...a.apiserver, extraArgs: [] },
    controllerManager: { ...a.controllerManager, extraArgs: [] },
    scheduler: { ...a.scheduler, extraArgs: [] },
  };
  const out: Record<Component, Set<string>> = {
    'kube-apiserver': new Set(),
    'kube-controller-manager': new Set(),
    'kube-scheduler': new Set(),
  };
  for (let minor = MIN_MINOR; minor <= NEWEST_MINOR; minor++) {
    for (const layout of layoutFor(own, minor).components) {
      for (const name of argvOf(layout).map((arg) => arg.split('=')[0]!)) out[layout.component].add(name);
    }
  }
  return out;
}

/** The command line a component gets: every flag of every (not commented-out) variable. */
export function argvOf(layout: ComponentLayout): string[] {
  return layout.vars
    .filter((v) => !v.commentedOut)
    .flatMap((v) => v.flags.map((fl) => (fl.value === null ? fl.name : `${fl.name}=${fl.value}`)));
}
