import { stringify } from 'yaml';
import type { KubeconfigSpec } from '../model/layout.js';

/**
 * A kubeconfig for a component on this master: its own apiserver, the cluster CA and the
 * component's client certificate, all by file path (nothing secret inside the file).
 */
export function renderKubeconfig(k: KubeconfigSpec): string {
  const context = `${k.user}@kubernetes`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubernetes', cluster: { 'certificate-authority': k.caFile, server: k.server } }],
    users: [{ name: k.user, user: { 'client-certificate': k.certFile, 'client-key': k.keyFile } }],
    contexts: [{ name: context, context: { cluster: 'kubernetes', user: k.user } }],
    'current-context': context,
  });
}
