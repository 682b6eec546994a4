import type { Answers } from '../model/answers.js';
import { COMPONENT_FILES, type Component } from '../model/components.js';
import { type Layout, layoutFor } from '../model/layout.js';
import { minorString } from '../model/version.js';
import { renderEnvFile } from './envfile.js';
import { renderKubeconfig } from './kubeconfig.js';
import { renderUnit } from './unit.js';

export type FileKind = 'envfile' | 'unit' | 'kubeconfig';

/** One file the wizard owns: where it goes on the master, what it holds, its mode. */
export interface FileSpec {
  path: string;
  content: string;
  mode: number;
  kind: FileKind;
  component: Component;
}

export interface Rendered {
  layout: Layout;
  files: FileSpec[];
}

/** answers + minor version → the files of this master. Pure. */
export function renderFiles(answers: Answers, minor: number): Rendered {
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
  return { layout, files };
}
