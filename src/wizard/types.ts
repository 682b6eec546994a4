import type { MessageKey, Params } from '../i18n/index.js';
import type { Component } from '../model/components.js';
import type { FieldProblem } from '../model/issues.js';
import type { Draft } from './draft.js';

/**
 * The wizard's view of the world, shared by the machine (src/wizard) and the screens
 * (components/). Plain data only: the screens get these, never the host modules.
 */

/** The apply step hands over to the apply pipeline's screen on a master; it ends with the status table. */
export type StepId = 'start' | 'mustChange' | 'staysFixed' | 'preflight' | 'review' | 'apply' | 'save';

export interface Message {
  key: MessageKey;
  params?: Params;
}

export interface Notice extends Message {
  tone: 'info' | 'warn' | 'error';
}

export interface AddressView {
  address: string;
  iface: string;
  internal: boolean;
}

export type BinaryView = { component: Component; path: string } & (
  | { found: false }
  | { found: true; version: string | null; error?: string }
);

export interface ProfileView {
  name: string;
  savedAt: string;
  advertiseAddress?: string;
  kubernetesVersion?: string;
}

export type ScratchReason = 'notRoot' | 'noSystemd' | 'noBinaries';

/** Where the files go: this master for real, a --root directory, or the scratch directory. */
export type WorkMode =
  | { kind: 'master' }
  | { kind: 'root'; root: string }
  | { kind: 'scratch'; root: string; reasons: ScratchReason[] };

export interface HostView {
  isRoot: boolean;
  systemd: boolean;
  addresses: AddressView[];
  files: { path: string; target: string }[];
  /** null while the binaries are being asked for their version */
  binaries: BinaryView[] | null;
  /** null while the store is being read */
  profiles: ProfileView[] | null;
  profilesError: string | null;
  /** null until the binaries are known */
  mode: WorkMode | null;
  /** the version the apiserver binary reported */
  detectedVersion: string | null;
}

/** Where the answers came from. */
export type Origin =
  | { kind: 'new' }
  | { kind: 'profile'; name: string }
  | {
      kind: 'adopt';
      files: string[];
      unknownFlags: { component: Component; flag: string }[];
      problems: FieldProblem[];
      version?: string;
    };

/** How the last run of the apply pipeline ended. */
export type ApplyOutcome = 'healthy' | 'failed' | 'cancelled';

export type StartChoice = 'new' | 'profile' | 'adopt';

export type ProblemMap = ReadonlyMap<string, FieldProblem>;

/** A flag of the stays-fixed list, with what the chosen version does to it. */
export interface FixedFlag {
  component: Component;
  flag: string;
  value: string | null;
  /** why it stays as the seed has it (a message key), or null for the user's own flags */
  why: MessageKey | null;
  mark: FixedMark | null;
  /** the user's own flag (kept from their files or profile) */
  own?: boolean;
}

export type FixedMark =
  | { kind: 'removed' | 'no-effect' | 'deprecated'; since: string }
  | { kind: 'added'; since: string }
  | { kind: 'renamed'; to: string; since: string }
  | { kind: 'unknown' };

export type FixedRow = { kind: 'group'; component: Component } | ({ kind: 'flag' } & FixedFlag);

/** One line of the review: a file header, a diff line, a backup, a command. */
export type ReviewLine =
  | {
      kind: 'file';
      path: string;
      target: string;
      action: 'create' | 'update' | 'mode' | 'unchanged';
      mode: string;
      oldMode?: string;
    }
  | { kind: 'backup'; path: string }
  | { kind: 'hunk' | 'add' | 'del' | 'same'; text: string }
  | { kind: 'dropped'; component: Component; flag: string; reason: string; since: string }
  | { kind: 'heading'; key: MessageKey; params?: Params }
  | { kind: 'cmd'; text: string }
  | { kind: 'blank' };

export interface ReviewDoc {
  lines: ReviewLine[];
  changed: number;
  /** the commands, as argument lists */
  commands: string[][];
}

export interface WriteResult {
  written: { path: string; target: string; action: string; backup?: string }[];
  commands: string[][];
  /** the commands were not run: --root, scratch, or no pipeline */
  root: string;
}

/** Work the shell does for the machine; each request has an id so it runs once. */
export type Request =
  | { id: number; kind: 'begin'; choice: StartChoice; profile?: string }
  | { id: number; kind: 'plan'; input: Record<string, unknown> }
  | { id: number; kind: 'preflight'; input: Record<string, unknown> }
  | { id: number; kind: 'write'; input: Record<string, unknown> }
  | { id: number; kind: 'apply'; input: Record<string, unknown> }
  | { id: number; kind: 'save'; name: string; input: Record<string, unknown> };

export interface BegunPayload {
  draft: Draft;
  origin: Origin;
  /** problems found while reading (adopted files that do not pass the checks) */
  notice?: Notice;
}
