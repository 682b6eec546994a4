import type { MessageKey, Params } from '../i18n/index.js';
import type { Answers } from '../model/answers.js';
import type { CheckHost } from './host.js';

/**
 * Preflight checks as data, in kubeadm's manner: each has a name (what
 * --ignore-preflight-errors takes), a severity, and a run that looks at the answers and the
 * machine (through CheckHost only, which cannot write) and says pass, fail or skip with a message and, for a
 * failure, the fix in one line. Messages are i18n keys, so the report renders in either
 * language and serialises as JSON.
 */

export type Severity = 'error' | 'warning';
export type CheckStatus = 'pass' | 'fail' | 'skip' | 'ignored';

export type PreflightKey = Extract<MessageKey, `preflight.${string}`>;

/** A sentence: its key in the preflight catalogue and its parameters. */
export interface PreflightText {
  key: PreflightKey;
  params?: Params;
}

export interface CheckResult {
  name: string;
  severity: Severity;
  status: CheckStatus;
  message: PreflightText;
  fix?: PreflightText;
}

export interface PreflightReport {
  checks: CheckResult[];
}

/** What a check's run says; the runner adds the name and severity and applies the ignore list. */
export interface Outcome {
  status: 'pass' | 'fail' | 'skip';
  message: PreflightText;
  fix?: PreflightText;
}

export interface PreflightInput {
  answers: Answers;
  /** the Kubernetes minor version the answers are rendered for (13 for 1.13) */
  minor: number;
}

export interface Check {
  name: string;
  severity: Severity;
  run(ctx: CheckContext): Promise<Outcome>;
  /**
   * it waits on another process or machine (systemd, timedatectl, a binary, an etcd member):
   * started before the checks that only read local files, so that its answer comes back while
   * they run
   */
  early?: boolean;
}

export interface CheckContext {
  input: PreflightInput;
  host: CheckHost;
  /** '/' on the machine itself; else --root DIR, under which the files are read */
  root: string;
  /** false under --root: nothing about this machine (users, ports, etcd, clock) is checked */
  hostChecks: boolean;
  /** where a file of the master is read: the path itself, or under the root */
  target(path: string): string;
  /** memoised per run, so checks that share a file or a probe read it once */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
}

export const text = (key: PreflightKey, params?: Params): PreflightText =>
  params ? { key, params } : { key };

export const pass = (key: PreflightKey, params?: Params): Outcome => ({
  status: 'pass',
  message: text(key, params),
});
export const skip = (key: PreflightKey, params?: Params): Outcome => ({
  status: 'skip',
  message: text(key, params),
});
export const fail = (message: PreflightText, fix?: PreflightText): Outcome =>
  fix ? { status: 'fail', message, fix } : { status: 'fail', message };
