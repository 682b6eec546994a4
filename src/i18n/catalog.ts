/**
 * One area's messages in both languages. The Chinese table must have exactly the keys of
 * the English one: a missing or extra key is a type error.
 */
export function catalog<const E extends Record<string, string>>(
  en: E,
  zh: { [K in keyof E]: string },
): { en: E; zh: { [K in keyof E]: string } } {
  return { en, zh };
}
