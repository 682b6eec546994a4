// A PreflightHost for unit tests: files come from a directory standing for `/` (real reads,
// real modes), everything else about the machine is given (by default a healthy master of
// the seed: root, systemd, 1.13 binaries, the seed's addresses, free ports, healthy etcd).
import { basename, join } from 'node:path';
import type {
  EtcdProbeRequest,
  EtcdProbeResult,
  HttpAnswer,
  HttpResult,
} from '../../../src/host/etcd-probe.js';
import type { ConfigProgram, ConfigVerdict } from '../../../src/host/ha-config.js';
import type { ListenResult, PortHolder } from '../../../src/host/ports.js';
import { fileFacts, readFileResult, type TimeSyncFacts } from '../../../src/host/system-facts.js';
import type { Component } from '../../../src/model/components.js';
import { acceptedFlags, flagFacts } from '../../../src/model/flag-table.js';
import type { HostAddressFact } from '../../../src/model/host-fit.js';
import { NEWEST_MINOR, parseMinor } from '../../../src/model/version.js';
import type { PreflightHost } from '../../../src/preflight/host.js';

export interface FakeMachine {
  now: number;
  root: boolean;
  systemd: { ok: boolean; state: string };
  /** binary path → version ("1.13") or an error */
  versions: Record<string, string | { error: string }>;
  /** this host's addresses: loopback ones on lo, the others on eth0 in a /24 (or /64) */
  addresses: string[];
  /** the addresses with their interfaces and networks, when the test says them itself */
  interfaces?: HostAddressFact[];
  /** "address:port" or ":port" → state; free when absent */
  ports: Record<string, ListenResult>;
  holders: Record<number, PortHolder[]>;
  /** url → result; a healthy etcd 3.4 when absent */
  etcd: Record<string, EtcdProbeResult>;
  time: TimeSyncFacts;
  swaps: string[] | null;
  sysctl: Record<string, string | null>;
  /** what `haproxy -c` / `keepalived -t` say; accepted when absent */
  configs: Partial<Record<ConfigProgram, ConfigVerdict>>;
  /**
   * binary path → flags it does not have; else each binary's --help lists every flag the
   * flag table gives its version, and its trial parse accepts them
   */
  without: Record<string, string[]>;
}

/** What `--help` of a binary of that version prints: every flag the table accepts, as pflag lays it out. */
export function helpText(component: Component, version: string, without: readonly string[] = []): string {
  const minor = parseMinor(version) ?? 13;
  const flags = acceptedFlags(component, Math.min(minor, NEWEST_MINOR)).filter((f) => !without.includes(f));
  const lines = flags.map((f) =>
    flagFacts(component, f)?.bool ? `      ${f}   usage` : `      ${f} string   usage`,
  );
  return `Usage:\n  ${component} [flags]\n\nFlags:\n${lines.join('\n')}\n`;
}

export function okAnswer(body: string, now: number, status = 200): { ok: true; answer: HttpAnswer } {
  return {
    ok: true,
    answer: { status, body, dateMs: Math.floor(now / 1000) * 1000, sentMs: now, receivedMs: now + 3 },
  };
}

export function healthyEtcd(now: number): Extract<EtcdProbeResult, { ok: true }> {
  return {
    ok: true,
    version: okAnswer('{"etcdserver":"3.4.23","etcdcluster":"3.4.0"}', now),
    health: okAnswer('{"health":"true"}', now),
    latencyMs: 4,
  };
}

export function failedEtcd(code: string, message = code): EtcdProbeResult {
  const error: HttpResult = { ok: false, error: { code, message } };
  return { ok: true, version: error, health: error, latencyMs: 3 };
}

export interface FakeHost extends PreflightHost {
  machine: FakeMachine;
  probes: EtcdProbeRequest[];
  /** paths given to the file functions (as asked, before mapping into the directory) */
  asked: string[];
  /** the contents given to checkConfig, per program */
  checked: Partial<Record<ConfigProgram, string>>;
}

function addressFact(address: string): HostAddressFact {
  const loopback = address === '127.0.0.1' || address === '::1';
  const v6 = address.includes(':');
  return {
    address,
    iface: loopback ? 'lo' : 'eth0',
    cidr: `${address}/${loopback ? (v6 ? 128 : 8) : v6 ? 64 : 24}`,
    internal: loopback,
  };
}

/** `dir` stands for `/`: every path is read under it. */
export function fakeHost(dir: string, patch: Partial<FakeMachine> = {}): FakeHost {
  const now = patch.now ?? Date.now();
  const machine: FakeMachine = {
    now,
    root: true,
    systemd: { ok: true, state: 'running' },
    versions: {},
    addresses: ['127.0.0.1', '::1', '192.168.50.101'],
    ports: {},
    holders: {},
    etcd: {},
    time: { source: 'timedatectl', synchronized: true },
    swaps: [],
    sysctl: { '/proc/sys/net/ipv4/ip_forward': '1' },
    without: {},
    configs: {},
    ...patch,
  };
  const under = (p: string) => join(dir, p);
  const host: FakeHost = {
    machine,
    probes: [],
    asked: [],
    checked: {},
    now: () => machine.now,
    isRoot: () => machine.root,
    systemd: async () => machine.systemd,
    fileFacts: async (p) => {
      host.asked.push(p);
      return fileFacts(under(p));
    },
    readFile: async (p) => {
      host.asked.push(p);
      return readFileResult(under(p));
    },
    binaryVersion: async (p) => {
      const v = machine.versions[p] ?? '1.13';
      return typeof v === 'string' ? { ok: true, version: v } : { ok: false, error: v.error };
    },
    binaryHelp: async (p) => {
      const v = machine.versions[p] ?? '1.13';
      if (typeof v !== 'string') return { ok: false, error: v.error };
      return { ok: true, text: helpText(basename(p) as Component, v, machine.without[p]) };
    },
    trialParse: async (p, args) => {
      // as pflag: the first flag the binary lacks is the one it names
      const name = args.map((a) => a.split('=')[0]!).find((n) => machine.without[p]?.includes(n));
      if (name)
        return {
          ok: false,
          unknown: name,
          invalid: null,
          deprecated: [],
          output: `Error: unknown flag: ${name}`,
        };
      return { ok: true, unknown: null, invalid: null, deprecated: [], output: 'Kubernetes v1.13.12' };
    },
    addresses: () => machine.interfaces ?? machine.addresses.map(addressFact),
    tryListen: async (address, port) =>
      machine.ports[`${address}:${port}`] ?? machine.ports[`:${port}`] ?? { state: 'free' },
    portHolders: async (port) => machine.holders[port] ?? [],
    etcdProbe: async (req) => {
      host.probes.push(req);
      return machine.etcd[req.url] ?? healthyEtcd(machine.now);
    },
    timeSync: async () => machine.time,
    swaps: async () => machine.swaps,
    sysctl: async (p) => (p in machine.sysctl ? (machine.sysctl[p] ?? null) : null),
    checkConfig: async (program, content) => {
      host.checked[program] = content;
      return machine.configs[program] ?? { ok: true, output: '' };
    },
    createExclusive: async () => {
      throw new Error('the fake host writes nothing');
    },
  };
  return host;
}
