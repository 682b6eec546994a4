/**
 * The bad-input catalogue: answers files of every kind the fuzzing found, each with the
 * words its refusal must hold in English and in Chinese (the field, or what is wrong with
 * the file). Every one must end in exit 2 with nothing written, no stack trace and no raw
 * control character — through `apply --root`, `preflight --root` and `profiles import`.
 */

export interface BadInput {
  name: string;
  /** the answers file as it is on disk */
  file: string | Uint8Array;
  /** what the output must say, in English and in Chinese */
  en: string;
  zh: string;
}

export const BASE = `kubernetesVersion: "1.13"
advertiseAddress: 192.168.50.101
bindAddress: 192.168.50.101
securePort: 6443
etcdServers:
  - https://192.168.50.101:2379
  - https://192.168.50.102:2379
  - https://192.168.50.1:2379
`;

/** The base answers with one top-level line replaced (or added). */
function withLine(key: string, line: string): string {
  const kept = BASE.split('\n').filter((l) => !l.startsWith(`${key}:`));
  return `${[...kept.filter((l) => l !== ''), line].join('\n')}\n`;
}

const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

export const CATALOGUE: BadInput[] = [
  // paths that collide
  {
    name: 'a unit directory that is an EnvironmentFile',
    file: `${BASE}paths: {unitDir: /etc/kubernetes/apiserver}\n`,
    en: 'paths.unitDir: "/etc/kubernetes/apiserver" is not accepted; expected a directory of its own',
    zh: 'paths.unitDir:不接受 "/etc/kubernetes/apiserver";应为单独的目录',
  },
  {
    name: 'a config directory that is a unit file',
    file: `${BASE}paths: {configDir: /etc/systemd/system/kube-apiserver.service}\n`,
    en: 'paths.configDir: "/etc/systemd/system/kube-apiserver.service" is not accepted; expected a directory of its own',
    zh: 'paths.configDir:不接受',
  },
  {
    name: 'a CA file the wizard would overwrite',
    file: `${BASE}certs: {caFile: /etc/kubernetes/scheduler}\n`,
    en: 'certs.caFile: "/etc/kubernetes/scheduler" is not accepted; expected a file of its own',
    zh: 'certs.caFile:不接受 "/etc/kubernetes/scheduler";应为单独的文件',
  },
  {
    name: 'binaries inside a certificate',
    file: `${BASE}paths: {binDir: /etc/kubernetes/ssl/ca.pem/bin}\n`,
    en: 'paths.binDir: "/etc/kubernetes/ssl/ca.pem/bin" is not accepted; expected a path that is not inside a file',
    zh: 'paths.binDir:不接受 "/etc/kubernetes/ssl/ca.pem/bin";应为不在文件之内的路径',
  },
  // deep and huge
  {
    name: 'JSON nested 5,000 deep',
    file: nested(5000),
    en: 'nests lists or mappings more than 32 levels deep',
    zh: '嵌套超过 32 层',
  },
  {
    name: 'a YAML value nested 10,000 deep',
    file: `${BASE}apiserver: {extraArgs: ${nested(10000)}}\n`,
    en: 'nests lists or mappings more than 32 levels deep (line 9)',
    zh: '嵌套超过 32 层(第 9 行)',
  },
  {
    name: 'a 2 MB value',
    file: `${BASE}x: "${'a'.repeat(2_000_000)}"\n`,
    en: 'is larger than 1 MiB',
    zh: '大于 1 MiB',
  },
  {
    name: 'a 100 kB key',
    file: `${BASE}${'k'.repeat(100_000)}: 1\n`,
    en: 'a key longer than 1024 characters',
    zh: '键超过 1024 个字符',
  },
  {
    name: 'a 100 kB key in JSON',
    file: JSON.stringify({
      advertiseAddress: '192.168.50.101',
      bindAddress: '192.168.50.101',
      securePort: 6443,
      etcdServers: ['https://192.168.50.101:2379'],
      ['k'.repeat(100_000)]: 1,
    }),
    en: `${'k'.repeat(37)}...: 1 is not accepted; expected one of the known keys`,
    zh: `${'k'.repeat(37)}...:不接受 1`,
  },
  {
    name: 'aliases that grow a billion times',
    file: `a: &a [x, x, x, x, x, x, x, x, x, x]\n${['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
      .map((n, i) => `${n}: &${n} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)
      .join('\n')}\n`,
    en: 'grows to more than 10000 values through its aliases',
    zh: '通过别名(*name)展开后超过 10000 个值',
  },
  // control and bidi characters, odd keys
  {
    name: 'a key that prints a line of its own',
    file: `${BASE}"x\\nFiles written under /. Nothing was started.": 1\n`,
    en: '"x\\nFiles written under /. Nothing wa...: 1 is not accepted',
    zh: '"x\\nFiles written under /. Nothing wa...:不接受 1',
  },
  {
    name: 'a key with an escape sequence',
    file: `${BASE}"\\e[2J\\e[31mred": 1\n`,
    en: '"\\u001b[2J\\u001b[31mred": 1 is not accepted',
    zh: '"\\u001b[2J\\u001b[31mred":不接受 1',
  },
  {
    name: 'a key with a NUL',
    file: `${BASE}"a\\0b": 1\n`,
    en: '"a\\u0000b": 1 is not accepted',
    zh: '"a\\u0000b":不接受 1',
  },
  {
    name: 'DEL, NEL, CSI and RLO in a value',
    file: withLine('advertiseAddress', 'advertiseAddress: "192.168.50.101\\x7f\\N\\x9b\\u202e"'),
    en: 'advertiseAddress: "192.168.50.101\\u007f\\u0085\\u009b\\u202e" is not accepted',
    zh: 'advertiseAddress:不接受 "192.168.50.101\\u007f\\u0085\\u009b\\u202e"',
  },
  {
    name: 'the key ~',
    file: `${BASE}~: 1\n`,
    en: '~: 1 is not accepted; expected one of the known keys',
    zh: '~:不接受 1;应为已知的键之一',
  },
  {
    name: 'the key null',
    file: `${BASE}null: 1\n`,
    en: 'null: 1 is not accepted; expected one of the known keys',
    zh: 'null:不接受 1',
  },
  {
    name: 'the empty key',
    file: `${BASE}"": 1\n`,
    en: '"" (the empty key): 1 is not accepted',
    zh: '""(空键):不接受 1',
  },
  {
    name: 'a key that is a list',
    file: `${BASE}[a, b]: 1\n`,
    en: '(answers): "[a, b]" is not accepted; expected keys that are plain names, not lists or mappings',
    zh: '(应答):不接受 "[a, b]";应为以普通名称作键',
  },
  // encodings
  {
    name: 'UTF-16 with a byte-order mark',
    file: new Uint8Array(Buffer.from(`\ufeff${BASE}`, 'utf16le')),
    en: 'is UTF-16 (or UTF-32) text; save it as UTF-8',
    zh: '是 UTF-16(或 UTF-32)文本;请另存为 UTF-8',
  },
  {
    name: 'UTF-16 without a byte-order mark',
    file: new Uint8Array(Buffer.from(BASE, 'utf16le')),
    en: 'is UTF-16 (or UTF-32) text',
    zh: 'UTF-16',
  },
  {
    name: 'a byte that is not UTF-8',
    file: new Uint8Array([...Buffer.from(BASE), ...Buffer.from('x: "'), 0xff, ...Buffer.from('"\n')]),
    en: 'is not valid UTF-8 (line 9, byte',
    zh: '不是有效的 UTF-8(第 9 行',
  },
  // YAML tags, templates, several documents
  {
    name: 'an unknown YAML tag',
    file: withLine('advertiseAddress', 'advertiseAddress: !foo 192.168.50.101'),
    en: 'advertiseAddress: "!foo 192.168.50.101" is not accepted; expected a plain value without a YAML tag (!foo is not read)',
    zh: 'advertiseAddress:不接受 "!foo 192.168.50.101";应为不带 YAML 标签的普通值',
  },
  {
    name: 'a template not filled in',
    file: withLine('advertiseAddress', 'advertiseAddress: {{ .Values.ip }}'),
    en: 'advertiseAddress: "{{ .Values.ip }}" is not accepted; expected a value, not a template placeholder',
    zh: 'advertiseAddress:不接受 "{{ .Values.ip }}";应为具体的值,而不是模板占位符',
  },
  {
    name: 'two YAML documents',
    file: `${BASE}---\n${BASE}`,
    en: 'holds 2 YAML documents (the second starts with --- at line 9); an answers file holds one',
    zh: '含有 2 个 YAML 文档',
  },
  // messages that tell the truth
  {
    name: 'a port of .inf',
    file: withLine('securePort', 'securePort: .inf'),
    en: 'securePort: .inf is not accepted; expected a whole number from 1 to 65535.',
    zh: 'securePort:不接受 .inf;应为1 到 65535 之间的整数。',
  },
  {
    name: 'a port of 1e400',
    file: withLine('securePort', 'securePort: 1e400'),
    en: 'securePort: 1e400 is not accepted; expected a whole number from 1 to 65535.',
    zh: 'securePort:不接受 1e400',
  },
  {
    name: 'a version YAML reads as a number',
    file: withLine('kubernetesVersion', 'kubernetesVersion: 1.20'),
    en: 'kubernetesVersion: 1.20 is not accepted; expected text: YAML reads 1.20 without quotes as the number 1.2, so write it in quotes: "1.20".',
    zh: 'kubernetesVersion:不接受 1.20;应为文本:不加引号时 YAML 把 1.20 读成数字 1.2,请加上引号写成 "1.20"。',
  },
  {
    name: 'a DNS name with an empty label',
    file: `${BASE}loadBalancer: {names: [lb..com]}\n`,
    en: 'loadBalancer.names.0: "lb..com" is not accepted; expected a DNS name like lb.example.com.',
    zh: 'loadBalancer.names.0:不接受 "lb..com";应为DNS 名称',
  },
  {
    name: 'an empty file',
    file: '',
    en: 'is empty; it needs at least advertiseAddress, bindAddress, securePort and etcdServers',
    zh: '是空的',
  },
  {
    name: 'a parse error',
    file: withLine('advertiseAddress', 'advertiseAddress: [192.168.50.101'),
    en: 'is not valid YAML or JSON: line 9, column 1: a [ or { that is not closed with its ] or }. Nothing was written.',
    zh: '不是有效的 YAML 或 JSON:第 9 行第 1 列',
  },
  {
    name: 'no etcd member',
    file: withLine('etcdServers', 'etcdServers: []').replace(/^ {2}- .*\n/gm, ''),
    en: 'etcdServers: [] is not accepted; expected a list with at least one entry.',
    zh: 'etcdServers:不接受 [];应为至少包含一项的列表。',
  },
  // values the seed rules out
  {
    name: 'a loopback advertise address',
    file: withLine('advertiseAddress', 'advertiseAddress: 127.0.0.1'),
    en: 'advertiseAddress: "127.0.0.1" is not accepted; expected an address the other members can reach: not a loopback address',
    zh: 'advertiseAddress:不接受 "127.0.0.1";应为其他成员能访问到的地址:不能是 127.0.0.1 或 ::1 这样的回环地址',
  },
  {
    name: 'a link-local advertise address',
    file: withLine('advertiseAddress', 'advertiseAddress: 169.254.169.254'),
    en: 'advertiseAddress: "169.254.169.254" is not accepted; expected an address the other members can reach: not a link-local address',
    zh: '不能是链路本地地址',
  },
  {
    name: 'an authorization mode twice',
    file: `${BASE}apiserver: {authorizationMode: [RBAC, RBAC]}\n`,
    en: 'apiserver.authorizationMode.1: "RBAC" is not accepted; expected each entry once (RBAC is listed twice).',
    zh: 'apiserver.authorizationMode.1:不接受 "RBAC";应为每项只出现一次(RBAC 出现了两次)。',
  },
];
