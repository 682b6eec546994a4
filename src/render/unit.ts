import type { ComponentLayout } from '../model/layout.js';

const UNIT_TEXT: Record<
  ComponentLayout['component'],
  { description: string; unit: string[]; service: string[] }
> = {
  'kube-apiserver': {
    description: 'Kubernetes API Server',
    unit: ['After=network.target', 'After=etcd.service'],
    service: ['Restart=on-failure', 'Type=notify', 'LimitNOFILE=65536'],
  },
  'kube-controller-manager': {
    description: 'Kubernetes Controller Manager',
    unit: [],
    service: ['Restart=on-failure', 'LimitNOFILE=65536'],
  },
  'kube-scheduler': {
    description: 'Kubernetes Scheduler Plugin',
    unit: [],
    service: ['Restart=on-failure', 'LimitNOFILE=65536'],
  },
};

/**
 * The seed's unit file for a component. ExecStart names each variable as `$NAME`, which
 * systemd splits into words (`${NAME}` would pass the whole value as one argument).
 */
export function renderUnit(layout: ComponentLayout, binDir: string, envFilePath: string): string {
  const t = UNIT_TEXT[layout.component];
  const vars = layout.vars.map((v) => `$${v.name}`);
  const exec = [`ExecStart=${binDir}/${layout.component}`, ...vars].join(' \\\n');
  return `${[
    '[Unit]',
    `Description=${t.description}`,
    'Documentation=https://github.com/GoogleCloudPlatform/kubernetes',
    ...t.unit,
    '[Service]',
    `EnvironmentFile=-${envFilePath}`,
    exec,
    ...t.service,
    '[Install]',
    'WantedBy=multi-user.target',
  ].join('\n')}\n`;
}
