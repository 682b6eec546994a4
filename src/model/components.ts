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

/** The section of the answers that holds the component's own settings (its extraArgs among them). */
export const ANSWERS_SECTION: Record<Component, 'apiserver' | 'controllerManager' | 'scheduler'> = {
  'kube-apiserver': 'apiserver',
  'kube-controller-manager': 'controllerManager',
  'kube-scheduler': 'scheduler',
};
