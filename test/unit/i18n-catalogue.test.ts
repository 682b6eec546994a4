import { describe, expect, it } from 'vitest';
import { allKeys, messageTable } from '../../src/i18n/index.js';

// Every word a user sees exists in English and Chinese: the catalogue's types make both tables
// have the same keys; this makes each pair of sentences take the same placeholders.
describe('the message catalogue', () => {
  it('every sentence of every area has the same placeholders in English and Chinese', () => {
    const en = messageTable('en');
    const zh = messageTable('zh');
    const names = (s: string) =>
      [...s.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    const keys = allKeys();
    for (const area of ['preflight.', 'doctor.', 'apply.', 'wizard.', 'status.'])
      expect(keys.filter((k) => k.startsWith(area)).length, area).toBeGreaterThan(20);
    for (const k of keys) expect(names(zh[k]!), k).toBe(names(en[k]!));
  });
});
