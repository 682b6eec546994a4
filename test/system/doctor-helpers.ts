/**
 * What the doctor system tests share: the guide's hand-made install (test/fixtures/seed: units
 * in /lib and /usr/lib/systemd/system, EnvironmentFiles in /etc/kubernetes) written into a
 * sandbox and started the way the guide does it; a fingerprint of everything doctor must not
 * change (every file under /etc and the unit directories, and each unit's state); and waiting
 * until the units stop changing on their own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { UNIT_PROPERTIES } from '../../src/host/systemd.js';
import { type Master, shown, UNITS } from './apply-helpers.js';
import type { ExecResult, Sandbox } from './harness/sandbox.js';
import { sleep, waitUntil } from './harness/wait.js';

const FIXTURES = new URL('../fixtures/seed', import.meta.url).pathname;
export const ETCD_UNITS = ['etcd-101.service', 'etcd-102.service', 'etcd-1.service'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The guide's files, each where the guide puts it, then daemon-reload and enable --now in its order. */
export async function installSeedByHand(sandbox: Sandbox): Promise<void> {
  for (const file of filesUnder(FIXTURES)) {
    const path = `/${relative(FIXTURES, file)}`;
    await sandbox.writeFile(path, readFileSync(file), statSync(file).mode & 0o777);
  }
  const run = async (...args: string[]) => {
    const r = await sandbox.systemctl(...args);
    if (r.exitCode !== 0) throw new Error(`systemctl ${args.join(' ')}: ${r.stderr}`);
  };
  await run('daemon-reload');
  await run('enable', '--now', '--no-block', ...UNITS);
}

/** What `systemctl show` says of a unit for the wizard, and when it last changed state. */
const PROPERTIES = [...UNIT_PROPERTIES, 'ActiveEnterTimestampMonotonic', 'InactiveEnterTimestampMonotonic'];

/** Each kube and etcd unit's state, as `systemctl show` prints it. */
export async function unitStates(sandbox: Sandbox): Promise<string> {
  const r = await sandbox.exec([
    'systemctl',
    'show',
    ...PROPERTIES.flatMap((p) => ['-p', p]),
    ...UNITS,
    ...ETCD_UNITS,
  ]);
  if (r.exitCode !== 0) throw new Error(`systemctl show: ${r.stderr}`);
  return r.stdout;
}

/**
 * Everything doctor must leave as it is: the name, mode, owner and SHA-256 of every file
 * under /etc and the unit directories (a file created, removed, changed or chmod-ed shows),
 * and each unit's state.
 */
export async function fingerprint(sandbox: Sandbox): Promise<{ files: string; units: string }> {
  const r = await sandbox.exec([
    'sh',
    '-c',
    "find /etc /usr/lib/systemd/system -xdev \\( -type f -o -type l \\) -printf '%p %m %U:%G %l\\n' | sort; " +
      'find /etc /usr/lib/systemd/system -xdev -type f -print0 | sort -z | xargs -0 sha256sum',
  ]);
  if (r.exitCode !== 0) throw new Error(`fingerprint: ${r.stderr}`);
  return { files: r.stdout, units: await unitStates(sandbox) };
}

/** Waits until no kube unit is starting or restarting and their states hold still for a second. */
export async function settle(sandbox: Sandbox, timeoutMs = 60_000): Promise<string> {
  let last = '';
  return waitUntil(
    async () => {
      const now = await unitStates(sandbox);
      const moving = /ActiveState=(activating|deactivating|reloading)/.test(now);
      const same = now === last;
      last = now;
      if (moving || !same) {
        await sleep(1000);
        return null;
      }
      return now;
    },
    { timeoutMs, intervalMs: 200, what: 'the kube units to settle' },
  );
}

/** A finding of `doctor --json`, as the tests read it. */
export interface JsonFinding {
  kind: string;
  severity: 'error' | 'warning';
  subject: string;
  what: { text: string; key?: string; params?: Record<string, string | number> };
  evidence: { file?: string; line?: number; unit?: string; text: string; shown: string }[];
  cause?: { text: string };
  fix: { text: string }[];
}

export interface JsonReport {
  ok: boolean;
  files: string[];
  components: { component: string; version: string | null }[];
  findings: JsonFinding[];
}

/** The report of `doctor --json`, or an error that shows what it printed instead. */
export function reportOf(r: ExecResult): JsonReport {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON:\n${shown(r)}`);
  }
}

/** Each removed flag found: [component, flag, the version that removed it, where it is written]. */
export function removedFlags(findings: readonly JsonFinding[]): unknown[][] {
  return findings
    .filter((f) => f.kind === 'flag-removed')
    .map((f) => [f.subject, f.what.params?.flag, f.what.params?.removed, f.evidence[0]?.shown]);
}

/** `kmaster-wizard --lang LANG doctor ARGS` inside the sandbox. */
export function doctor(m: Master, ...args: string[]): Promise<ExecResult> {
  const lang = args[0] === 'zh' || args[0] === 'en' ? args.shift()! : 'en';
  return m.cliRun('--lang', lang, 'doctor', ...args);
}

/** Runs doctor and checks it changed nothing: the same fingerprint before and after. */
export async function doctorReadOnly(m: Master, ...args: string[]): Promise<ExecResult> {
  const before = await fingerprint(m.sandbox);
  const r = await doctor(m, ...args);
  const after = await fingerprint(m.sandbox);
  expect(after.files, 'files under /etc and the unit directories').toBe(before.files);
  expect(after.units, 'the state of every kube and etcd unit').toBe(before.units);
  return r;
}
