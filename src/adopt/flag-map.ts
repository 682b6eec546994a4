import { parse as parseYaml } from 'yaml';
import type { Answers } from '../model/answers.js';
import type { Component } from '../model/components.js';
import { type KubeconfigSpec, layoutFor } from '../model/layout.js';
import { parseAnswers } from '../model/parse-answers.js';
import { seedMustChangeAnswers } from '../model/seed.js';
import { MIN_MINOR, NEWEST_MINOR } from '../model/version.js';
import { renderKubeconfig } from '../render/kubeconfig.js';

/**
 * Which answers field each flag of the layout comes from (and each value of the kubeconfigs
 * it writes from 1.20), and how its text reads back into a value. Nothing here is a second
 * copy of the layout: it is found by rendering the seed's answers with the fields set to
 * probe values, for every supported version, and seeing where each probe lands and with
 * what text around it.
 * - a value holding one field is bound to it;
 * - a value no field changes is fixed (like `--master=http://127.0.0.1:8080`);
 * - a value made from several fields (the kubeconfig's server URL, from the bind address and
 *   the port) is derived: it is not read back, the next render computes it.
 */
export type ValueKind = 'string' | 'number' | 'boolean' | 'list';

export interface FlagBinding {
  component: Component;
  /** where the value is: a flag, or a value of the component's kubeconfig */
  source: 'flag' | 'kubeconfig';
  /** the flag name, or the dotted path inside the kubeconfig (users.0.user.client-key) */
  flag: string;
  /** answers path, like ['certs', 'caFile'] */
  path: string[];
  kind: ValueKind;
  /** text around the value (string, number, list) */
  prefix: string;
  suffix: string;
  /** list separator */
  separator: string;
  /** the flag's text for true and false (null: the flag alone) */
  whenTrue: string | null;
  whenFalse: string | null;
  /** what the layout writes with the seed's answers, for messages */
  example: string | null;
}

export interface FlagMap {
  /** by flagKey or kubeconfigKey */
  bindings: Map<string, FlagBinding[]>;
  /** values no field changes: every text the layout writes for them */
  fixed: Map<string, Set<string | null>>;
  /** values computed from several fields */
  derived: Set<string>;
}

export const flagKey = (component: Component, flag: string) => `${component} ${flag}`;
export const kubeconfigKey = (component: Component, path: string) => `${component} kubeconfig ${path}`;

type Leaf = { path: string[]; value: unknown };

/** The leaves of the answers (lists are leaves). */
function leaves(value: unknown, path: string[] = []): Leaf[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [{ path, value }];
}

/** The scalar values of a YAML document by dotted path (lists by index). */
export function documentValues(doc: unknown, path: string[] = [], out = new Map<string, string>()) {
  if (doc !== null && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) documentValues(v, [...path, k], out);
  } else if (doc !== null && doc !== undefined) {
    out.set(path.join('.'), String(doc));
  }
  return out;
}

function withValue(a: Answers, path: string[], value: unknown): Answers {
  const copy = structuredClone(a) as unknown as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = value;
  return copy as unknown as Answers;
}

const kubeconfigMemo = new Map<string, Map<string, string>>();

/** The values of the kubeconfig rendered from a spec (memoised: most probes do not change it). */
function kubeconfigValues(spec: KubeconfigSpec): Map<string, string> {
  const key = JSON.stringify(spec);
  let values = kubeconfigMemo.get(key);
  if (!values) {
    values = documentValues(parseYaml(renderKubeconfig(spec)));
    kubeconfigMemo.set(key, values);
  }
  return values;
}

/** Every value the layout writes in one version: flags, and the kubeconfigs' values. */
function valuesOf(a: Answers, minor: number): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const c of layoutFor(a, minor).components) {
    for (const v of c.vars) {
      if (v.commentedOut) continue;
      for (const f of v.flags) out.set(flagKey(c.component, f.name), f.value);
    }
    if (c.kubeconfig) {
      for (const [path, value] of kubeconfigValues(c.kubeconfig)) {
        out.set(kubeconfigKey(c.component, path), value);
      }
    }
  }
  return out;
}

function seedAnswers(): Answers {
  const parsed = parseAnswers(seedMustChangeAnswers());
  if (!parsed.ok) throw new Error('the seed answers do not pass the schema');
  return parsed.answers;
}

function kindOf(value: unknown): ValueKind | null {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'list' : null;
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return null;
}

type Valued = Exclude<ValueKind, 'boolean'>;
type Probed = Leaf & { kind: ValueKind };

/** A probe value for the leaf numbered n: unique, and no probe is part of another. */
function probeFor(kind: Valued, n: number): unknown {
  if (kind === 'string') return `kmwp${n}x`;
  if (kind === 'number') return 987650000 + n;
  return [`kmwp${n}a`, `kmwp${n}b`];
}

function tokensOf(kind: Valued, probe: unknown): string[] {
  return kind === 'list' ? (probe as string[]) : [String(probe)];
}

function around(text: string, token: string): [string, string] | null {
  const parts = text.split(token);
  return parts.length === 2 ? [parts[0]!, parts[1]!] : null;
}

/** The text around a probe in a value: where the field's value sits. */
function template(value: string, kind: Valued, probe: unknown) {
  if (kind !== 'list') {
    const parts = around(value, String(probe));
    return parts ? { prefix: parts[0], suffix: parts[1], separator: ',' } : null;
  }
  const [first, second] = probe as string[];
  const a = around(value, first!);
  const b = a && around(a[1], second!);
  return a && b ? { prefix: a[0], separator: b[0], suffix: b[1] } : null;
}

/**
 * Supported versions grouped by what the layout writes for the seed's answers: it changes
 * at a handful of versions, and one version of each group is enough to probe.
 */
function versionGroups(base: Answers): Array<{ minor: number; values: Map<string, string | null> }> {
  const groups = new Map<string, { minor: number; values: Map<string, string | null> }>();
  for (let minor = MIN_MINOR; minor <= NEWEST_MINOR; minor++) {
    const values = valuesOf(base, minor);
    const signature = JSON.stringify([...values]);
    if (!groups.has(signature)) groups.set(signature, { minor, values });
  }
  return [...groups.values()];
}

function derive(): FlagMap {
  kubeconfigMemo.clear();
  const base = seedAnswers();
  const bindings = new Map<string, FlagBinding[]>();
  const derived = new Set<string>();
  const add = (key: string, leaf: Probed, example: string | null, shape: Partial<FlagBinding>) => {
    const parts = key.split(' ');
    const list = bindings.get(key) ?? [];
    if (list.some((x) => x.path.join('.') === leaf.path.join('.'))) return;
    list.push({
      component: parts[0] as Component,
      source: parts.length === 3 ? 'kubeconfig' : 'flag',
      flag: parts.at(-1)!,
      path: leaf.path,
      kind: leaf.kind,
      prefix: '',
      suffix: '',
      separator: ',',
      whenTrue: null,
      whenFalse: null,
      example,
      ...shape,
    });
    bindings.set(key, list);
  };

  const probed: Probed[] = leaves(base).flatMap((leaf) => {
    if (leaf.path.at(-1) === 'extraArgs' || leaf.path[0] === 'kubernetesVersion') return [];
    const kind = kindOf(leaf.value);
    return kind ? [{ ...leaf, kind }] : [];
  });
  const valued = probed.filter((l) => l.kind !== 'boolean');
  const probes = valued.map((l, n) => probeFor(l.kind as Valued, n));
  let all = base;
  valued.forEach((l, n) => {
    all = withValue(all, l.path, probes[n]);
  });

  for (const { minor, values: baseValues } of versionGroups(base)) {
    // every valued field at once, each with its own probe
    for (const [key, value] of valuesOf(all, minor)) {
      if (value === null) continue;
      const found = valued
        .map((l, n) => ({ l, n }))
        .filter(({ l, n }) => tokensOf(l.kind as Valued, probes[n]).some((t) => value.includes(t)));
      if (found.length > 1) {
        derived.add(key);
        continue;
      }
      const [hit] = found;
      const shape = hit && template(value, hit.l.kind as Valued, probes[hit.n]);
      if (hit && shape) add(key, hit.l, baseValues.get(key) ?? null, shape);
    }
    // booleans one at a time: the text for each value
    for (const leaf of probed.filter((l) => l.kind === 'boolean')) {
      const flipped = valuesOf(withValue(base, leaf.path, !leaf.value), minor);
      for (const [key, value] of baseValues) {
        const other = flipped.get(key);
        if (other === undefined || other === value) continue;
        const [whenTrue, whenFalse] = leaf.value ? [value, other] : [other, value];
        add(key, leaf, value, { whenTrue, whenFalse });
      }
    }
  }
  for (const key of derived) bindings.delete(key);

  const fixed = new Map<string, Set<string | null>>();
  for (let minor = MIN_MINOR; minor <= NEWEST_MINOR; minor++) {
    for (const [key, value] of valuesOf(base, minor)) {
      if (bindings.has(key) || derived.has(key)) continue;
      const values = fixed.get(key) ?? new Set();
      values.add(value);
      fixed.set(key, values);
    }
  }
  kubeconfigMemo.clear();
  return { bindings, fixed, derived };
}

let cached: FlagMap | undefined;

/** The map, worked out once per process (some tens of milliseconds). */
export function flagMap(): FlagMap {
  cached ??= derive();
  return cached;
}

/** pflag's boolean words (Go's strconv.ParseBool). */
export function parseBool(text: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return null;
}

export type Decoded = { ok: true; value: unknown } | { ok: false };

/** The field's value from the text (null: the flag was given alone). */
export function decode(b: FlagBinding, text: string | null): Decoded {
  if (b.kind === 'boolean') {
    if (text === b.whenTrue) return { ok: true, value: true };
    if (text === b.whenFalse) return { ok: true, value: false };
    if (text === null) return { ok: true, value: true };
    const v = parseBool(text);
    return v === null ? { ok: false } : { ok: true, value: v };
  }
  if (text === null || text.length < b.prefix.length + b.suffix.length) return { ok: false };
  if (!text.startsWith(b.prefix) || !text.endsWith(b.suffix)) return { ok: false };
  const inner = text.slice(b.prefix.length, text.length - b.suffix.length);
  if (b.kind === 'string') return { ok: true, value: inner };
  if (b.kind === 'number') return /^\d+$/.test(inner) ? { ok: true, value: Number(inner) } : { ok: false };
  return { ok: true, value: inner === '' ? [] : inner.split(b.separator) };
}
