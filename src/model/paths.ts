import { posix } from 'node:path';
import { COMPONENT_FILES, COMPONENTS } from './components.js';
import { ADMIN_KUBECONFIG, HAPROXY_CFG, KEEPALIVED_CONF } from './ha-files.js';
import type { Accepted } from './issues.js';
import { SEED } from './seed.js';

/**
 * Every path the answers name, and the rule that keeps them apart: a path the wizard writes
 * (an EnvironmentFile, a unit, a kubeconfig) or kube-apiserver writes (the audit log) is
 * nobody else's; no file is also a directory; nothing lies inside a file. The seed shares
 * its CA key between fields (ca-key.pem signs and verifies service-account tokens), so files
 * that are only read may coincide.
 */

export type PathRole = 'dir' | 'envfile' | 'unit' | 'kubeconfig' | 'binary' | 'auditLog' | 'haFile' | 'read';

export interface NamedPath {
  /** the field of the answers the path comes from */
  field: string[];
  path: string;
  role: PathRole;
  /** kube-apiserver…, haproxy, keepalived, or admin for the admin kubeconfig */
  component?: string;
}

/** "/etc//kubernetes/./" → "/etc/kubernetes": one spelling per path. */
export function normalisePath(path: string): string {
  const p = posix.normalize(path);
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/** The part of the answers that names paths (the answers themselves, checked field by field). */
export interface PathAnswers {
  paths: { configDir: string; unitDir: string; binDir: string };
  apiserver: { auditLogPath: string; tokenAuthFile: string };
  certs: Record<string, string>;
  /** the HA front: its files are written only when it is there */
  ha?: object | undefined;
}

const WRITTEN: ReadonlySet<PathRole> = new Set(['envfile', 'unit', 'kubeconfig', 'auditLog', 'haFile']);

/** The paths of these answers: the three directories, the files written in them, the binaries, every file read. */
export function namedPaths(a: PathAnswers): NamedPath[] {
  const at = (dir: string, name: string) => normalisePath(posix.join(dir, name));
  const out: NamedPath[] = [
    { field: ['paths', 'configDir'], path: normalisePath(a.paths.configDir), role: 'dir' },
    { field: ['paths', 'unitDir'], path: normalisePath(a.paths.unitDir), role: 'dir' },
    { field: ['paths', 'binDir'], path: normalisePath(a.paths.binDir), role: 'dir' },
  ];
  for (const component of COMPONENTS) {
    const names = COMPONENT_FILES[component];
    out.push({
      field: ['paths', 'configDir'],
      path: at(a.paths.configDir, names.envFile),
      role: 'envfile',
      component,
    });
    out.push({ field: ['paths', 'unitDir'], path: at(a.paths.unitDir, names.unit), role: 'unit', component });
    // written from 1.20 on; kept apart on every version, so a change of version cannot make a clash
    if (names.kubeconfig) {
      out.push({
        field: ['paths', 'configDir'],
        path: at(a.paths.configDir, names.kubeconfig),
        role: 'kubeconfig',
        component,
      });
    }
    out.push({ field: ['paths', 'binDir'], path: at(a.paths.binDir, component), role: 'binary', component });
  }
  if (a.ha) {
    out.push({ field: ['ha'], path: HAPROXY_CFG, role: 'haFile', component: 'haproxy' });
    out.push({ field: ['ha'], path: KEEPALIVED_CONF, role: 'haFile', component: 'keepalived' });
    out.push({
      field: ['paths', 'configDir'],
      path: at(a.paths.configDir, ADMIN_KUBECONFIG),
      role: 'kubeconfig',
      component: 'admin',
    });
  }
  out.push({
    field: ['apiserver', 'auditLogPath'],
    path: normalisePath(a.apiserver.auditLogPath),
    role: 'auditLog',
  });
  out.push({
    field: ['apiserver', 'tokenAuthFile'],
    path: normalisePath(a.apiserver.tokenAuthFile),
    role: 'read',
  });
  for (const [key, file] of Object.entries(a.certs)) {
    out.push({ field: ['certs', key], path: normalisePath(file), role: 'read' });
  }
  return out;
}

/** What a path is, as a message names it: "the kube-apiserver EnvironmentFile (paths.configDir)". */
export function describePath(p: NamedPath): { key: Accepted['key']; params: Record<string, string> } {
  const field = p.field.join('.');
  switch (p.role) {
    case 'dir':
      return { key: 'path.dir', params: { field } };
    case 'read':
      return { key: 'path.field', params: { field } };
    case 'auditLog':
      return { key: 'path.auditLog', params: { field } };
    case 'kubeconfig':
      if (p.component === 'admin') return { key: 'path.adminKubeconfig', params: { field } };
      return { key: 'path.kubeconfig', params: { field, component: p.component ?? '' } };
    case 'haFile':
      return { key: 'path.haFile', params: { component: p.component ?? '' } };
    default:
      return { key: `path.${p.role}`, params: { field, component: p.component ?? '' } };
  }
}

export interface PathConflict {
  /** the field that is refused */
  field: string[];
  reason: Accepted;
}

function valueAt(from: unknown, field: string[]): unknown {
  let v: unknown = from;
  for (const k of field) v = (v as Record<string, unknown> | undefined)?.[k];
  return v;
}

const inside = (path: string, dir: string) => path !== dir && path.startsWith(dir === '/' ? '/' : `${dir}/`);

/** Every clash between the paths of these answers, one per refused field. */
export function pathConflicts(a: PathAnswers): PathConflict[] {
  const paths = namedPaths(a).map((p) => ({
    ...p,
    id: p.field.join('.'),
    // of two fields that clash, the one changed from the seed is refused, else the second
    changed: valueAt(a, p.field) !== valueAt(SEED, p.field),
  }));
  type Entry = (typeof paths)[number];
  const out = new Map<string, PathConflict>();
  const add = (p: Entry, reason: Accepted) => {
    if (!out.has(p.id)) out.set(p.id, { field: p.field, reason });
  };
  const other = (p: Entry) => ({ other: describePath(p) });
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const x = paths[i]!;
      const y = paths[j]!;
      const same = x.path === y.path;
      if (!same && !inside(x.path, y.path) && !inside(y.path, x.path)) continue;
      if (x.id === y.id) continue;
      const [refused, kept] = x.changed && !y.changed ? [x, y] : [y, x];
      if (same) {
        if (x.role === 'dir' && y.role === 'dir') continue;
        if (refused.role === 'dir' || kept.role === 'dir') {
          add(refused, {
            key: refused.role === 'dir' ? 'accept.pathDirIsFile' : 'accept.pathFileIsDir',
            nested: other(kept),
          });
        } else if (WRITTEN.has(x.role) || WRITTEN.has(y.role)) {
          add(refused, { key: 'accept.pathShared', nested: other(kept) });
        }
        continue;
      }
      // nothing lies inside a file
      const [file, within] = inside(y.path, x.path) ? [x, y] : [y, x];
      if (file.role === 'dir') continue;
      if (refused === within) {
        add(within, {
          key: 'accept.pathInsideFile',
          params: { file: file.path, path: within.path },
          nested: other(file),
        });
      } else {
        add(file, {
          key: 'accept.pathHoldsPaths',
          params: { file: file.path, path: within.path },
          nested: other(within),
        });
      }
    }
  }
  return [...out.values()];
}
