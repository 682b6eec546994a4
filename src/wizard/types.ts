import type { Key } from 'ink';
import type { ApplyController } from '../apply/controller.js';
import type { BinaryFact, MasterGap } from '../host/detect.js';
import type { MessageKey, Params } from '../i18n/index.js';
import type { Component } from '../model/components.js';
import type { FieldProblem } from '../model/issues.js';
import type { PreflightReport } from '../preflight/types.js';
import type { Draft } from './draft.js';
import type { EditOp } from './edit.js';

/**
 * The wizard's view of the world, shared by the machine (src/wizard) and the screens
 * (components/). Plain data only: the screens get these, never the host modules.
 */

/** The apply step hands over to the apply pipeline's screen on a master; it ends with the status table. */
export type StepId = 'start' | 'mustChange' | 'staysFixed' | 'ha' | 'preflight' | 'review' | 'apply' | 'save';

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
  /** with its prefix: 192.168.50.101/24 (null when unknown) */
  cidr?: string | null;
}

/** A kube binary: where it is, and the version it reported (or why it did not). */
export type BinaryView = BinaryFact;

export interface ProfileView {
  name: string;
  savedAt: string;
  advertiseAddress?: string;
  kubernetesVersion?: string;
}

/** Why the wizard works in the scratch directory: what keeps this host from being a master. */
export type ScratchReason = MasterGap;

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
  /**
   * the files "adopt" would read (a component's units and EnvironmentFiles, and their
   * kubeconfigs), as adopting reads them; null while they are being read
   */
  adoptFiles: string[] | null;
  /** null while the binaries are being asked for their version */
  binaries: BinaryView[] | null;
  /** null while the store is being read */
  profiles: ProfileView[] | null;
  profilesError: string | null;
  /** null until the binaries are known */
  mode: WorkMode | null;
  /** the version the apiserver binary reported */
  detectedVersion: string | null;
  /** kube units systemd has given up on or keeps restarting (on a master; absent until known) */
  failedUnits?: string[];
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

export type StartChoice = 'new' | 'profile' | 'adopt' | 'diagnose';

/** The screens of editable fields, where pressing Continue marks every refused value (marks.ts). */
export type TriedStep = 'mustChange' | 'ha' | 'staysFixed';

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
  /**
   * a line of a file's diff, without its sign (+, -, space); `changed`: the character ranges
   * [from, to) that differ from the line it replaces, or replaced (a word diff of the pair)
   */
  | { kind: 'hunk' | 'add' | 'del' | 'same'; text: string; changed?: [number, number][] }
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

/**
 * The checks and the version knowledge the machine needs once the user has left the start
 * screen. They pull in the answers schema (zod) and the flag table, so they are loaded after
 * the first frame and handed to the machine (see kit.ts).
 */
export interface Kit {
  /**
   * every refused value of the draft, by field (advertiseAddress, etcdServers.1, certs.caFile …);
   * with this host's addresses (on a master) also what does not fit this host
   */
  validate(draft: Draft, host?: readonly AddressView[] | null): ProblemMap;
  /** the address of this host to use instead of the draft's advertise address (Ctrl-T), if it is not this host's */
  hostAddress(draft: Draft, host: readonly AddressView[]): string | null;
  /** the stays-fixed list for the draft's version, grouped per component */
  fixedRows(draft: Draft): FixedRow[];
  /** the advanced values the draft's version uses, in the editor's order */
  advancedFields(draft: Draft): AdvancedUse[];
}

/** An advanced value the chosen version uses, and where it goes (`component --flag`, a kubeconfig). */
export interface AdvancedUse {
  id: string;
  carriers: string[];
}

/** A key the footer names, and what it does now: "Enter go on". */
export interface Hint {
  keys: string;
  label: MessageKey;
}

/** A key press as Ink reports it (tests and pasted text give only some of the fields). */
export type KeyLike = Partial<Key>;

/** What the machine reduces: keys and their meanings, and the results of the work it asked for. */
export type Event =
  | { type: 'KEY'; input: string; key: KeyLike }
  | { type: 'MOVE'; delta: number }
  /** the stays-fixed screen's advanced editor, opened from anywhere on that screen */
  | { type: 'OPEN_ADVANCED' }
  | { type: 'ACTIVATE' }
  | { type: 'BACK' }
  | { type: 'NEXT' }
  | { type: 'EDIT_STEP'; step: StepId }
  /** Ctrl-T: this host's address instead of another master's */
  | { type: 'USE_HOST_ADDRESS' }
  | { type: 'QUIT'; code: number }
  | { type: 'TYPE'; op: EditOp }
  | { type: 'CYCLE'; delta: number }
  | { type: 'REMOVE_ROW' }
  | { type: 'REORDER'; delta: number }
  | { type: 'SCROLL'; delta: number }
  | { type: 'RESIZE'; columns: number; rows: number }
  | { type: 'HOST'; host: Partial<HostView> }
  | { type: 'KIT'; kit: Kit }
  | { type: 'BEGUN'; id: number; payload: BegunPayload }
  | { type: 'PLANNED'; id: number; review: ReviewDoc }
  | { type: 'PREFLIGHTED'; id: number; report: PreflightReport }
  | { type: 'WRITTEN'; id: number; result: WriteResult }
  | { type: 'APPLY_READY'; id: number; controller: ApplyController }
  | { type: 'APPLY_FINISHED'; outcome: ApplyOutcome }
  | { type: 'SAVED'; id: number; name: string }
  | { type: 'FAILED'; id: number; notice: Notice };
