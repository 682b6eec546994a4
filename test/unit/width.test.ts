import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutToWidth, displayWidth } from '../../src/format/width.js';

describe('cutting text to a number of terminal columns', () => {
  it('keeps text that fits and cuts the rest with …, never wider than asked, never splitting a wide character', () => {
    expect(cutToWidth('kube-apiserver', 20)).toBe('kube-apiserver');
    expect(cutToWidth('kube-apiserver', 8)).toBe('kube-ap…');
    expect(cutToWidth('改成本机ip地址', 7)).toBe('改成本…');
    expect(cutToWidth('改成本机ip地址', 8)).toBe('改成本…');
    expect(cutToWidth('👍🏽👍🏽👍🏽', 5)).toBe('👍🏽👍🏽…');
    expect(cutToWidth('anything', 0)).toBe('');
  });

  it('holds for any text and width', () => {
    const text = fc.array(
      fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('改', '한', 'e\u0301', '👍🏽', '…', '─')),
      {
        maxLength: 20,
      },
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (parts, width) => {
        const s = parts.join('').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
        const cut = cutToWidth(s, width);
        expect(displayWidth(cut)).toBeLessThanOrEqual(width);
        if (displayWidth(s) <= width) expect(cut).toBe(s);
        else {
          expect(cut.endsWith('…')).toBe(true);
          expect(s.startsWith(cut.slice(0, -1))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
