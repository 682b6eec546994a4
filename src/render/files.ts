import type { Answers } from '../model/answers.js';
import { COMPONENT_FILES, type Component } from '../model/components.js';
import {
  HAPROXY_CFG,
  type HaLayout,
  type HaService,
  haLayoutFor,
  KEEPALIVED_CONF,
} from '../model/ha-layout.js';
import { type Layout, layoutFor } from '../model/layout.js';
import { minorString } from '../model/version.js';
import { renderEnvFile } from './envfile.js';
import { renderHaproxy } from './haproxy.js';
import { renderKeepalived } from './keepalived.js';
import { renderKubeconfig } from './kubeconfig.js';
import { renderUnit } from './unit.js';

export type FileKind = 'envfile' | 'unit' | 'kubeconfig' | 'keepalived' | 'haproxy';

/** One file the wizard owns: where it goes on the master, what it holds, its mode. */
export interface FileSpec {
  path: string;
  content: string;
  mode: number;
  kind: FileKind;
  /** the service that reads it, restarted when it changes; null for none (the admin kubeconfig) */
  component: Component | HaService | null;
}

export interface Rendered {
  layout: Layout;
  /** the HA front, when the answers have ha: */
  ha: HaLayout | null;
  files: FileSpec[];
}

export interface RenderOptions {
  /**
   * The VRRP interface when the answers do not name one: the interface holding the advertise
   * address on the master (the caller looks; rendering is pure). Needed only with ha:.
   */
  haInterface?: string | null;
}

import { ADMIN_KUBECONFIG } from '../model/ha-files.js';

export { ADMIN_KUBECONFIG };

/** The HA front needs an interface: ha.interface, else the one the caller found. */
export class NoHaInterface extends Error {
  constructor(readonly advertiseAddress: string) {
    super(`no VRRP interface for ${advertiseAddress}`);
  }
}

/** answers + minor version → the files of this master. Pure. */
export function renderFiles(answers: Answers, minor: number, opts: RenderOptions = {}): Rendered {
  const layout = layoutFor(answers, minor);
  const banner = `Written by kmaster-wizard for Kubernetes ${minorString(minor)}; run kmaster-wizard again to change it.`;
  const files: FileSpec[] = [];
  for (const c of layout.components) {
    const names = COMPONENT_FILES[c.component];
    const envPath = `${answers.paths.configDir}/${names.envFile}`;
    files.push({
      path: envPath,
      content: renderEnvFile(c, banner),
      mode: 0o644,
      kind: 'envfile',
      component: c.component,
    });
    files.push({
      path: `${answers.paths.unitDir}/${names.unit}`,
      content: renderUnit(c, answers.paths.binDir, envPath),
      mode: 0o644,
      kind: 'unit',
      component: c.component,
    });
    if (c.kubeconfig) {
      files.push({
        path: c.kubeconfig.path,
        content: renderKubeconfig(c.kubeconfig),
        mode: 0o600,
        kind: 'kubeconfig',
        component: c.component,
      });
    }
  }
  const ha = haFiles(answers, minor, opts, banner, files);
  return { layout, ha, files };
}

function haFiles(
  a: Answers,
  minor: number,
  opts: RenderOptions,
  banner: string,
  files: FileSpec[],
): HaLayout | null {
  if (!a.ha) return null;
  const iface = a.ha.interface ?? opts.haInterface;
  if (!iface) throw new NoHaInterface(a.advertiseAddress);
  const ha = haLayoutFor(a, minor, iface)!;
  files.push(
    {
      path: HAPROXY_CFG,
      content: renderHaproxy(ha, banner),
      mode: 0o644,
      kind: 'haproxy',
      component: 'haproxy',
    },
    {
      path: KEEPALIVED_CONF,
      content: renderKeepalived(ha, banner),
      mode: 0o644,
      kind: 'keepalived',
      component: 'keepalived',
    },
    {
      path: `${a.paths.configDir}/${ADMIN_KUBECONFIG}`,
      content: renderKubeconfig({
        path: `${a.paths.configDir}/${ADMIN_KUBECONFIG}`,
        server: ha.url,
        caFile: a.certs.caFile,
        user: 'admin',
        certFile: a.certs.adminCertFile,
        keyFile: a.certs.adminKeyFile,
      }),
      mode: 0o600,
      kind: 'kubeconfig',
      component: null,
    },
  );
  return ha;
}
