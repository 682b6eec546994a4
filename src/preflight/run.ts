import { join } from 'node:path';
import { certificateChecks } from './checks-certs.js';
import { etcdChecks, timeSyncCheck } from './checks-etcd.js';
import { flagChecks } from './checks-flags.js';
import { haChecks } from './checks-ha.js';
import { keyChecks } from './checks-keys.js';
import { portChecks } from './checks-ports.js';
import { kernelChecks, systemChecks } from './checks-system.js';
import type { CheckHost } from './host.js';
import { kubeconfigChecks } from './kubeconfig.js';
import type { Check, CheckContext, CheckResult, Outcome, PreflightInput, PreflightReport } from './types.js';
import { text } from './types.js';

/**
 * The runner: every check for the answers and version, all at once (each file and each etcd
 * member is read or asked once, memoised), in a fixed order in the report; then the ignore
 * list (names case-insensitive, or `all`) turns failures into `ignored`, as kubeadm's
 * --ignore-preflight-errors does.
 */

export interface PreflightOptions {
  /** check names (any case), or 'all' */
  ignore: string[];
  /** --root DIR: files are read under it and nothing of this machine is checked */
  root?: string;
}

export function preflightChecks(input: PreflightInput): Check[] {
  const { answers: a, minor } = input;
  return [
    ...systemChecks(a, minor),
    ...flagChecks(a, minor),
    ...portChecks(a, minor),
    ...etcdChecks(a),
    timeSyncCheck(a),
    ...kernelChecks(),
    ...certificateChecks(a, minor),
    ...keyChecks(a, minor),
    ...kubeconfigChecks(minor),
    ...haChecks(a, minor),
  ];
}

export function makeCheckContext(input: PreflightInput, host: CheckHost, root = '/'): CheckContext {
  const memo = new Map<string, Promise<unknown>>();
  const onHost = root === '/';
  return {
    input,
    host,
    root,
    hostChecks: onHost,
    target: (path) => (onHost ? path : join(root, path)),
    memo<T>(key: string, make: () => Promise<T>): Promise<T> {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) {
        p = make();
        memo.set(key, p);
      }
      return p;
    },
  };
}

/** Names as given to --ignore-preflight-errors: split on commas, trimmed, lower-cased. */
export function normaliseIgnore(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
}

async function runOne(check: Check, ctx: CheckContext): Promise<Outcome> {
  try {
    return await check.run(ctx);
  } catch (error) {
    return {
      status: 'fail',
      message: text('preflight.crashed', { error: (error as Error).message ?? String(error) }),
    };
  }
}

export async function runPreflight(
  input: PreflightInput,
  host: CheckHost,
  opts: PreflightOptions,
): Promise<PreflightReport> {
  return runChecks(preflightChecks(input), makeCheckContext(input, host, opts.root ?? '/'), opts.ignore);
}

/** Runs the checks given, all at once, into a report in their order. */
export async function runChecks(
  checks: readonly Check[],
  ctx: CheckContext,
  ignoreList: readonly string[] = [],
): Promise<PreflightReport> {
  const ignore = new Set(normaliseIgnore(ignoreList));
  const all = ignore.has('all');
  // the checks that wait on another process or machine are started first: their answers come
  // back while the others read files; the report keeps the checks' order
  const outcomes: Outcome[] = new Array(checks.length);
  const order = [...checks.keys()].sort(
    (i, j) => Number(checks[j]!.early ?? false) - Number(checks[i]!.early ?? false),
  );
  await Promise.all(
    order.map(async (i) => {
      outcomes[i] = await runOne(checks[i]!, ctx);
    }),
  );
  return {
    checks: checks.map((c, i): CheckResult => {
      const o = outcomes[i]!;
      const ignored = o.status === 'fail' && (all || ignore.has(c.name.toLowerCase()));
      return {
        name: c.name,
        severity: c.severity,
        status: ignored ? 'ignored' : o.status,
        message: o.message,
        ...(o.fix ? { fix: o.fix } : {}),
      };
    }),
  };
}

/** Failed errors not ignored: apply stops when there is one. */
export function remainingErrors(report: PreflightReport): CheckResult[] {
  return report.checks.filter((c) => c.status === 'fail' && c.severity === 'error');
}

export function preflightPassed(report: PreflightReport): boolean {
  return remainingErrors(report).length === 0;
}

/** Names in the ignore list that no check of the report has (a typo, most likely). */
export function unknownIgnores(report: PreflightReport, ignore: readonly string[]): string[] {
  const names = new Set(report.checks.map((c) => c.name.toLowerCase()));
  return normaliseIgnore(ignore).filter((n) => n !== 'all' && !names.has(n));
}

export interface PreflightSummary {
  passed: number;
  errors: number;
  warnings: number;
  ignored: number;
  skipped: number;
}

export function summarise(report: PreflightReport): PreflightSummary {
  const s: PreflightSummary = { passed: 0, errors: 0, warnings: 0, ignored: 0, skipped: 0 };
  for (const c of report.checks) {
    if (c.status === 'pass') s.passed++;
    else if (c.status === 'skip') s.skipped++;
    else if (c.status === 'ignored') s.ignored++;
    else if (c.severity === 'error') s.errors++;
    else s.warnings++;
  }
  return s;
}
