import { parse as parseYaml } from 'yaml';
import { readTextUnder } from '../host/read-tree.js';
import type { Answers } from '../model/answers.js';
import { QUIET_YAML } from '../model/answers-file.js';
import { COMPONENT_FILES, type Component } from '../model/components.js';
import type { FieldProblem } from '../model/issues.js';
import { KUBECONFIG_LAYOUT_FROM, localApiserverUrl } from '../model/layout.js';
import { SEED_INSECURE_MASTER } from '../model/seed.js';
import { parseIp } from '../model/values.js';
import { minorString } from '../model/version.js';
import { envOf, splitWords } from '../parse/envfile.js';
import { BRACED_VARIABLE, execStartWords } from '../parse/unit.js';
import { currentContext, type Rec } from '../preflight/kubeconfig.js';
import { evidenceOf, rewriteFix } from './evidence.js';
import { type ComponentRead, lastFlag } from './read.js';
import type { Evidence, Finding, Severity } from './types.js';

/**
 * What the unit files and EnvironmentFiles themselves get wrong, whatever the binary: `${VAR}`
 * in ExecStart, a service CIDR that differs between apiserver and controller-manager, a
 * controller-manager or scheduler that does not talk to this master's own apiserver, and what
 * adopt found it cannot run as written.
 */

/** `${NAME}` whose value has several words: systemd passes them on as one argument. */
export function bracedFindings(read: ComponentRead): Finding[] {
  const unit = read.source.unit;
  if (!unit) return [];
  const env = envOf(read.source.envFiles.map((f) => f.content).join('\n'));
  const lines = unit.content.split('\n');
  const findings: Finding[] = [];
  for (const word of execStartWords(unit.content)) {
    const name = BRACED_VARIABLE.exec(word)?.[1];
    if (!name) continue;
    const words = splitWords(env.get(name) ?? '');
    if (words.length < 2) continue;
    const at = lines.findIndex((l) => l.includes(word));
    const unitName = COMPONENT_FILES[read.component].unit;
    findings.push({
      kind: 'braced-variable',
      severity: 'error',
      subject: read.component,
      what: {
        key: 'doctor.braced.what',
        params: { file: unit.target, word, name, count: words.length, first: words[0]! },
      },
      evidence: [
        { file: unit.target, ...(at >= 0 ? { line: at + 1 } : {}), text: lines[at]?.trim() ?? word },
      ],
      cause: { key: 'doctor.braced.cause', params: { word, plain: `$${name}` } },
      fix: [
        { key: 'doctor.fix.braced', params: { file: unit.target, word, plain: `$${name}`, line: at + 1 } },
        { key: 'doctor.fix.reloadRestart', params: { unit: unitName } },
      ],
    });
  }
  return findings;
}

/** The apiserver's --service-cluster-ip-range and the controller-manager's are one range. */
export function serviceCidrFinding(reads: readonly ComponentRead[]): Finding | null {
  const of = (c: Component) =>
    lastFlag(
      reads.find((r) => r.component === c),
      '--service-cluster-ip-range',
    );
  const api = of('kube-apiserver');
  const cm = of('kube-controller-manager');
  if (!api || !cm || api.value === cm.value) return null;
  return {
    kind: 'service-cidr',
    severity: 'error',
    subject: 'kube-controller-manager',
    what: { key: 'doctor.cidr.what', params: { apiserver: api.value ?? '', cm: cm.value ?? '' } },
    evidence: [evidenceOf(api), evidenceOf(cm)],
    cause: { key: 'doctor.cidr.cause' },
    fix: [
      {
        key: 'doctor.fix.cidr',
        params: { range: api.value ?? '', file: cm.file, line: cm.line ?? '?' },
      },
      { key: 'doctor.fix.reloadRestart', params: { unit: COMPONENT_FILES['kube-controller-manager'].unit } },
    ],
  };
}

export interface ApiserverUrlContext {
  root: string;
  /** this host's addresses */
  addresses: readonly string[];
  /**
   * the load balancer's addresses and names and the VIP, and the port haproxy listens on
   * (on every master), when the answers give them
   */
  balancer: { hosts: readonly string[]; port: number | null };
  /** the minor version of the apiserver's binary */
  apiserverMinor: number | null;
  answers: Answers | null;
}

interface UsedUrl {
  url: string;
  evidence: Evidence;
}

/** The apiserver a controller-manager or scheduler talks to: --master, else its kubeconfig's server. */
async function usedUrl(read: ComponentRead, root: string): Promise<UsedUrl | null> {
  const master = lastFlag(read, '--master');
  if (master?.value) return { url: master.value, evidence: evidenceOf(master) };
  const path = lastFlag(read, '--kubeconfig')?.value;
  if (!path) return null;
  const file = await readTextUnder(root, path).catch(() => null);
  if (!file) return null;
  let doc: unknown;
  try {
    doc = parseYaml(file.content, QUIET_YAML);
  } catch {
    return null;
  }
  if (!doc || typeof doc !== 'object') return null;
  const server = currentContext(doc as Rec).cluster?.server;
  if (typeof server !== 'string') return null;
  const at = file.content.split('\n').findIndex((l) => l.includes(server));
  return {
    url: server,
    evidence: { file: file.target, ...(at >= 0 ? { line: at + 1 } : {}), text: `server: ${server}` },
  };
}

const norm = (host: string) => parseIp(host)?.toString() ?? host.toLowerCase();

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  const ip = parseIp(host);
  return ip !== null && ip.range() === 'loopback';
}

/**
 * The seed's SLB lesson: controller-manager and scheduler talk to their own master's
 * apiserver, never through a load balancer (a layer-4 balancer cannot reach itself from a
 * backend) nor another master; and from 1.20 not over the insecure port, which is gone.
 */
export async function apiserverUrlFindings(
  read: ComponentRead,
  ctx: ApiserverUrlContext,
): Promise<Finding[]> {
  if (read.component === 'kube-apiserver') return [];
  const used = await usedUrl(read, ctx.root);
  if (!used) return [];
  let url: URL;
  try {
    url = new URL(used.url);
  } catch {
    return [];
  }
  const host = norm(url.hostname.replace(/^\[|\]$/g, ''));
  const component = read.component;
  const unit = COMPONENT_FILES[component].unit;
  const minor = ctx.apiserverMinor;
  const own = ctx.answers
    ? minor !== null && minor < KUBECONFIG_LAYOUT_FROM
      ? SEED_INSECURE_MASTER
      : localApiserverUrl(ctx.answers)
    : SEED_INSECURE_MASTER;
  const findings: Finding[] = [];
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const balancer = ctx.balancer.hosts.map(norm).includes(host) || port === ctx.balancer.port;
  const local = isLoopback(host) || ctx.addresses.map(norm).includes(host);
  if (balancer || !local) {
    findings.push({
      kind: 'own-apiserver',
      severity: 'error',
      subject: component,
      what: {
        key: balancer ? 'doctor.own.balancer' : 'doctor.own.remote',
        params: { component, url: used.url },
      },
      evidence: [used.evidence],
      cause: { key: 'doctor.own.cause' },
      fix: [
        { key: 'doctor.fix.own', params: { component, url: own } },
        { key: 'doctor.fix.reloadRestart', params: { unit } },
      ],
    });
  }
  if (url.protocol === 'http:' && minor !== null && minor >= KUBECONFIG_LAYOUT_FROM) {
    const version = minorString(minor);
    findings.push({
      kind: 'insecure-port',
      severity: 'error',
      subject: component,
      what: { key: 'doctor.insecure.what', params: { component, url: used.url, version } },
      evidence: [used.evidence],
      cause: { key: 'doctor.insecure.cause', params: { from: minorString(KUBECONFIG_LAYOUT_FROM) } },
      fix: [rewriteFix(version, false), { key: 'doctor.fix.issueCerts' }],
    });
  }
  return findings;
}

/** What adopt found that systemd or the binary cannot run as written, with its fix. */
const PROBLEM_FIX = {
  'adopt.expect.once': { severity: 'warning', fix: 'doctor.fix.files.once' },
  'adopt.expect.flag': { severity: 'error', fix: 'doctor.fix.files.stray' },
  'adopt.expect.binary': { severity: 'warning', fix: 'doctor.fix.files.binary' },
  'adopt.expect.execStart': { severity: 'error', fix: 'doctor.fix.files.execStart' },
  'adopt.expect.envFile': { severity: 'error', fix: 'doctor.fix.files.envFile' },
  'adopt.expect.readable': { severity: 'error', fix: 'doctor.fix.files.readable' },
} as const satisfies Record<string, { severity: Severity; fix: string }>;

export function fileProblemFindings(problems: readonly FieldProblem[]): Finding[] {
  return problems.flatMap((p): Finding[] => {
    const known = PROBLEM_FIX[p.accepted.key as keyof typeof PROBLEM_FIX];
    if (!known) return [];
    const params = p.accepted.params ?? {};
    return [
      {
        kind: 'files',
        severity: known.severity,
        subject: String(params.component ?? p.field.split(' ')[0]),
        what: { problem: p },
        evidence: [],
        fix: [{ key: known.fix, params: { ...params, value: String(p.value ?? '') } }],
      },
    ];
  });
}
