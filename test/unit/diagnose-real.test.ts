// The diagnosis against what the real binaries print: journals of the real 1.36 and 1.37
// binaries (test/fixtures/real-journal/MINOR/FAULT.journal, kept by test/real/faults.test.ts with
// KMW_KEEP_JOURNAL; the --v=2 flag dump and the test sandbox's cgroup warnings left out), each
// read back to its cause. FAULT.health is the health message of the wizard's own probe.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { causeText, fixText } from '../../src/apply/describe.js';
import { type CauseId, diagnose } from '../../src/apply/diagnose.js';
import { type LogLine, severityOf } from '../../src/apply/klog.js';
import { translator } from '../../src/i18n/index.js';
import type { Component } from '../../src/model/components.js';
import { SEED } from '../../src/model/seed.js';
import { unitState } from './helpers/fake-host.js';

const DIR = new URL('../fixtures/real-journal/', import.meta.url).pathname;
const en = translator('en');
const zh = translator('zh');

interface Case {
  fault: string;
  component: Component;
  cause: CauseId;
  params?: Record<string, string>;
}

const CASES: Case[] = [
  {
    fault: 'removed-flag',
    component: 'kube-apiserver',
    cause: 'unknown-flag',
    params: { flag: '--insecure-port', removed: '1.24', known: 'removed' },
  },
  {
    fault: 'missing-certificate',
    component: 'kube-apiserver',
    cause: 'file-missing',
    params: { path: '/etc/kubernetes/ssl/kubernetes.pem', kind: 'cert' },
  },
  {
    fault: 'apiserver-san-missing',
    component: 'kube-apiserver',
    cause: 'cert-not-valid-for',
    params: { address: '192.168.50.101' },
  },
  { fault: 'etcd-stopped', component: 'kube-apiserver', cause: 'etcd-unreachable' },
  {
    fault: 'secure-port-taken',
    component: 'kube-apiserver',
    cause: 'address-in-use',
    params: { address: '192.168.50.101:6443', port: '6443' },
  },
  {
    fault: 'controller-manager-credentials-refused',
    component: 'kube-controller-manager',
    cause: 'credentials-refused',
    params: { component: 'kube-controller-manager' },
  },
];

const MINORS = readdirSync(DIR).sort();

function lines(text: string, unit: string): LogLine[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((t, i) => ({
      id: i + 1,
      unit,
      time: 0,
      severity: severityOf(t),
      fromSystemd: t.startsWith(`${unit}:`) || /^(Started|Stopped|Starting|Failed to start) /.test(t),
      text: t,
    }));
}

it('has the journals of at least two real minors', () => {
  expect(MINORS.length).toBeGreaterThanOrEqual(2);
});

describe.each(MINORS)('the real %s journals', (minor) => {
  it.each(CASES)('$fault: $cause', ({ fault, component, cause, params }) => {
    const unit = `${component}.service`;
    const file = `${DIR}${minor}/${fault}`;
    const health = existsSync(`${file}.health`) ? readFileSync(`${file}.health`, 'utf8').trim() : undefined;
    const d = diagnose({
      component,
      minor: Number(minor.split('.')[1]),
      lines: lines(readFileSync(`${file}.journal`, 'utf8'), unit),
      state: unitState(unit, { activeState: 'activating', subState: 'auto-restart', result: 'exit-code' }),
      etcdServers: [...SEED.etcdServers],
      clientCert: SEED.certs.controllerManagerCertFile,
      caFile: SEED.certs.caFile,
      ...(health ? { health } : {}),
    });
    expect(d.cause, d.evidence).toBe(cause);
    if (params) expect(d.params).toMatchObject(params);
    for (const t of [en, zh]) {
      expect(causeText(d, t)).not.toMatch(/\{\w+\}/);
      expect(fixText(d, t)).not.toMatch(/\{\w+\}/);
    }
  });
});
