import {
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  Parser,
  type YAMLError,
} from 'yaml';
import { decodeUtf8 } from '../format/utf8.js';
import type { MessageKey, Params } from '../i18n/index.js';
import type { Accepted, FieldProblem } from './issues.js';

/**
 * An answers file (YAML or JSON: JSON is YAML) from its bytes to the raw answers, refusing
 * what is not an answers file with a sentence that says why: too large, not UTF-8 text,
 * not YAML, several documents, nested past any sane depth, or empty. Keys are kept as they
 * are written (`~`, `null`, `""`), a key that is a mapping or list (an unfilled
 * `{{ .Values.ip }}` template) and a YAML tag are refused at their field, and each
 * number, boolean or null remembers how it was written, so a message can say that YAML
 * read `1.20` as the number 1.2. Nothing here throws on any input.
 */

/**
 * Options for YAML read from elsewhere (a kubeconfig on the host, a --set value): YAML's
 * warnings (an unknown tag, a key that is a mapping) are not printed to the terminal by
 * Node; what matters is checked where the value is used.
 */
export const QUIET_YAML = { logLevel: 'error' } as const;

/** The largest answers file read: a real one is a few kilobytes. */
export const MAX_ANSWERS_BYTES = 1024 * 1024;
/** The deepest nesting of mappings and lists read: answers go three levels deep. */
export const MAX_ANSWERS_DEPTH = 32;
/** The most lexical tokens an answers file may hold (a real one has a few hundred). */
export const MAX_ANSWERS_TOKENS = 20_000;
/** The most values an answers file may hold once its aliases (*name) are expanded. */
export const MAX_ANSWERS_VALUES = 10_000;

/** Why a file is not read at all (its sentence takes the file's name as {file}). */
export type FileProblem = Accepted;

/** The file read: its raw answers (unchecked), how values were written, what was refused while reading. */
export interface AnswersRead {
  data: unknown;
  /** the text of a number, boolean or null at `path` as the file writes it */
  written: (path: readonly PropertyKey[]) => string | undefined;
  /** keys and values refused while reading (a key that is a mapping, a YAML tag) */
  problems: FieldProblem[];
}

export type AnswersFileResult = ({ ok: true } & AnswersRead) | { ok: false; problem: FileProblem };

const fail = (key: MessageKey, params?: Params): AnswersFileResult => ({
  ok: false,
  problem: params ? { key, params } : { key },
});

/** Bytes to text: UTF-8 (a byte-order mark is dropped); UTF-16/32 and invalid UTF-8 are refused. */
export function decodeAnswers(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problem: FileProblem } {
  const b = bytes;
  const utf16 =
    (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) ||
    (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff);
  if (utf16) return { ok: false, problem: { key: 'invalid.encoding.utf16' } };
  const nul = b.indexOf(0);
  if (nul >= 0) {
    // UTF-16 without a byte-order mark has a zero byte beside every ASCII character
    const zeros = b.filter((x) => x === 0).length;
    return {
      ok: false,
      problem: { key: zeros * 3 >= b.length ? 'invalid.encoding.utf16' : 'invalid.encoding.nul' },
    };
  }
  const start = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const decoded = decodeUtf8(b.subarray(start));
  if (decoded.ok) return decoded;
  return {
    ok: false,
    problem: { key: 'invalid.encoding.utf8', params: { line: decoded.line, byte: decoded.byte + start } },
  };
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

type Tokens = { ok: true; tokens: CST.Token[] } | { ok: false; problem: FileProblem };

/**
 * YAML's concrete syntax, token by token, stopping as soon as collections nest deeper than
 * MAX_ANSWERS_DEPTH (the composer recurses, and would run out of stack on a deep file) or
 * the file holds more tokens than an answers file ever does (composing costs more than
 * linear time in the number of keys).
 */
function tokensCapped(text: string, lines: LineCounter): Tokens {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  const tokens: CST.Token[] = [];
  let count = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (++count > MAX_ANSWERS_TOKENS) {
      return {
        ok: false,
        problem: { key: 'invalid.tooManyValues', params: { line: lines.linePos(parser.offset).line } },
      };
    }
    if (parser.stack.length > MAX_ANSWERS_DEPTH) {
      const depth = parser.stack.filter((t) => COLLECTIONS.has(t.type)).length;
      if (depth > MAX_ANSWERS_DEPTH)
        return { ok: false, problem: tooDeep(lines.linePos(parser.offset).line) };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return { ok: true, tokens };
}

const tooDeep = (line: number): FileProblem => ({
  key: 'invalid.tooDeep',
  params: { line, max: MAX_ANSWERS_DEPTH },
});

/** The token written at an error's position: a quoted key whole, else up to a colon, comma or the line's end. */
function tokenAt(text: string, at: number): string {
  const rest = text.slice(at, at + 200);
  const m = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^:,\]}\n]*)/.exec(rest);
  const token = (m?.[1] ?? '').trim();
  return token === '' ? rest.slice(0, 1) : token;
}

/** YAML's errors in our own sentences (both languages): the first rule that matches its code and message. */
const YAML_SENTENCES: [YAMLError['code'], RegExp, MessageKey][] = [
  ['BAD_INDENT', /^Flow (sequence|map)/, 'yaml.unclosed'],
  ['MISSING_CHAR', /^Flow (sequence|map) must end/, 'yaml.unclosed'],
  ['MISSING_CHAR', /^Missing closing .?quote/, 'yaml.unclosedQuote'],
  ['DUPLICATE_KEY', /./, 'yaml.duplicateKey'],
  ['TAB_AS_INDENT', /./, 'yaml.tabIndent'],
  ['BAD_INDENT', /./, 'yaml.badIndent'],
  ['MISSING_CHAR', /./, 'yaml.missingChar'],
  ['UNEXPECTED_TOKEN', /./, 'yaml.unexpected'],
  ['BLOCK_AS_IMPLICIT_KEY', /./, 'yaml.compactMapping'],
  ['MULTILINE_IMPLICIT_KEY', /./, 'yaml.multilineKey'],
  ['BAD_DQ_ESCAPE', /./, 'yaml.badEscape'],
  ['BAD_SCALAR_START', /./, 'yaml.badStart'],
  ['KEY_OVER_1024_CHARS', /./, 'yaml.longKey'],
  ['BAD_ALIAS', /./, 'yaml.badAlias'],
  ['RESOURCE_EXHAUSTION', /./, 'yaml.tooManyAliases'],
];

function yamlProblem(error: YAMLError, text: string, lines: LineCounter): FileProblem {
  const at = lines.linePos(error.pos[0]);
  const sentence = YAML_SENTENCES.find(([code, re]) => code === error.code && re.test(error.message))?.[2];
  const what: FileProblem = sentence
    ? { key: sentence, params: { key: tokenAt(text, error.pos[0]) } }
    : { key: 'yaml.other', params: { detail: error.message } };
  return { key: 'invalid.yaml', params: { line: at.line, column: at.col }, nested: { what } };
}

/** The tags a plain answers value may carry: YAML's own for text, numbers, booleans, null, mappings, lists. */
const PLAIN_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

/** Reading stops at the first of these: the file is not read at all. */
class Refused extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.key);
  }
}

const plainKey = (p: PropertyKey): string | number => (typeof p === 'symbol' ? String(p) : p);

/**
 * The document's nodes as plain values: keys as written, each key once, tags and keys
 * that are mappings refused at their field, aliases expanded within the depth and size
 * limits.
 */
function toPlain(doc: Document, text: string, lines: LineCounter): AnswersRead {
  const written = new Map<string, string>();
  const problems: FieldProblem[] = [];
  const source = (n: { range?: [number, number, number] | null }) =>
    n.range ? text.slice(n.range[0], n.range[1]) : '';
  const lineOf = (n: { range?: [number, number, number] | null } | null | undefined) =>
    lines.linePos(n?.range?.[0] ?? 0);
  let values = 0;

  const refuse = (path: (string | number)[], value: string, key: MessageKey, params?: Params) => {
    problems.push({
      field: path.map(String).join('.') || '(answers)',
      path,
      value,
      accepted: params ? { key, params } : { key },
    });
  };

  const walk = (node: Node | null | undefined, path: (string | number)[], depth: number): unknown => {
    if (++values > MAX_ANSWERS_VALUES) {
      throw new Refused({ key: 'invalid.aliasesTooLarge', params: { max: MAX_ANSWERS_VALUES } });
    }
    if (depth > MAX_ANSWERS_DEPTH) throw new Refused(tooDeep(lineOf(node).line));
    if (node === null || node === undefined) {
      written.set(JSON.stringify(path), '');
      return null;
    }
    if (isAlias(node)) return walk(node.resolve(doc) as Node | undefined, path, depth + 1);
    if (node.tag && !PLAIN_TAGS.has(node.tag)) {
      const tag = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      refuse(path, `${tag} ${source(node)}`, 'accept.noTag', { tag });
      return null;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || typeof v === 'number' || typeof v === 'boolean') {
        written.set(JSON.stringify(path), source(node));
        return v;
      }
      if (typeof v === 'string') {
        // a Helm or Go template left as it was: no value of the answers holds {{ }}
        if (/\{\{[\s\S]*\}\}/.test(v)) refuse(path, v, 'accept.template');
        return v;
      }
      refuse(path, source(node), 'accept.noTag', { tag: node.tag ?? '?' });
      return null;
    }
    if (isSeq(node)) return node.items.map((item, i) => walk(item as Node, [...path, i], depth + 1));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        let keyNode = pair.key as Node | null;
        if (isAlias(keyNode)) keyNode = keyNode.resolve(doc) as Node | null;
        if (keyNode && !isScalar(keyNode)) {
          // `{{ .Values.ip }}` is a mapping whose key is a mapping: a template not filled in
          const whole = source(node);
          if (/^\{\{[\s\S]*\}\}$/.test(whole)) refuse(path, whole, 'accept.template');
          else refuse(path, source(keyNode), 'accept.plainKey');
          continue;
        }
        const k = keyNode?.value;
        // a key is named as written: `~`, `null`, `1`, `true`; text keys as they read
        const name = typeof k === 'string' ? k : keyNode ? source(keyNode) : '';
        if (Object.hasOwn(out, name)) {
          const at = lineOf(keyNode);
          throw new Refused({
            key: 'invalid.yaml',
            params: { line: at.line, column: at.col },
            nested: { what: { key: 'yaml.duplicateKey', params: { key: keyNode ? source(keyNode) : name } } },
          });
        }
        const value = walk(pair.value as Node | null, [...path, name], depth + 1);
        Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return null;
  };

  const data = walk(doc.contents as Node | null, [], 0);
  const lookup = (path: readonly PropertyKey[]) => written.get(JSON.stringify(path.map(plainKey)));
  return { data, written: lookup, problems };
}

/** A document with no content: nothing, or only `---` and comments. */
function isNothing(contents: Node | null, text: string): boolean {
  if (contents === null) return true;
  if (!isScalar(contents) || contents.value !== null || !contents.range) return false;
  return text.slice(contents.range[0], contents.range[1]).trim() === '';
}

/** An answers file's bytes to its raw answers, or why it is not an answers file. */
export function readAnswersBytes(bytes: Uint8Array): AnswersFileResult {
  if (bytes.length > MAX_ANSWERS_BYTES) return fail('invalid.tooBig', { max: '1 MiB' });
  const decoded = decodeAnswers(bytes);
  if (!decoded.ok) return { ok: false, problem: decoded.problem };
  return readAnswersText(decoded.text);
}

export function readAnswersText(text: string): AnswersFileResult {
  if (text.length > MAX_ANSWERS_BYTES) return fail('invalid.tooBig', { max: '1 MiB' });
  const lines = new LineCounter();
  const cst = tokensCapped(text, lines);
  if (!cst.ok) return { ok: false, problem: cst.problem };
  // keys are checked for duplicates while walking (the composer's own check is quadratic)
  const docs = [...new Composer({ uniqueKeys: false }).compose(cst.tokens)];
  if (docs.length > 1) {
    const second = docs[1]!.range[0];
    return fail('invalid.manyDocs', { count: docs.length, line: lines.linePos(second).line });
  }
  const doc = docs[0];
  const error = doc?.errors[0];
  if (error) return { ok: false, problem: yamlProblem(error, text, lines) };
  if (!doc || isNothing(doc.contents, text)) return fail('invalid.empty');
  try {
    return { ok: true, ...toPlain(doc, text, lines) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: error.problem };
    throw error;
  }
}
