// The build's start-up measures (see the list below), apart from build.mjs so that the tests
// can check the assumptions they rest on.
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { transform } from 'esbuild';

/**
 * Start-up cost decides how soon the wizard's first screen appears. Node compiles the whole
 * file before running a line of it, and loads every built-in module it imports, so:
 * - Ink imports its React devtools bridge (and with it the `ws` package) behind a DEV=true
 *   check; the bundle gets an empty module instead (a bundled copy must not import a package
 *   that is not there anyway).
 * - yoga-layout loads its WebAssembly from a base64 data: URL with fetch() when fetch exists,
 *   which makes Node load its whole HTTP client (undici) at start; decoding the same bytes
 *   directly takes no time; and Node's base64 decoder does it in a fraction of the time of
 *   the loader's atob-and-copy loop (4 ms). The patches are checked: the build fails if yoga's
 *   code changed.
 * - zod carries its messages in ~50 languages; the answers are reported in our own words,
 *   so only zod's English table (its default) is kept.
 * - conf validates with Ajv only when given a JSON `schema`; the profile store gives none
 *   (it checks the file itself), so Ajv is replaced by a stub that refuses to be used.
 * - Creating the first Intl.Segmenter loads ICU's segmentation data (10-30 ms). Ink's text
 *   helpers (string-width, slice-ansi, ansi-tokenize) each create one when they load, to cut
 *   text into grapheme clusters. In text made only of characters that never join a cluster
 *   (UAX #29: Latin-1 and Latin Extended, punctuation, arrows, box drawing, shapes, dingbats,
 *   CJK punctuation, kana and ideographs, fullwidth forms; and no CR LF pair) every character
 *   is a cluster of its own, so their segmenters answer such text directly and create the
 *   real one only for other text (combining marks, emoji sequences, Hangul…); wrap-ansi's own
 *   older copy of string-width is replaced by Ink's.
 * - string-width tests every cluster that is not plain ASCII (▸, ✓, …, Chinese) against
 *   /^\p{RGI_Emoji}$/v, a regular expression that costs 10-25 ms to create (V8 expands the
 *   property of strings when the literal is evaluated) and more on its first use. A single
 *   UTF-16 unit is an RGI emoji only if it has Emoji_Presentation, and every such character is
 *   East Asian Wide (Unicode 9+), so the width it gets is the same without the test; it now
 *   runs only for longer clusters, and the expression is created the first time it runs.
 * - string-width answers printable ASCII by its length; every other text goes through grapheme
 *   segmentation and per-cluster tests (1 µs a character). Ink measures each row of text several
 *   times a frame, and rows cut to the width end in …, so a pane of log lines took the slow path
 *   for all of them. Printable ASCII with … and box drawing (both one column wide where
 *   ambiguous characters are narrow, string-width's default, and never part of a longer
 *   cluster) is answered by its length too.
 * - Ink draws a frame cell by cell: a fresh blank cell (an object and an array) for every
 *   column of every row, and for every character of text a copy of its style list; then, to
 *   turn each row back into text, a comparison of every cell's styles with the previous one's
 *   that builds three Sets and two arrays. For a pane of log lines redrawn ten times a second
 *   that was most of the CPU and the garbage. Cells now share one blank (nothing changes a
 *   cell: Ink replaces them), characters of one style share one list (and are made as
 *   literals, not by spreading the token), and two cells with the same list (or none) are not
 *   compared: what is drawn is byte for byte the same (test/unit/build-startup.test.ts checks
 *   it against the unpatched code).
 * - Ink's error screen sets up stack-utils (to point at the line that threw) when it loads;
 *   it is set up the first time an error is shown instead.
 * - Our JSON files (the flag table) become JSON.parse('…'): a string is scanned much faster than
 *   an object literal is parsed, and JSON.parse is faster than evaluating one.
 * - The message catalogues (src/i18n/messages/*.ts, both languages, 160 KB of source) become
 *   one JSON string per language, parsed the first time that language is asked for: a run in
 *   English never builds the Chinese table. Left as object literals, both were built at start,
 *   and their bytecode made up a large part of the code cache V8 reads before the first frame.
 * - node: built-ins are loaded when the code that uses them first runs, not at start (an
 *   ESM bundle would otherwise load http, https, crypto, child_process… before anything).
 */
const BUILTINS = new Set(builtinModules);
const isBuiltin = (p) => p.startsWith('node:') || BUILTINS.has(p) || BUILTINS.has(p.split('/')[0]);

/** Characters string-width counts as one column each, like printable ASCII (checked by test/unit/build-startup.test.ts). */
export const NARROW_TEXT = '^[\\u0020-\\u007e\\u2026\\u2500-\\u257f]*$';

export const SEGMENTER_USERS =
  /node_modules[/\\](string-width[/\\]index|slice-ansi[/\\]tokenize-ansi|@alcalzone[/\\]ansi-tokenize[/\\]build[/\\]tokenize)\.js$/;

/**
 * Text in which every character is a grapheme cluster of its own (unless a CR is followed by
 * an LF): none of these characters is Extend, SpacingMark, Prepend, ZWJ, a regional indicator
 * or Hangul in UAX #29. test/unit/build-startup.test.ts checks it against ICU.
 */
export const SIMPLE_TEXT =
  '^[\\u0000-\\u02ff\\u2010-\\u2027\\u2030-\\u205e\\u2190-\\u27bf\\u3000-\\u3029\\u3030-\\u3098\\u309b-\\u30ff\\u4e00-\\u9fff\\uff01-\\uff60]*$';

/** A grapheme segmenter that answers simple text itself and makes the ICU one only for other text. */
export const LAZY_SEGMENTER = `
const __kmwSimpleText = new RegExp(${JSON.stringify(SIMPLE_TEXT)});
const __kmwSegmenter = (...args) => {
  let real;
  const simple = (s) => ({
    *[Symbol.iterator]() { for (let i = 0; i < s.length; i++) yield { segment: s[i], index: i, input: s }; },
    containing(i) { return i >= 0 && i < s.length ? { segment: s[i], index: i, input: s } : undefined; },
  });
  return {
    segment: (s) =>
      __kmwSimpleText.test(s) && !s.includes('\\r\\n')
        ? simple(s)
        : (real ??= new Intl.Segmenter(...args)).segment(s),
    resolvedOptions: () => (real ??= new Intl.Segmenter(...args)).resolvedOptions(),
  };
};
`;

/** The message catalogues that lazyCatalog rewrites. */
export const CATALOGS = /[/\\]src[/\\]i18n[/\\]messages[/\\][^/\\]+\.ts$/;

/**
 * A catalogue module (`export default catalog({…en}, {…zh})`, importing nothing but
 * `catalog`) evaluated here, and written again as a module whose `en` and `zh` are JSON
 * parsed on first use. Anything else in such a module fails the build.
 */
export async function lazyCatalog(file, text) {
  const { code } = await transform(text, { loader: 'ts', format: 'cjs', sourcefile: file });
  const module = { exports: {} };
  const require = (id) => {
    if (id !== '../catalog.js') throw new Error(`${file} imports ${id}: a catalogue imports only catalog()`);
    return { catalog: (en, zh) => ({ en, zh }) };
  };
  new Function('require', 'module', 'exports', code)(require, module, module.exports);
  const { en, zh } = module.exports.default ?? {};
  const strings = (t) => t && typeof t === 'object' && Object.values(t).every((v) => typeof v === 'string');
  if (
    Object.keys(module.exports).some((k) => k !== 'default' && k !== '__esModule') ||
    !strings(en) ||
    !strings(zh)
  )
    throw new Error(`${file}: a catalogue exports only catalog(en, zh), two tables of strings`);
  const json = (t) => JSON.stringify(JSON.stringify(t));
  return `let en, zh;
export default {
  get en() { return (en ??= JSON.parse(${json(en)})); },
  get zh() { return (zh ??= JSON.parse(${json(zh)})); },
};`;
}

/** The two files of Ink's cell-by-cell drawing that patchStyledCells changes. */
export const STYLED_CELLS =
  /node_modules[/\\](ink[/\\]build[/\\]output|@alcalzone[/\\]ansi-tokenize[/\\]build[/\\]styledChars)\.js$/;

const replaceOnce = (file, text, from, to) => {
  const count = text.split(from).length - 1;
  if (count !== 1)
    throw new Error(`${file} changed: expected ${JSON.stringify(from.slice(0, 60))} once, found ${count}`);
  return text.replace(from, to);
};

/** Ink's output.js or ansi-tokenize's styledChars.js with shared blank cells and style lists. */
export function patchStyledCells(file, text) {
  if (/[/\\]output\.js$/.test(file)) {
    return replaceOnce(
      file,
      text,
      `row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
      'row.push(__kmwBlankCell);',
    ).replace(
      'class OutputCaches {',
      `const __kmwBlankCell = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });\nclass OutputCaches {`,
    );
  }
  let out = replaceOnce(
    file,
    text,
    `    let codes = [];
    const ret = [];
    for (const token of tokens) {
        if (token.type === "ansi") {
            codes = reduceAnsiCodesIncremental(codes, [token]);
        }
        else if (token.type === "char") {
            ret.push({
                ...token,
                styles: [...codes],
            });
        }
    }`,
    `    let codes = [];
    let shared = codes;
    const ret = [];
    for (const token of tokens) {
        if (token.type === "ansi") {
            codes = reduceAnsiCodesIncremental(codes, [token]);
            shared = undefined;
        }
        else if (token.type === "char") {
            shared ??= [...codes];
            // a character token is { type, value, fullWidth } (tokenize.js): the same object
            // as spreading it, without the spread
            ret.push({
                type: token.type,
                value: token.value,
                fullWidth: token.fullWidth,
                styles: shared,
            });
        }
    }`,
  );
  out = replaceOnce(
    file,
    out,
    `            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));`,
    `            const before = chars[i - 1].styles;
            if (before !== char.styles && (before.length > 0 || char.styles.length > 0))
                ret += ansiCodesToString(diffAnsiCodes(before, char.styles));`,
  );
  return replaceOnce(
    file,
    out,
    `        if (i === chars.length - 1) {`,
    `        if (i === chars.length - 1 && char.styles.length > 0) {`,
  );
}

export const startupPlugin = (projectRoot) => ({
  name: 'kmw-startup',
  setup(b) {
    b.onResolve({ filter: /[/\\]devtools\.js$/ }, (args) =>
      /[/\\]ink[/\\]/.test(args.importer) ? { path: 'ink-devtools', namespace: 'kmw-empty' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'kmw-empty' }, () => ({ contents: 'export {};', loader: 'js' }));

    b.onLoad({ filter: /yoga-layout[/\\]dist[/\\]binaries[/\\]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const probe = '"function"!=typeof fetch';
      const count = text.split(probe).length - 1;
      if (count !== 2) throw new Error(`yoga-layout changed: expected 2 fetch checks, found ${count}`);
      const decode =
        'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c';
      if (!text.includes(decode))
        throw new Error('yoga-layout changed: its base64 decoding is not where it was');
      return {
        contents: text
          .replaceAll(probe, '!0')
          .replace(decode, 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))'),
        loader: 'js',
      };
    });

    b.onLoad({ filter: /[/\\]ink[/\\]build[/\\]components[/\\]ErrorOverview\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const imported = "import StackUtils from 'stack-utils';";
      const made = `const stackUtils = new StackUtils({
    cwd: cwd(),
    internals: StackUtils.nodeInternals(),
});`;
      if (!text.includes(imported) || !text.includes(made))
        throw new Error(`${args.path} changed: StackUtils is not set up where it was`);
      const lazy = `let realStackUtils;
const stackUtils = {
    parseLine: (line) => {
        if (!realStackUtils) {
            const StackUtils = require('stack-utils');
            realStackUtils = new StackUtils({ cwd: cwd(), internals: StackUtils.nodeInternals() });
        }
        return realStackUtils.parseLine(line);
    },
};`;
      return { contents: text.replace(imported, '').replace(made, lazy), loader: 'js' };
    });

    b.onLoad({ filter: STYLED_CELLS }, async (args) => ({
      contents: patchStyledCells(args.path, await readFile(args.path, 'utf8')),
      loader: 'js',
    }));

    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[/\\]zod[/\\]v4[/\\]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'kmw-zod-en' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'kmw-zod-en' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));

    b.onResolve({ filter: /^(ajv\/dist\/2020\.js|ajv-formats)$/ }, (args) =>
      /[/\\]conf[/\\]/.test(args.importer) ? { path: args.path, namespace: 'kmw-no-ajv' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'kmw-no-ajv' }, () => ({
      contents: `const refuse = () => { throw new Error('JSON schema validation (Ajv) is not part of this build: do not pass conf a schema'); };
export class Ajv2020 { constructor() { refuse(); } }
export default { default: refuse };`,
      loader: 'js',
    }));

    b.onLoad({ filter: CATALOGS }, async (args) => ({
      contents: await lazyCatalog(args.path, await readFile(args.path, 'utf8')),
      loader: 'js',
    }));

    b.onLoad({ filter: /[/\\]src[/\\].*\.json$/ }, async (args) => {
      const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });

    b.onLoad({ filter: SEGMENTER_USERS }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      const count = text.split('new Intl.Segmenter(').length - 1;
      if (count !== 1) throw new Error(`${args.path} changed: expected one Intl.Segmenter, found ${count}`);
      if (/[/\\]string-width[/\\]/.test(args.path)) {
        const file = args.path;
        text = replaceOnce(
          file,
          text,
          'if (rgiEmojiRegex.test(segment) ||',
          'if ((segment.length > 1 && rgiEmojiRegex.test(segment)) ||',
        );
        text = replaceOnce(
          file,
          text,
          'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
          'let __kmwRgiEmoji;\nconst rgiEmojiRegex = { test: (s) => (__kmwRgiEmoji ??= /^\\p{RGI_Emoji}$/v).test(s) };',
        );
        text = replaceOnce(
          file,
          text,
          'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
          'if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && __kmwNarrowText.test(string))) {',
        );
        text = `const __kmwNarrowText = new RegExp(${JSON.stringify(NARROW_TEXT)});\n${text}`;
      }
      return {
        contents: LAZY_SEGMENTER + text.replace('new Intl.Segmenter(', '__kmwSegmenter('),
        loader: 'js',
      };
    });

    b.onResolve({ filter: /^string-width$/ }, (args) =>
      /[/\\]wrap-ansi[/\\]/.test(args.importer) && !/[/\\]wrap-ansi[/\\]node_modules[/\\]/.test(args.importer)
        ? b.resolve('string-width', { resolveDir: projectRoot, kind: args.kind })
        : undefined,
    );

    b.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'import-statement' && isBuiltin(args.path) && args.namespace === 'file'
        ? { path: args.path, namespace: 'kmw-builtin' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'kmw-builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
});
