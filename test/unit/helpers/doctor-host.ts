// A DoctorHost for unit tests: the preflight fake (files under a directory standing for `/`,
// the rest of the machine given), plus units with their states and journals, and health
// endpoints that answer as the units run.

import type { DoctorHost } from '../../../src/doctor/types.js';
import type { JournalEntry } from '../../../src/host/journal.js';
import type { ProbeRequest, ProbeResponse } from '../../../src/host/probe.js';
import type { UnitState } from '../../../src/host/systemd.js';
import { PORTS, unitState } from './fake-host.js';
import { type FakeMachine, fakeHost } from './preflight-host.js';

export interface FakeUnit {
  state: Partial<UnitState>;
  /** journal lines, oldest first (systemd's own lines start with "systemd: ") */
  journal?: string[];
  /** what its health endpoint answers when it runs (default 200 ok) */
  health?: { status: number; body: string };
}

export const RUNNING: Partial<UnitState> = {
  loadState: 'loaded',
  activeState: 'active',
  subState: 'running',
  unitFileState: 'enabled',
  mainPid: 4242,
};

export interface FakeDoctorHost extends DoctorHost {
  units: Record<string, FakeUnit>;
  /** calls that take a port (there must be none) */
  writes: string[];
  journalReads: string[];
}

export function doctorHost(
  dir: string,
  units: Record<string, FakeUnit> = {},
  machine: Partial<FakeMachine> = {},
): FakeDoctorHost {
  // the checks' host only: no call that creates a file
  const { createExclusive: _writes, ...base } = fakeHost(dir, machine);
  const all: Record<string, FakeUnit> = {
    'kube-apiserver.service': { state: RUNNING },
    'kube-controller-manager.service': { state: RUNNING },
    'kube-scheduler.service': { state: RUNNING },
    ...units,
  };
  const host: FakeDoctorHost = {
    ...base,
    units: all,
    writes: [],
    journalReads: [],
    async tryListen() {
      host.writes.push('tryListen');
      return { state: 'free' };
    },
    async unitState(unit) {
      return unitState(unit, all[unit]?.state ?? {});
    },
    async journalTail(unit, _since, lines) {
      host.journalReads.push(unit);
      const now = base.machine.now;
      const list = all[unit]?.journal ?? [];
      return list.slice(-lines).map(
        (text, i): JournalEntry => ({
          usec: (now - (list.length - i) * 1000) * 1000,
          pid: text.startsWith('systemd: ') ? 1 : 4242,
          ident: text.startsWith('systemd: ') ? 'systemd' : unit.replace(/\.service$/, ''),
          priority: 6,
          message: text.replace(/^systemd: /, ''),
          cursor: `c${i}`,
        }),
      );
    },
    async probe(req: ProbeRequest): Promise<ProbeResponse> {
      const url = new URL(req.url);
      if (url.port === '2379') {
        const r = base.machine.etcd[`${url.protocol}//${url.host}`];
        if (r?.ok && !r.health.ok) return { url: req.url, error: r.health.error, latencyMs: 1 };
        return { url: req.url, status: 200, body: '{"health":"true"}', latencyMs: 1 };
      }
      const u = all[PORTS[url.port] ?? ''];
      if (!u || unitState('', u.state).activeState !== 'active')
        return {
          url: req.url,
          error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
          latencyMs: 1,
        };
      if (url.pathname.startsWith('/api') || url.pathname.startsWith('/apis'))
        return { url: req.url, status: 404, body: '{}', latencyMs: 1 };
      const h = u.health ?? { status: 200, body: 'ok' };
      return { url: req.url, status: h.status, body: h.body, latencyMs: 2 };
    },
    async readable(path) {
      return (await base.fileFacts(path)).exists;
    },
    async firstToken() {
      return null;
    },
    hostName: () => 'kmw-master-101',
    holdsAddress: () => false,
    haproxyServers: async (socket) => ({ ok: false, error: `ENOENT: ${socket}` }),
    neighbourMac: async () => null,
    lookupHost: async () => [],
  };
  return host;
}
