import { type Answers, answersSchema } from './answers.js';
import { ANSWERS_SECTION, COMPONENTS } from './components.js';
import { type FieldProblem, problemsOf, type WrittenLookup } from './issues.js';
import { ownFlags } from './layout.js';

export type AnswersResult = { ok: true; answers: Answers } | { ok: false; problems: FieldProblem[] };

/** What reading a file found besides the raw answers (see answers-file.ts). */
export interface ReadNotes {
  written?: WrittenLookup;
  /** fields already refused while reading: the checks say nothing more about them */
  problems?: FieldProblem[];
}

const within = (field: string, outer: string) =>
  outer === '(answers)' || field === outer || field.startsWith(`${outer}.`);

/** Checks answers (from a file, a profile or the wizard) and applies the seed's defaults. */
export function parseAnswers(input: unknown, read: ReadNotes = {}): AnswersResult {
  const result = answersSchema.safeParse(input);
  const early = read.problems ?? [];
  const later = result.success ? ownFlagProblems(result.data) : problemsOf(result.error, input, read.written);
  if (result.success && early.length === 0 && later.length === 0) return { ok: true, answers: result.data };
  const problems = [...early, ...later.filter((p) => !early.some((e) => within(p.field, e.field)))];
  return {
    ok: false,
    problems: problems.map((p) => (p.accepted.key === 'accept.quoted' ? asText(input, p) : p)),
  };
}

function withValueAt(input: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(input) ? [...input] : { ...(input as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withValueAt(copy[head], rest, value);
  return copy;
}

/**
 * A text field that YAML read as a number, boolean or null: would the field take the value
 * as written, in quotes? Then the problem says to quote it; else it says what the field
 * accepts (`advertiseAddress: 5` is not an address, quoted or not).
 */
function asText(input: unknown, p: FieldProblem): FieldProblem {
  if (!p.path || p.written === undefined) return p;
  const again = answersSchema.safeParse(withValueAt(input, p.path, p.written));
  const own = again.success ? undefined : problemsOf(again.error, input).find((q) => q.field === p.field);
  return own ? { ...p, accepted: own.accepted } : p;
}

/** Extra arguments that repeat a flag the layout sets itself: each has its own field instead. */
function ownFlagProblems(a: Answers): FieldProblem[] {
  if (COMPONENTS.every((c) => a[ANSWERS_SECTION[c]].extraArgs.length === 0)) return [];
  const own = ownFlags(a);
  return COMPONENTS.flatMap((c) =>
    a[ANSWERS_SECTION[c]].extraArgs.flatMap((arg, i) => {
      const flag = arg.split('=')[0]!;
      return own[c].has(flag)
        ? [
            {
              field: `${ANSWERS_SECTION[c]}.extraArgs.${i}`,
              path: [ANSWERS_SECTION[c], 'extraArgs', i],
              value: arg,
              accepted: { key: 'accept.managedFlag' as const, params: { flag } },
            },
          ]
        : [];
    }),
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The answers as they were given — the same keys, no defaults added — with each value as
 * the checks normalised it (" 1.13" → "1.13", FD00::01 → fd00::1, a trailing / dropped):
 * what a profile keeps.
 */
export function normalisedInput(input: unknown, answers: Answers): unknown {
  const like = (given: unknown, checked: unknown): unknown => {
    if (Array.isArray(given) && Array.isArray(checked)) return given.map((v, i) => like(v, checked[i]));
    if (isRecord(given) && isRecord(checked)) {
      return Object.fromEntries(Object.keys(given).map((k) => [k, like(given[k], checked[k])]));
    }
    return checked === undefined ? given : checked;
  };
  return like(input, answers);
}
