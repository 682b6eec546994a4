import type { Answers, AnswersInput } from '../../../src/model/answers.js';
import { parseAnswers } from '../../../src/model/parse-answers.js';
import { seedMustChangeAnswers } from '../../../src/model/seed.js';

/** The seed's must-change answers for `version`, `extra` on top, parsed: they must be valid. */
export function seedAnswers(version: string, extra: Partial<AnswersInput> = {}): Answers {
  const r = parseAnswers({ kubernetesVersion: version, ...seedMustChangeAnswers(), ...extra });
  if (!r.ok) throw new Error(`the seed's answers for ${version} do not parse: ${JSON.stringify(r.problems)}`);
  return r.answers;
}
