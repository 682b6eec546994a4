import { type Answers, answersSchema } from './answers.js';
import { type FieldProblem, problemsOf } from './issues.js';

export type AnswersResult = { ok: true; answers: Answers } | { ok: false; problems: FieldProblem[] };

/** Checks answers (from a file, a profile or the wizard) and applies the seed's defaults. */
export function parseAnswers(input: unknown): AnswersResult {
  const result = answersSchema.safeParse(input);
  return result.success
    ? { ok: true, answers: result.data }
    : { ok: false, problems: problemsOf(result.error, input) };
}
