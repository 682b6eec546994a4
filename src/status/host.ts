import {
  type HaproxyServer,
  type HaproxyView,
  haproxyServers,
  holdsAddress,
  lookupHost,
  neighbourMac,
  thisHostName,
} from '../host/ha-facts.js';
import { firstToken, type ProbeRequest, type ProbeResponse, probe, readableFile } from '../host/probe.js';
import { type UnitState, unitState } from '../host/systemd.js';

export type { HaproxyServer, HaproxyView };

/**
 * What the status table reads from the machine, behind one small interface: unit tests hand
 * in a fake, the commands the real one (realStatusHost()). The apply pipeline's host is a
 * larger one of these.
 */
export interface StatusHost {
  /** milliseconds since the epoch (a leader lock not renewed within its lease has expired) */
  now(): number;
  unitState(unit: string, signal?: AbortSignal): Promise<UnitState>;
  probe(req: ProbeRequest): Promise<ProbeResponse>;
  readable(path: string): Promise<boolean>;
  firstToken(path: string): Promise<{ token: string; user: string } | null>;
  /** the HA front: this host's name (leader identities start with it) */
  hostName(): string;
  /** whether the address (the VIP) is on one of this host's interfaces */
  holdsAddress(address: string): boolean;
  /** haproxy's view of its servers, from its stats socket */
  haproxyServers(socket: string): Promise<HaproxyView>;
  /** the link-layer address an IPv4 neighbour answered ARP with (which master holds the VIP) */
  neighbourMac(address: string): Promise<string | null>;
  /** what a host name resolves to here */
  lookupHost(name: string): Promise<string[]>;
}

export function realStatusHost(): StatusHost {
  return {
    now: () => Date.now(),
    unitState: (unit, signal) => unitState(unit, signal),
    probe,
    readable: readableFile,
    firstToken,
    hostName: thisHostName,
    holdsAddress,
    haproxyServers: (socket) => haproxyServers(socket),
    neighbourMac,
    lookupHost,
  };
}
