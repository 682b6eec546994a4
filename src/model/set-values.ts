import { parse as parseYaml } from 'yaml';
import { QUIET_YAML } from './answers-file.js';

/**
 * `--set KEY=VALUE`: one answer given on the command line, on top of an answers file or a
 * profile (`apply --profile m1 --set advertiseAddress=192.168.50.102`). KEY is a dotted path
 * into the answers (`ha.vip`, `etcdServers.2`, `apiserver.eventTtl`); the result is checked
 * by the same schema as a file, so a refused value names its field the same way.
 *
 * VALUE is text as typed, except: a whole number becomes a number (`securePort=6443`),
 * `true`/`false` a boolean, `[a, b]` a list (YAML's flow form); an empty value (or `null`)
 * removes the key, so that it takes its default again. `1.24` stays text (a version).
 */
export interface SetValue {
  /** the key as given: ha.vip */
  key: string;
  path: (string | number)[];
  /** undefined: remove the key */
  value: unknown;
}

/** A set that cannot apply: its path runs through a single value or past the end of a list. */
export interface PathProblem {
  kind: 'path';
  key: string;
  at: string;
}

export type SetProblem =
  | { kind: 'syntax'; given: string }
  | { kind: 'key'; given: string; key: string }
  | { kind: 'value'; given: string; key: string; error: string }
  | PathProblem;

const SEGMENT = /^(?:[A-Za-z][A-Za-z0-9_-]*|\d{1,4})$/;

function typedValue(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '' || t === 'null' || t === '~') return { ok: true, value: undefined };
  if (/^\d{1,15}$/.test(t)) return { ok: true, value: Number(t) };
  if (t === 'true' || t === 'false') return { ok: true, value: t === 'true' };
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      return { ok: true, value: parseYaml(t, QUIET_YAML) };
    } catch (error) {
      return { ok: false, error: (error as Error).message.split('\n')[0]! };
    }
  }
  return { ok: true, value: text };
}

/** One `KEY=VALUE` as given after --set. */
export function parseSet(given: string): SetValue | SetProblem {
  const eq = given.indexOf('=');
  if (eq <= 0) return { kind: 'syntax', given };
  const key = given.slice(0, eq).trim();
  const segments = key.split('.');
  if (!segments.every((s) => SEGMENT.test(s)) || /^\d/.test(segments[0]!)) {
    return { kind: 'key', given, key };
  }
  const parsed = typedValue(given.slice(eq + 1));
  if (!parsed.ok) return { kind: 'value', given, key, error: parsed.error };
  return {
    key,
    path: segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    value: parsed.value,
  };
}

export function parseSets(
  given: readonly string[],
): { ok: true; sets: SetValue[] } | { ok: false; problems: SetProblem[] } {
  const sets: SetValue[] = [];
  const problems: SetProblem[] = [];
  for (const g of given) {
    const r = parseSet(g);
    if ('kind' in r) problems.push(r);
    else sets.push(r);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, sets };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  return v;
}

/**
 * The raw answers with every set applied in order (the input is not changed). A number in
 * the path indexes a list (at most one past its end, which appends); a path that runs
 * through a value that is not an object or a list is a problem naming where.
 */
export function applySets(
  raw: unknown,
  sets: readonly SetValue[],
): { ok: true; raw: Record<string, unknown> } | { ok: false; problem: PathProblem } {
  const root = (isObject(raw) ? clone(raw) : {}) as Record<string, unknown>;
  for (const set of sets) {
    let node: unknown = root;
    for (let i = 0; i < set.path.length - 1; i++) {
      const seg = set.path[i]!;
      const next = set.path[i + 1]!;
      const container = node as Record<string | number, unknown>;
      let child = container[seg];
      if (child === undefined || child === null) {
        if (set.value === undefined) {
          node = undefined;
          break;
        }
        child = typeof next === 'number' ? [] : {};
        if (!place(container, seg, child)) return { ok: false, problem: at(set, i) };
      }
      const fits = typeof next === 'number' ? Array.isArray(child) : isObject(child);
      if (!fits) return { ok: false, problem: at(set, i + 1) };
      node = child;
    }
    if (node === undefined) continue;
    const last = set.path.at(-1)!;
    if (set.value === undefined) {
      if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
      else if (isObject(node) && typeof last === 'string') delete node[last];
      continue;
    }
    if (!place(node as Record<string | number, unknown>, last, set.value)) {
      return { ok: false, problem: at(set, set.path.length) };
    }
  }
  return { ok: true, raw: root };
}

function place(container: Record<string | number, unknown>, seg: string | number, value: unknown): boolean {
  if (Array.isArray(container)) {
    if (typeof seg !== 'number' || seg > container.length) return false;
    container[seg] = value;
    return true;
  }
  if (typeof seg === 'number') return false;
  container[seg] = value;
  return true;
}

function at(set: SetValue, depth: number): PathProblem {
  return { kind: 'path', key: set.key, at: set.path.slice(0, depth).join('.') || set.key };
}

/** Whether a field of a problem (dotted) is the set key or lies under it, or above it. */
export function touches(field: string, key: string): boolean {
  return field === key || field.startsWith(`${key}.`) || key.startsWith(`${field}.`);
}
