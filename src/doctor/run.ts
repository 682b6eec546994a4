import { type AdoptResult, adoptFromDisk } from '../adopt/index.js';
import { toLogLine } from '../apply/klog.js';
import type { UnitState } from '../host/systemd.js';
import type { Translate } from '../i18n/index.js';
import type { Answers } from '../model/answers.js';
import { COMPONENT_FILES, COMPONENTS, type Component } from '../model/components.js';
import type { FieldProblem } from '../model/issues.js';
import { KUBECONFIG_LAYOUT_FROM } from '../model/layout.js';
import { parseAnswers } from '../model/parse-answers.js';
import { parseMinor } from '../model/version.js';
import { etcdCheckName } from '../preflight/checks-etcd.js';
import type { PreflightReport } from '../preflight/types.js';
import { collectStatus } from '../status/collect.js';
import type { StatusReport } from '../status/types.js';
import { checkFindings, runDoctorChecks } from './checks.js';
import {
  type ApiserverUrlContext,
  apiserverUrlFindings,
  bracedFindings,
  fileProblemFindings,
  serviceCidrFinding,
} from './files.js';
import { flagFindings } from './flags.js';
import { askBinaries, type ComponentRead, lastFlag, readSources } from './read.js';
import type { ComponentFacts, DoctorHost, DoctorReport, Finding } from './types.js';
import { needsJournal, unitFindings } from './units.js';

/**
 * `kmaster-wizard doctor`: reads the master as it is — the units and EnvironmentFiles
 * (adopt), the binaries' versions, each unit's state and journal, the certificates, keys,
 * kubeconfigs and etcd members (the preflight checks), the status table — and says what is
 * wrong, with the evidence, the cause and the fix. It writes nothing and touches no unit.
 */
export interface DoctorOptions {
  /** '/' on the master; a directory standing for it in tests */
  root?: string;
  t: Translate;
  /** answers for what the files cannot say (the load balancer, the HA front), from --answers, --profile, --set */
  given?: Answers;
}

/** How many of a unit's newest journal lines are read for its diagnosis. */
export const JOURNAL_LINES = 80;

/**
 * The answers the files hold, plus what only given answers can say: the load balancer's
 * addresses and the HA front (its VIP and port). When those do not fit the files (the HA
 * masters naming another advertise address), the files' answers alone. A value the answers
 * cannot hold is left at the seed's default (adopt lists it); null when even the must-change
 * fields cannot be read.
 */
function answersFrom(
  adopted: AdoptResult,
  given: Answers | undefined,
): { answers: Answers | null; misfit: FieldProblem[] } {
  const files = (adopted.answers ?? {}) as Record<string, unknown>;
  if (!given) return { answers: lenient(files), misfit: [] };
  const front = { loadBalancer: given.loadBalancer, ...(given.ha ? { ha: given.ha } : {}) };
  const both = lenient({ ...files, ...front });
  if (both) return { answers: both, misfit: [] };
  const alone = lenient(files);
  // what made the given answers not fit, when the files alone are fine
  const refused = parseAnswers({ ...files, ...front });
  const misfit =
    alone && !refused.ok ? refused.problems.filter((p) => /^(ha|loadBalancer)\b/.test(p.field)) : [];
  return { answers: alone, misfit };
}

/** The answers, without each value the schema refuses; null when that is not enough. */
function lenient(raw: Record<string, unknown>): Answers | null {
  let input = raw;
  for (;;) {
    const parsed = parseAnswers(input);
    if (parsed.ok) return parsed.answers;
    input = structuredClone(input);
    // each refused value goes; a round that removes nothing (a required one is missing) ends it
    if (!parsed.problems.map((p) => drop(input, p.field.split('.'))).includes(true)) return null;
  }
}

/** Removes the value at a dotted path (a list as a whole); false when there was none. */
function drop(node: Record<string, unknown>, path: string[]): boolean {
  const [key, ...rest] = path;
  if (key === undefined || !(key in node)) return false;
  const value = node[key];
  if (rest.length === 0 || Array.isArray(value) || value === null || typeof value !== 'object') {
    delete node[key];
    return true;
  }
  return drop(value as Record<string, unknown>, rest);
}

/**
 * The version the certificate and kubeconfig checks judge by: the files' own layout (so they
 * need not wait for the binaries). Seed-style files (--master) are checked as before 1.20 even
 * under a newer binary — that mismatch is a flag finding — and kubeconfig-style files as 1.20
 * or later; the version kmaster-wizard's banner names, within that.
 */
function checksMinorOf(reads: readonly ComponentRead[], banner: string | undefined) {
  const kubeconfig = reads.some((r) => r.component !== 'kube-apiserver' && lastFlag(r, '--kubeconfig'));
  const base = (banner ? parseMinor(banner) : null) ?? KUBECONFIG_LAYOUT_FROM - 1;
  return kubeconfig ? Math.max(base, KUBECONFIG_LAYOUT_FROM) : Math.min(base, KUBECONFIG_LAYOUT_FROM - 1);
}

function balancerOf(a: Answers | null): { hosts: string[]; port: number | null } {
  if (!a) return { hosts: [], port: null };
  return {
    hosts: [...a.loadBalancer.addresses, ...(a.ha ? [a.ha.vip] : []), ...a.loadBalancer.names],
    port: a.ha?.port ?? null,
  };
}

/** The component's row of the status table says it is not healthy: its message. */
function unhealthyMessage(status: StatusReport | null, component: Component): string | undefined {
  const row = status?.rows.find((r) => r.kind === component);
  return row && row.health !== 'healthy' ? row.message : undefined;
}

/** etcd members the status table finds unhealthy that no member check reported already. */
function etcdRowFindings(a: Answers, status: StatusReport, checks: PreflightReport): Finding[] {
  const failed = new Set(checks.checks.filter((c) => c.status === 'fail').map((c) => c.name));
  return a.etcdServers.flatMap((server, i): Finding[] => {
    const row = status.rows.filter((r) => r.kind === 'etcd')[i];
    if (!row || row.health === 'healthy' || failed.has(etcdCheckName(server))) return [];
    return [
      {
        kind: 'check',
        severity: 'error',
        subject: etcdCheckName(server),
        what: { key: 'doctor.etcd.unhealthy', params: { name: row.name, message: row.message } },
        evidence: [],
        fix: [{ key: 'doctor.fix.etcd', params: { url: server } }],
      },
    ];
  });
}

/** What the answers could not be made of: given answers that do not fit, or the files themselves. */
function answerFindings(answers: Answers | null, misfit: readonly FieldProblem[]): Finding[] {
  const findings: Finding[] = misfit.map((problem) => ({
    kind: 'files',
    severity: 'warning',
    subject: problem.field,
    what: { problem },
    evidence: [],
    cause: { key: 'doctor.given.leftOut' },
    fix: [{ key: 'doctor.fix.given' }],
  }));
  if (!answers)
    findings.push({
      kind: 'files',
      severity: 'error',
      subject: 'answers',
      what: { key: 'doctor.files.noAnswers' },
      evidence: [],
      fix: [{ key: 'doctor.fix.files.noAnswers' }],
    });
  return findings;
}

/** What each component's files and binary say: its flags, `${VAR}`, the apiserver it uses; the CIDR. */
async function fileFindings(
  reads: readonly ComponentRead[],
  ctx: Omit<ApiserverUrlContext, 'apiserverMinor'>,
): Promise<Finding[]> {
  const apiserverMinor = reads.find((r) => r.component === 'kube-apiserver')?.minor ?? null;
  const findings: Finding[] = [];
  for (const read of reads) {
    if (read.minor !== null) {
      const envFile = read.source.envFiles[0]?.target ?? null;
      const { component, flags, minor, takes } = read;
      findings.push(...flagFindings({ component, flags, minor, envFile, takes }));
    }
    findings.push(...bracedFindings(read));
    findings.push(...(await apiserverUrlFindings(read, { ...ctx, apiserverMinor })));
  }
  const cidr = serviceCidrFinding(reads);
  return cidr ? [...findings, cidr] : findings;
}

interface UnitsInput {
  reads: readonly ComponentRead[];
  units: readonly string[];
  states: readonly (UnitState | null)[];
  status: StatusReport | null;
  etcdServers: readonly string[];
  host: DoctorHost;
}

/** Each unit's state, with its journal read where it is not running as it should. */
async function unitSection(x: UnitsInput): Promise<{ findings: Finding[]; components: ComponentFacts[] }> {
  const readOf = (c: Component) => x.reads.find((r) => r.component === c);
  const healths = COMPONENTS.map((c, i) =>
    x.states[i]?.activeState === 'active' ? unhealthyMessage(x.status, c) : undefined,
  );
  // the journals of the units that need one, all at once
  const journals = await Promise.all(
    x.units.map((unit, i) =>
      needsJournal(x.states[i]!, healths[i] !== undefined)
        ? x.host.journalTail(unit, 0, JOURNAL_LINES).catch(() => [])
        : [],
    ),
  );
  const findings: Finding[] = [];
  const components = COMPONENTS.map((component, i): ComponentFacts => {
    const unit = x.units[i]!;
    const state = x.states[i]!;
    const read = readOf(component);
    const health = healths[i];
    const unitFile = read?.source.unit?.target ?? null;
    findings.push(
      ...unitFindings({
        component,
        unit,
        unitFile,
        state,
        lines: journals[i]!.map((e, n) => toLogLine(unit, e, n)),
        minor: read?.minor ?? null,
        etcdServers: x.etcdServers,
        ...(health === undefined ? {} : { health }),
      }),
    );
    const version = read?.version;
    return {
      component,
      unit,
      unitFile,
      envFiles: read?.source.envFiles.map((f) => f.target) ?? [],
      binary: read?.source.binary ?? null,
      version: version?.ok ? version.version : null,
      ...(version && !version.ok ? { versionError: version.error } : {}),
      state,
    };
  });
  return { findings, components };
}

/** The failed checks; a kubeconfig pointing elsewhere is said once, by the own-apiserver finding. */
function checkSection(checks: PreflightReport, earlier: readonly Finding[]): Finding[] {
  const own = new Set(earlier.filter((f) => f.kind === 'own-apiserver').map((f) => f.subject));
  return checkFindings(checks).filter(
    (f) =>
      !(
        'key' in f.what &&
        f.what.key === 'preflight.kubeconfig.server' &&
        own.has(`kube-${f.subject.replace(/^Kubeconfig-/, '')}`)
      ),
  );
}

export async function runDoctor(host: DoctorHost, opts: DoctorOptions): Promise<DoctorReport | null> {
  const root = opts.root ?? '/';
  const units = COMPONENTS.map((c) => COMPONENT_FILES[c].unit);
  const [adopted, sources, states] = await Promise.all([
    adoptFromDisk(root),
    readSources(root),
    Promise.all(units.map((u): Promise<UnitState | null> => host.unitState(u).catch(() => null))),
  ]);
  if (adopted.files.length === 0 && adopted.problems.length === 0) return null;
  const { answers, misfit } = answersFrom(adopted, opts.given);
  // the checks go while the binaries are asked
  const checksMinor = checksMinorOf(sources, adopted.version);
  const checking = answers ? runDoctorChecks(answers, checksMinor, host) : Promise.resolve(null);
  const reads = await askBinaries(sources, host);
  const apiserverMinor = reads.find((r) => r.component === 'kube-apiserver')?.minor ?? null;

  // the status table shows the unit states the findings are made from
  const statusHost = {
    ...host,
    unitState: async (unit: string) => states[units.indexOf(unit)] ?? host.unitState(unit),
  };
  const [checks, status] = await Promise.all([
    checking,
    answers
      ? collectStatus({ answers, minor: apiserverMinor ?? checksMinor, host: statusHost, t: opts.t })
      : null,
  ]);

  const findings = [
    ...fileProblemFindings(adopted.problems),
    ...answerFindings(answers, misfit),
    ...(await fileFindings(reads, {
      root,
      addresses: host.addresses().map((x) => x.address),
      balancer: balancerOf(answers),
      answers,
    })),
  ];
  const etcdServers = answers?.etcdServers ?? [];
  const unitsRead = await unitSection({ reads, units, states, status, etcdServers, host });
  findings.push(...unitsRead.findings);
  if (checks) findings.push(...checkSection(checks, findings));
  if (answers && status && checks) findings.push(...etcdRowFindings(answers, status, checks));
  return { files: adopted.files, components: unitsRead.components, findings, status };
}
