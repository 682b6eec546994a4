import type { JournalEntry } from '../host/journal.js';
import type { UnitState } from '../host/systemd.js';
import type { MessageKey, Params } from '../i18n/index.js';
import type { Component } from '../model/components.js';
import type { FieldProblem } from '../model/issues.js';
import type { CheckHost } from '../preflight/host.js';
import type { StatusHost } from '../status/host.js';
import type { StatusReport } from '../status/types.js';

/**
 * What `kmaster-wizard doctor` finds on a master, as data: each finding says what is wrong,
 * the evidence (a file and line, or a journal line), the cause and the fix, as message keys,
 * so the report prints in either language and serialises as JSON.
 */

/** A sentence by its key; or a value the files hold that the answers cannot (adopt's words for it). */
export type Text = { key: MessageKey; params?: Params } | { problem: FieldProblem };

export type FindingKind =
  /** a flag the binary's version removed, or has not yet, or never had */
  | 'flag-removed'
  | 'flag-later'
  | 'flag-unknown'
  /** a flag the binary still accepts but ignores */
  | 'flag-no-effect'
  /** a flag the binary's version requires and the files lack */
  | 'flag-required'
  /** controller-manager or scheduler on the insecure port an apiserver of 1.20+ no longer serves */
  | 'insecure-port'
  /** controller-manager or scheduler talking to another apiserver than this master's own */
  | 'own-apiserver'
  /** `${VAR}` in ExecStart: the whole value as one argument */
  | 'braced-variable'
  /** the service CIDR differs between apiserver and controller-manager */
  | 'service-cidr'
  /** what the unit files and EnvironmentFiles say cannot be run as written */
  | 'files'
  /** a unit failed, restarting, inactive, not loaded or not enabled */
  | 'unit'
  /** a unit that runs but does not answer its health check */
  | 'unhealthy'
  /** a preflight check that fails: certificates, keys, kubeconfigs, etcd members, binaries */
  | 'check';

export type Severity = 'error' | 'warning';

export interface Evidence {
  /** the file, as read */
  file?: string;
  /** 1-based line of the file */
  line?: number;
  /** the unit whose journal the line is from */
  unit?: string;
  /** the line itself (of the file, or of the journal) */
  text: string;
}

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** what it is about: a component, a unit, or a preflight check's name */
  subject: string;
  what: Text;
  evidence: Evidence[];
  cause?: Text;
  /** the steps that fix it, in order */
  fix: Text[];
}

/** One component as found on this host. */
export interface ComponentFacts {
  component: Component;
  unit: string;
  /** where systemd takes the unit from; null when there is none */
  unitFile: string | null;
  envFiles: string[];
  /** the program ExecStart runs */
  binary: string | null;
  /** "1.24" from `BINARY --version`; null when it cannot tell */
  version: string | null;
  versionError?: string;
  state: UnitState | null;
}

export interface DoctorReport {
  /** the files read (units, EnvironmentFiles, kubeconfigs) */
  files: string[];
  components: ComponentFacts[];
  findings: Finding[];
  /** null when the files could not be read into answers, so no endpoint is known */
  status: StatusReport | null;
}

/**
 * What doctor reads of the machine. Nothing here writes: the checks' host cannot create a
 * file, and the unit and journal reads are `systemctl show` and `journalctl`.
 */
export interface DoctorHost extends CheckHost, StatusHost {
  journalTail(unit: string, sinceUsec: number, lines: number): Promise<JournalEntry[]>;
}
