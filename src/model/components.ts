/** The three control-plane components, in the order they are started. */
export const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;
export type Component = (typeof COMPONENTS)[number];

/** The unit and EnvironmentFile names the seed uses for each component. */
export const COMPONENT_FILES: Record<Component, { envFile: string; unit: string; kubeconfig?: string }> = {
  'kube-apiserver': { envFile: 'apiserver', unit: 'kube-apiserver.service' },
  'kube-controller-manager': {
    envFile: 'controller-manager',
    unit: 'kube-controller-manager.service',
    kubeconfig: 'controller-manager.kubeconfig',
  },
  'kube-scheduler': {
    envFile: 'scheduler',
    unit: 'kube-scheduler.service',
    kubeconfig: 'scheduler.kubeconfig',
  },
};

/** The systemd unit that runs the component: kube-apiserver.service … */
export function unitOf(component: Component): string {
  return COMPONENT_FILES[component].unit;
}

/**
 * Every flag the wizard itself sets on some version. An extra argument may not repeat one
 * of these: it is set through its own field instead.
 */
export const MANAGED_FLAGS: Record<Component, ReadonlySet<string>> = {
  'kube-apiserver': new Set([
    '--advertise-address',
    '--bind-address',
    '--secure-port',
    '--etcd-servers',
    '--service-cluster-ip-range',
    '--enable-admission-plugins',
    '--anonymous-auth',
    '--allow-privileged',
    '--apiserver-count',
    '--audit-log-maxage',
    '--audit-log-maxbackup',
    '--audit-log-maxsize',
    '--audit-log-path',
    '--authorization-mode',
    '--client-ca-file',
    '--enable-bootstrap-token-auth',
    '--etcd-cafile',
    '--etcd-certfile',
    '--etcd-keyfile',
    '--event-ttl',
    '--enable-swagger-ui',
    '--kubelet-https',
    '--service-account-key-file',
    '--service-account-signing-key-file',
    '--service-account-issuer',
    '--service-node-port-range',
    '--tls-private-key-file',
    '--tls-cert-file',
    '--token-auth-file',
    '--logtostderr',
    '--v',
  ]),
  'kube-controller-manager': new Set([
    '--bind-address',
    '--cluster-name',
    '--cluster-signing-cert-file',
    '--cluster-signing-key-file',
    '--leader-elect',
    '--master',
    '--kubeconfig',
    '--authentication-kubeconfig',
    '--authorization-kubeconfig',
    '--root-ca-file',
    '--service-account-private-key-file',
    '--service-cluster-ip-range',
    '--logtostderr',
    '--v',
  ]),
  'kube-scheduler': new Set([
    '--leader-elect',
    '--address',
    '--bind-address',
    '--master',
    '--kubeconfig',
    '--authentication-kubeconfig',
    '--authorization-kubeconfig',
    '--logtostderr',
    '--v',
  ]),
};
