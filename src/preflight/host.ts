import {
  binaryHelp,
  binaryVersion,
  type HelpProbe,
  type Trial,
  trialParse,
  type VersionProbe,
} from '../host/binaries.js';
import { type CreateResult, createExclusive } from '../host/certs.js';
import { type EtcdProbeRequest, type EtcdProbeResult, etcdProbe } from '../host/etcd-probe.js';
import { type ConfigProgram, type ConfigVerdict, checkConfig } from '../host/ha-config.js';
import { isRoot, type SystemdState, systemdState } from '../host/machine.js';
import { addressFacts } from '../host/network.js';
import {
  holdersOf,
  type ListenResult,
  listeningProcesses,
  type PortHolder,
  tryListen,
} from '../host/ports.js';
import {
  activeSwaps,
  type FileFacts,
  fileFacts,
  type ReadResult,
  readFileResult,
  readSysctl,
  type TimeSyncFacts,
  timeSync,
} from '../host/system-facts.js';
import type { HostAddressFact } from '../model/host-fit.js';

/**
 * What the preflight checks read of the machine, behind one small interface: unit tests hand
 * in a fake, the commands the real one. Nothing here writes a file (`tryListen` takes a port
 * for a moment and lets it go).
 */
export interface CheckHost {
  /** milliseconds since the epoch */
  now(): number;
  isRoot(): boolean;
  /** systemd is the running init system (and in which state) */
  systemd(): Promise<SystemdState>;
  fileFacts(path: string): Promise<FileFacts>;
  readFile(path: string): Promise<ReadResult>;
  /** `BINARY --version` */
  binaryVersion(path: string): Promise<VersionProbe>;
  /** `BINARY --help` */
  binaryHelp(path: string): Promise<HelpProbe>;
  /** `BINARY ARG… --version`: does it parse them? */
  trialParse(path: string, args: readonly string[]): Promise<Trial>;
  /** this host's addresses (every interface, loopback included), with their interface and network */
  addresses(): HostAddressFact[];
  tryListen(address: string, port: number): Promise<ListenResult>;
  portHolders(port: number): Promise<PortHolder[]>;
  etcdProbe(req: EtcdProbeRequest): Promise<EtcdProbeResult>;
  timeSync(): Promise<TimeSyncFacts>;
  /** active swap areas; null when unknown */
  swaps(): Promise<string[] | null>;
  /** a /proc/sys value, trimmed; null when it cannot be read */
  sysctl(path: string): Promise<string | null>;
  /** `haproxy -c` / `keepalived -t` on a file's content, before it is written */
  checkConfig(program: ConfigProgram, content: string): Promise<ConfigVerdict>;
}

/** The checks' host, and the one thing certificate issuing adds: creating a file. */
export interface PreflightHost extends CheckHost {
  /** creates a file that does not exist yet (atomically, with its mode); never replaces one */
  createExclusive(path: string, content: string | Buffer, mode: number): Promise<CreateResult>;
}

/**
 * The machine this process runs on. Who listens on which port is read from /proc once, by the
 * first port check that finds its port taken, for every port check of the run; systemd's state
 * is asked once.
 */
export function realPreflightHost(): PreflightHost {
  let listeners: ReturnType<typeof listeningProcesses> | undefined;
  let systemd: Promise<SystemdState> | undefined;
  return {
    now: () => Date.now(),
    isRoot,
    // asked once per host: it says whether systemd is the init system, which no run changes
    systemd() {
      systemd ??= systemdState();
      return systemd;
    },
    fileFacts,
    readFile: readFileResult,
    binaryVersion: (path) => binaryVersion(path, 10_000),
    binaryHelp: (path) => binaryHelp(path, 10_000),
    trialParse: (path, args) => trialParse(path, args, 10_000),
    addresses: addressFacts,
    tryListen,
    async portHolders(port) {
      listeners ??= listeningProcesses();
      return holdersOf(listeners, port);
    },
    etcdProbe,
    timeSync,
    swaps: () => activeSwaps(),
    sysctl: readSysctl,
    checkConfig,
    createExclusive,
  };
}

export type {
  CreateResult,
  EtcdProbeRequest,
  EtcdProbeResult,
  FileFacts,
  ListenResult,
  PortHolder,
  ReadResult,
  TimeSyncFacts,
};
