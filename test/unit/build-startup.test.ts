import fc from 'fast-check';
import { eastAsianWidth } from 'get-east-asian-width';
import { describe, expect, it } from 'vitest';
import { SIMPLE_TEXT } from '../../scripts/build-startup.mjs';

/**
 * The single-file build answers grapheme segmentation itself for simple text and skips
 * string-width's RGI emoji test for single characters (scripts/build-startup.mjs). These
 * tests hold those shortcuts to what ICU and the Unicode tables say.
 */
const simple = new RegExp(SIMPLE_TEXT);
const ranges = [...SIMPLE_TEXT.matchAll(/\\u([0-9a-f]{4})-\\u([0-9a-f]{4})/g)].map((m) => [
  Number.parseInt(m[1]!, 16),
  Number.parseInt(m[2]!, 16),
]);

describe('text the build segments without ICU', () => {
  it('covers Latin, box drawing, arrows, CJK and fullwidth punctuation, but no combining mark or emoji sequence', () => {
    expect(simple.test('▸ --advertise-address=改成本机ip,用此地址作为集群成员 ✓ … ◂ 1.13 ▸ ─│')).toBe(true);
    expect(simple.test('e\u0301')).toBe(false);
    expect(simple.test('👍🏽')).toBe(false);
    expect(simple.test('한')).toBe(false);
  });

  it('is one grapheme cluster per character, as ICU cuts it', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const char = fc
      .oneof(...ranges.map(([lo, hi]) => fc.integer({ min: lo!, max: hi! })))
      .map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        fc.pre(!text.includes('\r\n'));
        expect(simple.test(text)).toBe(true);
        expect([...segmenter.segment(text)].map((s) => s.segment)).toEqual(chars);
      }),
      { numRuns: 2000 },
    );
  });

  it('holds for every character of those ranges next to itself and to a letter', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const [lo, hi] of ranges) {
      for (let c = lo!; c <= hi!; c++) {
        const ch = String.fromCharCode(c);
        const text = `a${ch}${ch}b`;
        if (text.includes('\r\n')) continue;
        expect([...segmenter.segment(text)].length, `U+${c.toString(16)}`).toBe(4);
      }
    }
  });
});

describe('string-width without its RGI emoji test for single characters', () => {
  it('gives the same width: every single-unit RGI emoji is East Asian Wide', () => {
    // a literal with the v flag needs an ES2024 target for the type checker
    // biome-ignore lint/complexity/useRegexLiterals: see above
    const rgi = new RegExp('^\\p{RGI_Emoji}$', 'v');
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (rgi.test(String.fromCharCode(c))) expect(eastAsianWidth(c), `U+${c.toString(16)}`).toBe(2);
    }
  });
});
