import type { z } from 'zod';
import type { MessageKey, Params, Translate } from '../i18n/index.js';
import { shownText } from '../i18n/terminal-text.js';

/** What is accepted: a sentence and its parameters; `nested` parameters are sentences themselves. */
export interface Accepted {
  key: MessageKey;
  params?: Params;
  nested?: Record<string, { key: MessageKey; params?: Params }>;
}

/** A refused answer: which field, the value given, and what is accepted. */
export interface FieldProblem {
  /** dotted path: etcdServers.1, apiserver.eventTtl (the field's identity, not for display) */
  field: string;
  /** the keys and indexes leading to the field, as the file has them (absent: `field` is the name) */
  path?: (string | number)[];
  value: unknown;
  /** how the file writes the value when YAML read it as something else (`1.20` read as 1.2) */
  written?: string;
  accepted: Accepted;
}

/** How a file wrote each number, boolean or null (see answers-file.ts). */
export type WrittenLookup = (path: readonly PropertyKey[]) => string | undefined;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

const plainPath = (path: readonly PropertyKey[]): (string | number)[] =>
  path.map((p) => (typeof p === 'symbol' ? String(p) : p));

const TYPE_KEYS: Record<string, MessageKey> = {
  string: 'accept.type.string',
  number: 'accept.type.number',
  array: 'accept.type.array',
  object: 'accept.type.object',
};

/** What YAML made of an unquoted value, for the "put it in quotes" sentence. */
function readingOf(value: unknown): Accepted {
  if (typeof value === 'number') return { key: 'reading.number', params: { value: showValue(value) } };
  if (typeof value === 'boolean') return { key: 'reading.bool', params: { value: String(value) } };
  return { key: 'reading.null' };
}

function typeProblem(expected: string, value: unknown, written: string | undefined, root: boolean): Accepted {
  if (value === undefined) return { key: 'accept.required' };
  if (expected === 'boolean') return { key: 'accept.bool' };
  if (root && expected === 'object') return { key: 'accept.answersMapping' };
  // the most common YAML trap: 1.20 without quotes is the number 1.2
  if (expected === 'string' && written !== undefined && written !== '' && value !== undefined) {
    return {
      key: 'accept.quoted',
      params: { written },
      nested: { reading: readingOf(value) },
    };
  }
  const key = TYPE_KEYS[expected];
  return key ? { key } : { key: 'accept.type', params: { type: expected } };
}

export function problemsOf(error: z.ZodError, input: unknown, written?: WrittenLookup): FieldProblem[] {
  const out: FieldProblem[] = [];
  const problem = (path: readonly PropertyKey[], accepted: Accepted): FieldProblem => {
    const p = plainPath(path);
    const w = written?.(path);
    return {
      field: p.map(String).join('.') || '(answers)',
      path: p,
      value: valueAt(input, path),
      ...(w !== undefined ? { written: w } : {}),
      accepted,
    };
  };
  for (const issue of error.issues) {
    const path = issue.path;
    if (issue.code === 'custom' && issue.params && 'reason' in issue.params) {
      const reason = issue.params.reason as Accepted;
      const missing = valueAt(input, path) === undefined && reason.key.startsWith('accept.type');
      out.push(problem(path, missing ? { key: 'accept.required' } : reason));
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(problem([...path, key], { key: 'accept.knownKey' }));
    } else if (issue.code === 'invalid_type') {
      const value = valueAt(input, path);
      out.push(problem(path, typeProblem(String(issue.expected), value, written?.(path), path.length === 0)));
    } else if (issue.code === 'too_small' && issue.origin === 'array') {
      const min = Number(issue.minimum);
      out.push(
        problem(path, min === 1 ? { key: 'accept.listNonEmpty' } : { key: 'accept.list', params: { min } }),
      );
    } else {
      out.push(problem(path, { key: 'accept.documented' }));
    }
  }
  return out;
}

/** Longest value and key shown in a message; longer ones are cut. */
export const SHOWN_VALUE = 80;
export const SHOWN_KEY = 40;

/**
 * A value as a message shows it: text in quotes, numbers as YAML writes them (.inf, .nan),
 * anything from outside escaped (no control or bidi character reaches the terminal) and cut.
 */
export function showValue(value: unknown, written?: string): string {
  if (value === undefined) return '(missing)';
  if (written !== undefined && written !== '' && typeof value !== 'string')
    return shownText(written, SHOWN_VALUE);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return shownText(text, SHOWN_VALUE);
}

const PLAIN_KEY = /^[\x21-\x7e]+$/;

/** One key of a path as a message names it: plain keys as they are, others quoted, escaped and cut. */
function showKey(key: string | number, t: Translate): string {
  if (typeof key === 'number') return String(key);
  if (key === '') return t('invalid.emptyKey');
  if (PLAIN_KEY.test(key) && !/["\\.]/.test(key)) return shownText(key, SHOWN_KEY);
  return shownText(JSON.stringify(key), SHOWN_KEY);
}

/** The field as a message names it: apiserver.extraArgs.0, "x\n…", the empty key. */
export function showField(p: Pick<FieldProblem, 'path' | 'field'>, t: Translate): string {
  if (!p.path) return shownText(p.field, SHOWN_VALUE);
  if (p.path.length === 0) return t('invalid.root');
  return p.path.map((k) => showKey(k, t)).join('.');
}

export function acceptedText(a: Accepted, t: Translate): string {
  const params: Params = { ...a.params };
  for (const [name, sentence] of Object.entries(a.nested ?? {}))
    params[name] = t(sentence.key, sentence.params);
  return t(a.key, params);
}

/** The value of a problem as shown: empty values say so. */
export function shownProblemValue(p: FieldProblem, t: Translate): string {
  if (p.value === null && p.written === '') return t('invalid.emptyValue');
  return showValue(p.value, p.written);
}

/** The most problems listed; a file with more gets "… and N more". */
export const LISTED_PROBLEMS = 50;

/** One indented line per problem, at most LISTED_PROBLEMS of them. */
export function describeProblems(problems: readonly FieldProblem[], t: Translate): string[] {
  const lines = problems.slice(0, LISTED_PROBLEMS).map((p) => `  ${describeProblem(p, t)}`);
  if (problems.length > LISTED_PROBLEMS) {
    lines.push(`  ${t('invalid.more', { count: problems.length - LISTED_PROBLEMS })}`);
  }
  return lines;
}

export function describeProblem(p: FieldProblem, t: Translate): string {
  return t('invalid.field', {
    field: showField(p, t),
    value: shownProblemValue(p, t),
    accepted: acceptedText(p.accepted, t),
  });
}
