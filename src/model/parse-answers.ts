import { type Answers, answersSchema } from './answers.js';
import { ANSWERS_SECTION, COMPONENTS } from './components.js';
import { type FieldProblem, problemsOf } from './issues.js';
import { ownFlags } from './layout.js';

export type AnswersResult = { ok: true; answers: Answers } | { ok: false; problems: FieldProblem[] };

/** Checks answers (from a file, a profile or the wizard) and applies the seed's defaults. */
export function parseAnswers(input: unknown): AnswersResult {
  const result = answersSchema.safeParse(input);
  if (!result.success) return { ok: false, problems: problemsOf(result.error, input) };
  const problems = ownFlagProblems(result.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers: result.data };
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
              value: arg,
              accepted: { key: 'accept.managedFlag' as const, params: { flag } },
            },
          ]
        : [];
    }),
  );
}
