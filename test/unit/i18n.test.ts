import { describe, expect, it } from 'vitest';
import { messageTable, translator } from '../../src/i18n/index.js';

describe('plural forms', () => {
  const en = messageTable('en');
  const zh = messageTable('zh');

  it('every KEY_one stands beside its KEY, in English only (Chinese has one form)', () => {
    const ones = Object.keys(en).filter((k) => k.endsWith('_one'));
    expect(ones.length).toBeGreaterThan(5);
    const names = (s: string) =>
      [...s.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    for (const k of ones) {
      expect(en[k.slice(0, -4)], k).toBeDefined();
      expect(names(en[k]!), k).toBe(names(en[k.slice(0, -4)]!));
    }
    expect(Object.keys(zh).filter((k) => k.endsWith('_one'))).toEqual([]);
  });

  it('no English message hedges a count with "(s)": it has a form for one instead', () => {
    const hedged = Object.entries(en).filter(([, text]) => /\w\(s\)/.test(text));
    expect(hedged).toEqual([]);
  });

  it('picks the form for the count: 1 warning, 2 warnings, 0 warnings; Chinese the same text for all', () => {
    const t = translator('en');
    expect(t('preflight.summary.warnings', { count: 1 })).toBe('1 warning');
    expect(t('preflight.summary.warnings', { count: 2 })).toBe('2 warnings');
    expect(t('preflight.summary.warnings', { count: 0 })).toBe('0 warnings');
    expect(t('wizard.notice.fixFirst', { count: 1 })).toBe(
      '1 value is not accepted yet (marked ✗); correct it to go on.',
    );
    expect(
      t('doctor.found', {
        errors: t('doctor.errors', { count: 1 }),
        warnings: t('doctor.warnings', { count: 0 }),
      }),
    ).toBe('Found 1 error and 0 warnings:');
    const z = translator('zh');
    expect(z('preflight.summary.warnings', { count: 1 })).toBe('警告 1');
    expect(z('preflight.summary.warnings', { count: 3 })).toBe('警告 3');
  });
});
