import type { Component } from '../model/components.js';

/** The component-status table: the seed's `kubectl get cs`, probed directly. */
export type Health = 'healthy' | 'unhealthy' | 'unknown';

export interface StatusRow {
  kind: 'etcd' | Component;
  /** "etcd-0 192.168.50.101:2379", "kube-apiserver" … */
  name: string;
  unit: string | null;
  /** systemd's ActiveState (SubState), null for members not run by this host */
  unitState: string | null;
  /** the URL(s) probed */
  endpoint: string;
  health: Health;
  /** the endpoint's answer or why there is none, one line */
  message: string;
  latencyMs: number | null;
  /** how the probe authenticated (client certificate, token, none) */
  auth?: string;
}

export interface LeaderRow {
  /** the lock's name: kube-controller-manager or kube-scheduler */
  lock: string;
  kind: 'Lease' | 'Endpoints' | null;
  /** holderIdentity (host name and id of the current leader); null when unknown */
  holder: string | null;
  message: string;
}

export interface ComponentStatusRow {
  name: string;
  healthy: boolean;
  message: string;
}

export interface StatusReport {
  /** "1.13" */
  version: string;
  rows: StatusRow[];
  leaders: LeaderRow[];
  /** `kubectl get cs`, only where it tells the truth; null otherwise (see notes) */
  componentStatuses: ComponentStatusRow[] | null;
  notes: string[];
  /** every row healthy */
  healthy: boolean;
}
