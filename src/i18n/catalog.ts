/**
 * One area's messages in both languages. The Chinese table must have exactly the keys of
 * the English one: a missing or extra key is a type error.
 *
 * Plurals follow i18next's convention: `KEY_one` next to `KEY` is the form for a `count` of
 * which `Intl.PluralRules` says "one" (1 in English). Chinese has one form only, so its table
 * has no `_one` keys.
 */
export type PluralKey = `${string}_one`;

type OneForm<E> = { [K in keyof E as K extends PluralKey ? never : K]: string };

export function catalog<const E extends Record<string, string>>(
  en: E,
  zh: OneForm<E>,
): { en: E; zh: OneForm<E> } {
  return { en, zh };
}
