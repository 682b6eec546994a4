import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format, translator } from '../../src/i18n/index.js';
import {
  cutText,
  hasUnsafe,
  oneCellSafe,
  outputSafe,
  shownText,
  terminalSafe,
} from '../../src/i18n/terminal-text.js';

// Every character a terminal acts on, reorders or hides, as the fuzzed files held them.
const HOSTILE = [
  '\u0000',
  '\u0007',
  '\u0008',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u00ad',
  '\u061c',
  '\u200b',
  '\u200e',
  '\u200f',
  '\u2028',
  '\u2029',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ufeff',
  '\ud800',
  '\udfff',
];

/** Any text: every code unit, including lone surrogates, mixed with the hostile ones. */
const anyText = fc
  .array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...HOSTILE)), { maxLength: 8 })
  .map((parts) => parts.join(''));

describe('text from outside on a terminal', () => {
  it.each([
    ['\u001b[31mred', '\\u001b[31mred'],
    ['a\nb', 'a\\nb'],
    ['NUL\u0000', 'NUL\\u0000'],
    ['DEL\u007f', 'DEL\\u007f'],
    ['NEL\u0085 CSI\u009b', 'NEL\\u0085 CSI\\u009b'],
    ['\u202egnp.exe', '\\u202egnp.exe'],
    ['lone \ud800', 'lone \\ud800'],
  ])('shows %j as %j', (raw, shown) => {
    expect(terminalSafe(raw)).toBe(shown);
  });

  it('leaves plain text, Chinese and emoji sequences alone', () => {
    for (const text of ['192.168.50.101', '部署master节点', '👩‍💻 🏴󠁧󠁢󠁳󠁣󠁴󠁿', 'a\\nb']) {
      expect(terminalSafe(text)).toBe(text);
      expect(hasUnsafe(text)).toBe(false);
    }
  });

  it('never lets a control, bidi or format character through, for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(hasUnsafe(terminalSafe(text))).toBe(false);
        expect(hasUnsafe(outputSafe(text).replace(/[\n\t]/g, ''))).toBe(false);
        expect(hasUnsafe(oneCellSafe(text))).toBe(false);
        expect(hasUnsafe(shownText(text, 40))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('escapes into JSON notation: an escaped JSON document reads back the same', () => {
    fc.assert(
      fc.property(fc.jsonValue(), anyText, (value, text) => {
        const json = JSON.stringify({ value, text });
        expect(JSON.parse(outputSafe(json))).toEqual(JSON.parse(json));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the text box one cell per character', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(oneCellSafe(text).length).toBe(text.length);
      }),
    );
    expect(oneCellSafe('a\u001bb\u007f\u202e')).toBe('a␛b␡\ufffd');
  });

  it('cuts long text to the length asked, never inside a surrogate pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 4, max: 120 }),
        (text, max) => {
          const cut = cutText(text, max);
          expect(Array.from(cut).length).toBeLessThanOrEqual(max);
          expect(cut).not.toMatch(/[\ud800-\udbff]$/);
          if (Array.from(text).length <= max) expect(cut).toBe(text);
          else expect(cut.endsWith('...')).toBe(true);
        },
      ),
    );
    expect(shownText('k'.repeat(100_000), 40)).toBe(`${'k'.repeat(37)}...`);
  });

  it('every value put into a sentence is escaped, in both languages', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(hasUnsafe(format('value {v} here', { v: text }))).toBe(false);
        for (const lang of ['en', 'zh'] as const) {
          const line = translator(lang)('invalid.file', { file: text, error: text });
          expect(hasUnsafe(line)).toBe(false);
        }
      }),
    );
  });
});
