import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NARROW_TEXT, patchStyledCells, SIMPLE_TEXT, STYLED_CELLS } from '../../scripts/build-startup.mjs';

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

describe('string-width answering … and box drawing by length', () => {
  const narrow = new RegExp(NARROW_TEXT);
  const extra = [...NARROW_TEXT.matchAll(/\\u([0-9a-f]{4})(?:-\\u([0-9a-f]{4}))?/g)]
    .map((m) => [Number.parseInt(m[1]!, 16), Number.parseInt(m[2] ?? m[1]!, 16)] as const)
    .filter(([lo]) => lo > 0x7e);

  it('covers printable ASCII, … and box drawing, and nothing that joins or is wide', () => {
    expect(narrow.test('── journalctl -u kube-apiserver.service -f  (12) ── a long line cut…')).toBe(true);
    expect(narrow.test('\t')).toBe(false);
    expect(narrow.test('改')).toBe(false);
    expect(narrow.test('e\u0301')).toBe(false);
  });

  it('is one column per character, as string-width itself says, and one cluster each', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const [lo, hi] of extra) {
      for (let c = lo; c <= hi; c++) {
        const ch = String.fromCharCode(c);
        expect(stringWidth(ch), `U+${c.toString(16)}`).toBe(1);
        expect(stringWidth(`a${ch}${ch}b`), `U+${c.toString(16)}`).toBe(4);
        expect([...segmenter.segment(`a${ch}${ch}b`)].length, `U+${c.toString(16)}`).toBe(4);
      }
    }
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0x20, max: 0x7e }),
            ...extra.map(([lo, hi]) => fc.integer({ min: lo, max: hi })),
          ),
          { maxLength: 60 },
        ),
        (codes) => {
          const text = String.fromCharCode(...codes);
          expect(narrow.test(text)).toBe(true);
          expect(stringWidth(text)).toBe(text.length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("Ink's cell-by-cell drawing with shared blank cells and style lists", () => {
  // the same modules bundled twice, as the product build does and as they are on disk
  let patched: Drawing;
  let original: Drawing;
  interface Drawing {
    tokenize: (s: string) => unknown[];
    styledCharsFromTokens: (t: unknown[]) => unknown[];
    styledCharsToString: (c: unknown[]) => string;
    Output: new (o: {
      width: number;
      height: number;
    }) => {
      write(x: number, y: number, text: string, o: { transformers: unknown[] }): void;
      get(): { output: string; height: number };
    };
  }
  const work = mkdtempSync(join(tmpdir(), 'kmw-cells-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  beforeAll(async () => {
    const root = new URL('../../', import.meta.url).pathname;
    const entry = join(work, 'entry.mjs');
    writeFileSync(
      entry,
      `export { tokenize, styledCharsFromTokens, styledCharsToString } from '@alcalzone/ansi-tokenize';
export { default as Output } from ${JSON.stringify(join(root, 'node_modules/ink/build/output.js'))};`,
    );
    const bundle = async (name: string, patch: boolean) => {
      const outfile = join(work, `${name}.mjs`);
      await build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        format: 'esm',
        platform: 'node',
        absWorkingDir: root,
        nodePaths: [join(root, 'node_modules')],
        logLevel: 'warning',
        plugins: patch
          ? [
              {
                name: 'cells',
                setup(b) {
                  b.onLoad({ filter: STYLED_CELLS }, (args) => ({
                    contents: patchStyledCells(args.path, readFileSync(args.path, 'utf8')),
                    loader: 'js',
                  }));
                },
              },
            ]
          : [],
      });
      return (await import(outfile)) as Drawing;
    };
    patched = await bundle('patched', true);
    original = await bundle('original', false);
  });

  const SGR = [
    '\u001b[31m',
    '\u001b[39m',
    '\u001b[1m',
    '\u001b[22m',
    '\u001b[2m',
    '\u001b[0m',
    '\u001b[7m',
    '\u001b[27m',
    '\u001b[38;5;208m',
    '\u001b[44m',
    '\u001b[49m',
  ];
  const piece = fc.oneof(
    fc.constantFrom(...SGR),
    fc.string({ maxLength: 6 }),
    fc.constantFrom('改成本机', '…', '─', '✓', '👍🏽', 'e\u0301', ' '),
  );
  const styled = fc
    .array(piece, { maxLength: 12 })
    .map((p) => p.join('').replace(/[\n\r\t\u0000-\u0008\u000b-\u001a\u001c-\u001f]/g, ''));

  it('turns styled text into cells and back exactly as before', () => {
    fc.assert(
      fc.property(styled, (s) => {
        const draw = (d: Drawing) => d.styledCharsToString(d.styledCharsFromTokens(d.tokenize(s)));
        expect(draw(patched)).toBe(draw(original));
      }),
      { numRuns: 600 },
    );
  });

  it('draws the same frame from the same writes', () => {
    const write = fc.record({
      x: fc.integer({ min: 0, max: 30 }),
      y: fc.integer({ min: 0, max: 8 }),
      text: styled,
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(write, { maxLength: 8 }),
        (w, h, writes) => {
          const frame = (d: Drawing) => {
            const out = new d.Output({ width: w, height: h });
            for (const op of writes) out.write(op.x, op.y, op.text, { transformers: [] });
            return out.get();
          };
          expect(frame(patched)).toEqual(frame(original));
        },
      ),
      { numRuns: 300 },
    );
  });
});
