import type { Answers } from '../model/answers.js';
import type { Component } from '../model/components.js';
import { KUBECONFIG_LAYOUT_FROM, localApiserverUrl } from '../model/layout.js';
import { isUnspecified } from '../model/values.js';

/**
 * Which endpoint tells whether each component is healthy, for one set of answers and one
 * minor version. Pure: status/collect.ts probes them.
 *
 * - kube-apiserver: /livez and /readyz from 1.16, /healthz before; the serving certificate
 *   is checked against the cluster CA.
 * - kube-controller-manager: the secure /healthz on 10257 from 1.12 (always allowed
 *   without authorization), the insecure 10252 before.
 * - kube-scheduler: the secure /healthz on 10259 from 1.13, the insecure 10251 before.
 *   The secure ports serve a self-signed certificate: the TLS session is made, the
 *   certificate is not checked.
 */
export const APISERVER_LIVEZ_FROM = 16;
export const CONTROLLER_MANAGER_SECURE_FROM = 12;
export const SCHEDULER_SECURE_FROM = 13;
/** ComponentStatus is deprecated from 1.19 (its probes only work for local, insecure ports). */
export const COMPONENTSTATUS_DEPRECATED_FROM = 19;

export interface Endpoint {
  url: string;
  /** check the server certificate against caFile */
  verify: boolean;
  caFile?: string;
}

export interface ComponentEndpoints {
  component: Component;
  endpoints: Endpoint[];
}

function hostFor(address: string): string {
  if (isUnspecified(address)) return address.includes(':') ? '[::1]' : '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}

export function apiserverBase(a: Answers): string {
  return localApiserverUrl(a);
}

export function apiserverEndpoints(a: Answers, minor: number): Endpoint[] {
  const base = apiserverBase(a);
  const paths = minor >= APISERVER_LIVEZ_FROM ? ['/livez', '/readyz'] : ['/healthz'];
  return paths.map((p) => ({ url: `${base}${p}`, verify: true, caFile: a.certs.caFile }));
}

export function controllerManagerEndpoint(a: Answers, minor: number): Endpoint {
  if (minor >= CONTROLLER_MANAGER_SECURE_FROM) {
    return { url: `https://${hostFor(a.controllerManager.bindAddress)}:10257/healthz`, verify: false };
  }
  return { url: 'http://127.0.0.1:10252/healthz', verify: false };
}

export function schedulerEndpoint(a: Answers, minor: number): Endpoint {
  if (minor >= SCHEDULER_SECURE_FROM) {
    // before the kubeconfig layout the seed sets only the insecure --address; the secure
    // port then listens on every address
    const host = minor >= KUBECONFIG_LAYOUT_FROM ? hostFor(a.scheduler.bindAddress) : '127.0.0.1';
    return { url: `https://${host}:10259/healthz`, verify: false };
  }
  return { url: `http://${hostFor(a.scheduler.bindAddress)}:10251/healthz`, verify: false };
}

export function componentEndpoints(a: Answers, minor: number, component: Component): Endpoint[] {
  switch (component) {
    case 'kube-apiserver':
      return apiserverEndpoints(a, minor);
    case 'kube-controller-manager':
      return [controllerManagerEndpoint(a, minor)];
    case 'kube-scheduler':
      return [schedulerEndpoint(a, minor)];
  }
}

export function etcdHealthEndpoint(server: string): string {
  return `${server.replace(/\/$/, '')}/health`;
}

/**
 * `kubectl get cs` (the componentstatuses API) tells the truth only while it is not
 * deprecated and the components serve the fixed local insecure ports it probes: before
 * 1.19, with the scheduler's --address on loopback or all addresses.
 */
export function componentStatusesTruthful(a: Answers, minor: number): boolean {
  if (minor >= COMPONENTSTATUS_DEPRECATED_FROM) return false;
  const s = a.scheduler.bindAddress;
  return isUnspecified(s) || s === '127.0.0.1' || s === '::1';
}

type LockKind = 'Lease' | 'Endpoints';

/**
 * Where a component keeps its leader lock, most likely first: the Endpoints annotation while
 * that was the default (before 1.17; 1.12 and 1.13 have no Lease lock at all, only the API),
 * both in 1.17–1.19 (endpointsleases), the Lease from 1.20. A `--leader-elect-resource-lock`
 * among the component's own flags comes first.
 */
export function leaderLockPaths(
  minor: number,
  name: string,
  extraArgs: readonly string[] = [],
): { kind: LockKind; path: string }[] {
  const lease = {
    kind: 'Lease' as const,
    path: `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`,
  };
  const endpoints = { kind: 'Endpoints' as const, path: `/api/v1/namespaces/kube-system/endpoints/${name}` };
  const paths = minor < 14 ? [endpoints] : minor < 17 ? [endpoints, lease] : [lease, endpoints];
  const given = extraArgs
    .map((arg) => /^--leader-elect-resource-lock=(\w+)$/.exec(arg)?.[1])
    .findLast((v) => v !== undefined);
  const first: LockKind | null =
    given === 'leases' ? 'Lease' : given?.startsWith('endpoints') ? 'Endpoints' : null;
  return first ? [...paths.filter((p) => p.kind === first), ...paths.filter((p) => p.kind !== first)] : paths;
}

export const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
