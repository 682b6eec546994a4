import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import {
  MAX_ANSWERS_BYTES,
  MAX_ANSWERS_DEPTH,
  readAnswersBytes,
  readAnswersText,
} from '../../src/model/answers-file.js';
import { acceptedText, describeProblem } from '../../src/model/issues.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { parseSet } from '../../src/model/set-values.js';

const BASE = `kubernetesVersion: "1.13"
advertiseAddress: 192.168.50.101
bindAddress: 192.168.50.101
securePort: 6443
etcdServers: [https://192.168.50.101:2379]
`;
const en = translator('en');
const zh = translator('zh');

/** The one sentence a file that is not read gets, in both languages. */
function refusal(text: string | Uint8Array): [string, string] {
  const r = typeof text === 'string' ? readAnswersText(text) : readAnswersBytes(text);
  if (r.ok) throw new Error('expected the file to be refused');
  const p = { ...r.problem, params: { ...r.problem.params, file: 'a.yaml' } };
  return [acceptedText(p, en), acceptedText(p, zh)];
}

/** The problems of a file that is read, as the command prints them. */
function problems(text: string, lang: 'en' | 'zh' = 'en'): string[] {
  const r = readAnswersText(text);
  if (!r.ok) throw new Error(`expected the file to be read: ${r.problem.key}`);
  const checked = parseAnswers(r.data, r);
  return checked.ok ? [] : checked.problems.map((p) => describeProblem(p, translator(lang)));
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('reading an answers file', () => {
  it('reads YAML and JSON to the same raw answers', () => {
    const yaml = readAnswersText(BASE);
    const json = readAnswersText(
      JSON.stringify({
        kubernetesVersion: '1.13',
        advertiseAddress: '192.168.50.101',
        bindAddress: '192.168.50.101',
        securePort: 6443,
        etcdServers: ['https://192.168.50.101:2379'],
      }),
    );
    expect(yaml.ok && json.ok && yaml.data).toEqual(json.ok && json.data);
    expect(problems(BASE)).toEqual([]);
  });

  it('reads a UTF-8 byte-order mark as nothing', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(BASE)]);
    const r = readAnswersBytes(bytes);
    expect(r.ok && (r.data as Record<string, unknown>).advertiseAddress).toBe('192.168.50.101');
  });

  it.each([
    ['UTF-16 LE with its mark', Buffer.from(`\ufeff${BASE}`, 'utf16le'), 'is UTF-16 (or UTF-32) text'],
    ['UTF-16 LE without a mark', Buffer.from(BASE, 'utf16le'), 'is UTF-16 (or UTF-32) text'],
    ['UTF-16 BE', Buffer.from([0xfe, 0xff, 0, 0x61]), 'is UTF-16 (or UTF-32) text'],
    ['a NUL byte', Buffer.from(`${BASE}x: "\u0000"\n`), 'holds NUL bytes'],
    [
      'a byte that is not UTF-8',
      Buffer.from([...Buffer.from('a: 1\nb: x'), 0xff, 0x0a]),
      'is not valid UTF-8 (line 2, byte 9)',
    ],
  ])('refuses %s', (_what, bytes, sentence) => {
    const [english, chinese] = refusal(bytes);
    expect(english).toContain(`The answers file a.yaml ${sentence}`);
    expect(chinese).toContain('应答文件 a.yaml');
    expect(english).toMatch(/Nothing was written\.$/);
  });

  it('says where a byte that is not UTF-8 is, past a real U+FFFD', () => {
    const bytes = Buffer.concat([
      Buffer.from('a: "\ufffd"\nb: "'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"\n'),
    ]);
    expect(refusal(bytes)[0]).toContain('(line 2, byte 13)');
  });

  it(`refuses a file larger than ${MAX_ANSWERS_BYTES} bytes without parsing it`, () => {
    const [english, chinese] = refusal(`${BASE}x: "${'a'.repeat(MAX_ANSWERS_BYTES)}"\n`);
    expect(english).toBe(
      'The answers file a.yaml is larger than 1 MiB; an answers file holds a few kilobytes. Nothing was written.',
    );
    expect(chinese).toContain('大于 1 MiB');
  });

  it.each([
    ['JSON arrays', nested(5000)],
    ['JSON objects', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`],
    ['a YAML value', `${BASE}apiserver: {extraArgs: ${nested(3000)}}\n`],
    ['YAML blocks', Array.from({ length: 60 }, (_, i) => `${' '.repeat(i)}- `).join('\n')],
    ['aliases of aliases', '&a [*a]\n'],
  ])(`refuses %s nested past ${MAX_ANSWERS_DEPTH} levels, saying so`, (_what, text) => {
    const [english, chinese] = refusal(text);
    expect(english).toMatch(
      new RegExp(`nests lists or mappings more than ${MAX_ANSWERS_DEPTH} levels deep \\(line \\d+\\)`),
    );
    expect(chinese).toContain(`嵌套超过 ${MAX_ANSWERS_DEPTH} 层`);
  });

  it('reads nesting up to the limit', () => {
    const r = readAnswersText(`${BASE}apiserver: {extraArgs: ${nested(MAX_ANSWERS_DEPTH - 2)}}\n`);
    expect(r.ok).toBe(true);
  });

  it('refuses a file with far too many values, and aliases that grow too large', () => {
    expect(refusal(`x: [${'1,'.repeat(60_000)}1]\n`)[0]).toContain(
      'holds far more than an answers file does',
    );
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f'].entries()) {
      const prev = 'abcdef'[i]!;
      laughs.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    expect(refusal(`${laughs.join('\n')}\n`)[0]).toContain(
      'grows to more than 10000 values through its aliases',
    );
  });

  it('refuses several documents, an empty file and a parse error with one clear sentence', () => {
    expect(refusal(`${BASE}---\n${BASE}`)[0]).toBe(
      'The answers file a.yaml holds 2 YAML documents (the second starts with --- at line 6); an answers file holds one. Nothing was written.',
    );
    for (const empty of ['', '\n\n', '# only a comment\n', '---\n']) {
      expect(refusal(empty)[0]).toContain('is empty; it needs at least advertiseAddress');
    }
    expect(refusal('advertiseAddress: [unclosed\n')).toEqual([
      'The answers file a.yaml is not valid YAML or JSON: line 2, column 1: a [ or { that is not closed with its ] or }. Nothing was written.',
      '应答文件 a.yaml 不是有效的 YAML 或 JSON:第 2 行第 1 列:[ 或 { 没有用对应的 ] 或 } 闭合。未写入任何文件。',
    ]);
    expect(refusal('a: "x\n')[0]).toContain('line 2, column 1: a quote that is not closed.');
    expect(refusal('a:\n\t- x\n')[0]).toContain('a tab is used to indent');
    for (const [english] of [refusal('a: 1\nb: x\na: 2\n'), refusal('{"a": 1, "a": 2}')]) {
      expect(english).not.toMatch(/:\s*$/);
      expect(english).toMatch(/the key .+ appears twice in the same mapping/);
    }
  });

  it('names every key as written, and refuses a key that is a list or a mapping', () => {
    expect(problems(`${BASE}~: 1\n`)).toContain(
      '~: 1 is not accepted; expected one of the known keys (see `kmaster-wizard profiles export` for the full shape).',
    );
    expect(problems(`${BASE}null: 1\n`)[0]).toMatch(/^null: 1 is not accepted/);
    expect(problems(`${BASE}"": 1\n`)[0]).toMatch(/^"" \(the empty key\): 1 is not accepted/);
    expect(problems(`${BASE}"": 1\n`, 'zh')[0]).toMatch(/^""\(空键\):不接受 1/);
    expect(problems(`${BASE}__proto__: {polluted: true}\n`)[0]).toMatch(
      /^__proto__: \{"polluted":true\} is not/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems(`${BASE}[a, b]: 1\n`)).toEqual([
      '(answers): "[a, b]" is not accepted; expected keys that are plain names, not lists or mappings.',
    ]);
  });

  it('refuses YAML tags and unfilled templates at their field, with no warning of its own', () => {
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(w.message);
    process.on('warning', listen);
    try {
      const base = BASE.replace('advertiseAddress: 192.168.50.101\n', '');
      expect(problems(`${base}advertiseAddress: !foo 192.168.50.101\n`)).toEqual([
        'advertiseAddress: "!foo 192.168.50.101" is not accepted; expected a plain value without a YAML tag (!foo is not read).',
      ]);
      expect(problems(`${base}advertiseAddress: !!binary aGk=\n`)[0]).toContain('(!!binary is not read)');
      expect(problems(`${base}advertiseAddress: {{ .Values.ip }}\n`)).toEqual([
        'advertiseAddress: "{{ .Values.ip }}" is not accepted; expected a value, not a template placeholder: fill in {{ … }} before using the file.',
      ]);
      expect(problems(`${base}advertiseAddress: "{{ .Values.ip }}"\n`)[0]).toContain(
        'not a template placeholder',
      );
      expect(problems(`${base}advertiseAddress: "{{ .Values.ip }}"\n`, 'zh')[0]).toContain('模板占位符');
    } finally {
      process.off('warning', listen);
    }
    expect(warnings).toEqual([]);
  });

  it('YAML read from elsewhere (a --set value, a kubeconfig on the host) prints no warning either', async () => {
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(w.message);
    process.on('warning', listen);
    try {
      expect(parseSet('apiserver.extraArgs=[!foo --a=1, {{ .Values.x }}]')).toMatchObject({
        key: 'apiserver.extraArgs',
      });
      // Node prints process warnings on the next tick
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listen);
    }
    expect(warnings).toEqual([]);
  });

  it('tells what YAML made of a value written without quotes', () => {
    const base = BASE.replace('kubernetesVersion: "1.13"\n', '');
    expect(problems(`${base}kubernetesVersion: 1.20\n`)).toEqual([
      'kubernetesVersion: 1.20 is not accepted; expected text: YAML reads 1.20 without quotes as the number 1.2, so write it in quotes: "1.20".',
    ]);
    expect(problems(`${base}kubernetesVersion: 1.20\n`, 'zh')).toEqual([
      'kubernetesVersion:不接受 1.20;应为文本:不加引号时 YAML 把 1.20 读成数字 1.2,请加上引号写成 "1.20"。',
    ]);
    // quoting would not help: the field says what it takes
    expect(problems(`${base}kubernetesVersion: 1.9\n`)[0]).toContain(
      'kubernetesVersion: 1.9 is not accepted; expected a Kubernetes minor version',
    );
    const noPort = BASE.replace('securePort: 6443\n', '');
    for (const v of ['.inf', '-.inf', '.nan', '1e400']) {
      expect(problems(`${noPort}securePort: ${v}\n`)).toEqual([
        `securePort: ${v} is not accepted; expected a whole number from 1 to 65535.`,
      ]);
    }
    expect(problems(BASE.replace('192.168.50.101\nbind', '\nbind'))[0]).toBe(
      'advertiseAddress: (empty) is not accepted; expected text.',
    );
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const r = readAnswersBytes(bytes);
        if (r.ok) parseAnswers(r.data, r);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on YAML made of YAML’s own punctuation', () => {
    const piece = fc.constantFrom(
      ...'[]{}:,-?&*!|>\'"%@` \n\t#~'.split(''),
      'a',
      '1.20',
      '.inf',
      '&x ',
      '*x',
      '!!str ',
      '!foo ',
      '---\n',
      '<<: ',
      '{{ .Values.ip }}',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const r = readAnswersText(pieces.join(''));
        if (r.ok) parseAnswers(r.data, r);
        else
          expect(acceptedText({ ...r.problem, params: { ...r.problem.params, file: 'f' } }, en)).toMatch(
            /^The answers file f /,
          );
      }),
      { numRuns: 1000 },
    );
  });

  it('reads any JSON value the way JSON.parse does, or refuses it as too deep', () => {
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'large', maxDepth: 40 }), (value) => {
        const text = JSON.stringify(value);
        const r = readAnswersText(text);
        if (r.ok) expect(r.data).toEqual(JSON.parse(text));
        else expect(['invalid.tooDeep', 'invalid.empty', 'invalid.tooManyValues']).toContain(r.problem.key);
      }),
      { numRuns: 300 },
    );
  });
});
