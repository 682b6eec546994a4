import type { z } from 'zod';
import type { MessageKey, Params, Translate } from '../i18n/index.js';
import type { Reason } from './values.js';

/** A refused answer: which field, the value given, and what is accepted. */
export interface FieldProblem {
  /** dotted path: etcdServers.1, apiserver.eventTtl */
  field: string;
  value: unknown;
  accepted: { key: MessageKey; params?: Params };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

export function problemsOf(error: z.ZodError, input: unknown): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path;
    const field = path.map(String).join('.') || '(answers)';
    if (issue.code === 'custom' && issue.params && 'reason' in issue.params) {
      const reason = issue.params.reason as Reason;
      out.push({ field, value: valueAt(input, path), accepted: reason });
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          field: [...path.map(String), key].join('.'),
          value: valueAt(input, [...path, key]),
          accepted: { key: 'accept.knownKey' },
        });
      }
    } else if (issue.code === 'invalid_type') {
      const value = valueAt(input, path);
      out.push({
        field,
        value,
        accepted:
          value === undefined
            ? { key: 'accept.required' }
            : issue.expected === 'boolean'
              ? { key: 'accept.bool' }
              : { key: 'accept.type', params: { type: String(issue.expected) } },
      });
    } else if (issue.code === 'too_small' && issue.origin === 'array') {
      out.push({
        field,
        value: valueAt(input, path),
        accepted: { key: 'accept.list', params: { min: Number(issue.minimum) } },
      });
    } else {
      out.push({
        field,
        value: valueAt(input, path),
        accepted: { key: 'accept.type', params: { type: issue.message } },
      });
    }
  }
  return out;
}

export function showValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function describeProblem(p: FieldProblem, t: Translate): string {
  return t('invalid.field', {
    field: p.field,
    value: showValue(p.value),
    accepted: t(p.accepted.key, p.accepted.params),
  });
}
