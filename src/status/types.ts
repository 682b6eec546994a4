import type { Service } from '../model/ha-layout.js';

/** The component-status table: the seed's `kubectl get cs`, probed directly. */
export type Health = 'healthy' | 'unhealthy' | 'unknown';

export interface StatusRow {
  kind: 'etcd' | Service;
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
  /** with ha: the master of ha.masters the holder's host name is (null: not one of them, or unknown) */
  master?: string | null;
  message: string;
}

/** One master of ha.masters, as this master sees it. */
export interface HaMasterRow {
  address: string;
  /** this master */
  self: boolean;
  /** its apiserver's /readyz (or /healthz), probed from here */
  apiserver: { health: Health; endpoint: string; message: string; latencyMs: number };
  /** holds the VIP: from this host's interfaces for itself, from ARP for the others; null when unknown */
  holdsVip: boolean | null;
  /** the leader locks its controller-manager or scheduler holds */
  leases: string[];
  /** this master's haproxy's view of it: UP, DOWN (L4CON) …; null without haproxy's answer */
  backend: string | null;
}

/** The HA front: who holds the VIP, whether it answers, each master, haproxy's view. */
export interface HaStatus {
  vip: string;
  port: number;
  /** https://VIP:PORT */
  url: string;
  /** the master holding the VIP (null: none found) */
  vipHolder: string | null;
  /** GET https://VIP:PORT/readyz (or /healthz) through haproxy */
  throughVip: { health: Health; endpoint: string; message: string; latencyMs: number };
  masters: HaMasterRow[];
  /** why haproxy's view is missing */
  haproxyError: string | null;
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
  /** the pair as a cluster, when the answers have ha: */
  ha?: HaStatus;
  /** every row healthy (and, with ha:, the VIP answering) */
  healthy: boolean;
}
