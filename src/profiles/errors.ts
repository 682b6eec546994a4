import { type MessageKey, type Params, type Translate, translator } from '../i18n/index.js';
import { describeProblems, type FieldProblem } from '../model/issues.js';

export interface ProfileStoreErrorDetails {
  /** for refused answers: every field that was refused */
  problems?: FieldProblem[];
  /** parameters that are themselves messages, said in the same language as the rest */
  nested?: Record<string, MessageKey>;
}

/**
 * Anything that goes wrong with the profile store: a damaged or newer store file, a refused
 * name, answers that do not pass the checks. It carries the message key so each front end
 * can say it in the user's language; `message` is the English text.
 */
export class ProfileStoreError extends Error {
  override readonly name = 'ProfileStoreError';
  readonly problems: FieldProblem[];
  readonly nested: Record<string, MessageKey>;

  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
    details: ProfileStoreErrorDetails = {},
  ) {
    super('');
    this.problems = details.problems ?? [];
    this.nested = details.nested ?? {};
    this.message = this.text(translator('en'));
  }

  /** The message alone, in the language of `t`. */
  text(t: Translate): string {
    const params: Params = { ...this.params };
    for (const [name, key] of Object.entries(this.nested)) params[name] = t(key);
    return t(this.key, params);
  }

  /** The message and, for refused answers, one line per refused field. */
  describe(t: Translate): string[] {
    return [this.text(t), ...describeProblems(this.problems, t)];
  }
}
