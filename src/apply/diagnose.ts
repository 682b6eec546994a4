import type { UnitState } from '../host/systemd.js';
import { flagFacts, removedIn } from '../model/flag-table.js';
import { isHaService, type Service } from '../model/ha-layout.js';
import { minorString, parseMinor } from '../model/version.js';
import type { LogLine } from './klog.js';

/**
 * Why a unit failed, from its journal lines and its systemd state: the known causes of the
 * seed's path (see docs: "What goes wrong by hand"), each with the facts its message and
 * fix need. Pure.
 */
export type CauseId =
  | 'binary-missing'
  | 'unknown-flag'
  | 'required-flag'
  | 'flag-value'
  | 'file-missing'
  | 'file-unreadable'
  | 'address-in-use'
  | 'permission-denied'
  | 'cert-not-valid-for'
  | 'cert-expired'
  | 'cert-untrusted'
  | 'etcd-tls'
  | 'etcd-unreachable'
  | 'apiserver-unreachable'
  | 'credentials-refused'
  | 'rbac-forbidden'
  | 'config-invalid'
  | 'unhealthy'
  | 'unknown';

export interface Diagnosis {
  cause: CauseId;
  /** the facts the message and fix are built from (flag, path, address, version …) */
  params: Record<string, string>;
  /** the journal line the cause was read from */
  evidence?: string;
}

export interface DiagnoseInput {
  /** a kube component, or haproxy / keepalived of the HA front */
  component: Service;
  minor: number;
  lines: readonly LogLine[];
  state: UnitState | null;
  /** the etcd servers of the answers (https://host:port) */
  etcdServers: readonly string[];
  /** the last health check's message, when the unit ran but never became healthy */
  health?: string;
  /** the minor version the binary itself reports, when it differs from the answers' */
  binaryMinor?: number;
  /** the component's client certificate for the apiserver (1.20+) and the cluster CA */
  clientCert?: string;
  caFile?: string;
}

type Rule = (text: string, input: DiagnoseInput) => Record<string, string> | null;

const CERTISH = /\.(pem|crt|cer|key)$|\/(ssl|pki|certs?)\//;

const host = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

function unknownFlag(text: string, input: DiagnoseInput): Record<string, string> | null {
  const m =
    /unknown (?:shorthand )?flag:? '?(--?[A-Za-z0-9][\w.-]*)/.exec(text) ??
    /flag provided but not defined: -?(-[A-Za-z0-9][\w.-]*)/.exec(text);
  if (!m || isHaService(input.component)) return null;
  const flag = m[1]!.startsWith('--') ? m[1]! : `-${m[1]!.replace(/^-+/, '-')}`;
  const facts = flagFacts(input.component, flag);
  const removed = removedIn(input.component, flag);
  const minor = input.binaryMinor ?? input.minor;
  const version = minorString(minor);
  const wasRemoved = removed !== null && minor >= (parseMinor(removed) ?? 0);
  const known = facts ? (wasRemoved ? 'removed' : 'later') : 'never';
  return {
    flag,
    component: input.component,
    version,
    ...(input.binaryMinor !== undefined && input.binaryMinor !== input.minor
      ? { answersVersion: minorString(input.minor), binaryVersion: version }
      : {}),
    known,
    removed: removed ?? '',
    from: facts?.from ?? '',
    replacement: facts?.replacement ?? '',
  };
}

const RULES: { cause: CauseId; match: Rule }[] = [
  {
    cause: 'binary-missing',
    match: (t) => {
      const m =
        /Failed to (?:locate|execute) executable (\S+?):? No such file/.exec(t) ??
        /Failed at step EXEC spawning (\S+?): No such file or directory/.exec(t);
      return m ? { path: m[1]! } : null;
    },
  },
  { cause: 'unknown-flag', match: unknownFlag },
  {
    // pflag: a value the flag cannot take (a boolean given "true --next-flag=…" by a `${VAR}`)
    cause: 'flag-value',
    match: (t, input) => {
      const m = /invalid argument "([^"]*)" for "(-{1,2}[\w.-]+)" flag: (.+)$/.exec(t);
      if (!m || isHaService(input.component)) return null;
      const value = m[1]!.length > 80 ? `${m[1]!.slice(0, 77)}...` : m[1]!;
      return { component: input.component, flag: m[2]!, value, braced: `\${NAME}`, plain: '$NAME' };
    },
  },
  {
    cause: 'required-flag',
    match: (t) => {
      const m = /(?<![\w-])(?:--)?([a-z][a-z0-9-]*[a-z0-9]) (?:is a required flag|must be specified)/.exec(t);
      return m ? { flag: `--${m[1]!}` } : null;
    },
  },
  {
    cause: 'file-missing',
    match: (t) => {
      const m = /open (\/[^\s:"')]+): no such file or directory/.exec(t);
      return m ? { path: m[1]!, kind: CERTISH.test(m[1]!) ? 'cert' : 'file' } : null;
    },
  },
  {
    cause: 'file-unreadable',
    match: (t) => {
      const m = /open (\/[^\s:"')]+): permission denied/.exec(t);
      if (m && CERTISH.test(m[1]!)) return { path: m[1]!, why: 'permission denied' };
      const bad =
        /(?:failed to load|unable to load|error loading)[^:]*?(?:certificate|key)[^:]*: (?:tls: |x509: )?(failed to find any PEM data|failed to parse private key|private key does not match public key|malformed certificate)/i.exec(
          t,
        );
      const path = /"?(\/[^\s"']+\.(?:pem|crt|key))"?/.exec(t)?.[1];
      return bad ? { path: path ?? '', why: bad[1]! } : null;
    },
  },
  {
    cause: 'address-in-use',
    match: (t) => {
      const m =
        /listen tcp4? ([^\s:]+:\d+|\[[^\]]+\]:\d+): bind: address already in use/.exec(t) ??
        // haproxy: "… cannot bind socket (Address already in use) [192.168.50.100:8443]"
        /cannot bind socket \(Address already in use\) \[([^\]]+:\d+)\]/.exec(t);
      return m ? { address: m[1]!, port: m[1]!.replace(/^.*:/, '') } : null;
    },
  },
  {
    // haproxy's and keepalived's own verdict on their file
    cause: 'config-invalid',
    match: (t, input) => {
      if (!isHaService(input.component)) return null;
      const m =
        /parsing \[([^\]:]+):(\d+)\] ?: (.+)$/.exec(t) ??
        /\(([^:)]+): Line (\d+)\) (.+)$/.exec(t) ??
        /Binding \[([^\]:]+):(\d+)\] [^:]*: (cannot bind socket.*)$/.exec(t);
      return m ? { path: m[1]!, line: m[2]!, detail: m[3]!.trim() } : null;
    },
  },
  {
    cause: 'permission-denied',
    match: (t) => {
      const m =
        /listen tcp4? (\S+?): bind: permission denied/.exec(t) ??
        /open (\/[^\s:"')]+): permission denied/.exec(t) ??
        /Failed (?:to execute|at step EXEC spawning) (\S+?):? Permission denied/.exec(t) ??
        /(\/[^\s:"')]+): permission denied/.exec(t);
      return m ? { path: m[1]! } : null;
    },
  },
  {
    cause: 'cert-not-valid-for',
    match: (t) => {
      // Go's x509 (the components), and node's TLS (the wizard's own health probe)
      const m =
        /x509: certificate is valid for (.+?), not ([^\s,"')]+)/.exec(t) ??
        /(?:IP|Host): (\S+?)\.? is not in the cert's (?:list|altnames): (.+?)(?:, (?:livez|readyz|healthz):|$)/.exec(
          t,
        );
      if (!m) return null;
      return t.includes('x509:') ? { names: m[1]!, address: m[2]! } : { names: m[2]!.trim(), address: m[1]! };
    },
  },
  {
    cause: 'cert-expired',
    match: (t) => {
      const m = /x509: certificate has expired or is not yet valid(?:: ([^"')]+))?/.exec(t);
      return m ? { detail: (m[1] ?? '').trim() } : null;
    },
  },
  {
    // the apiserver answered 401: it does not trust the component's client certificate
    cause: 'credentials-refused',
    match: (t, input) => {
      if (input.component === 'kube-apiserver' || !/\bUnauthorized\b/.test(t)) return null;
      return { component: input.component, cert: input.clientCert ?? '', ca: input.caFile ?? '' };
    },
  },
  {
    cause: 'rbac-forbidden',
    match: (t, input) => {
      if (input.component === 'kube-apiserver') return null;
      const m = /User \\?"([^"\\]+)\\?" cannot (\w+) resource \\?"([^"\\]+)\\?"/.exec(t);
      return m
        ? {
            component: input.component,
            user: m[1]!,
            verb: m[2]!,
            resource: m[3]!,
            expected: `system:${input.component}`,
          }
        : null;
    },
  },
  {
    cause: 'etcd-tls',
    match: (t, input) => {
      if (!mentionsEtcd(t, input)) return null;
      const detail = [
        /remote error: tls: [a-z ]+[a-z]/,
        /x509: certificate signed by unknown authority/,
        /tls: (?:bad certificate|unknown certificate authority|certificate required)/,
        /authentication handshake failed[^"]*/,
      ]
        .map((re) => re.exec(t)?.[0])
        .find(Boolean);
      const m = detail ? [detail, detail] : null;
      return m ? { server: etcdServerIn(t, input), detail: m[1]! } : null;
    },
  },
  {
    cause: 'cert-untrusted',
    match: (t) =>
      /x509: certificate signed by unknown authority/.test(t) ? { detail: 'unknown authority' } : null,
  },
  {
    cause: 'etcd-unreachable',
    match: (t, input) => {
      if (!mentionsEtcd(t, input)) return null;
      const m =
        /(connection refused|context deadline exceeded|i\/o timeout|no route to host|network is unreachable|connection reset by peer|EOF)/.exec(
          t,
        );
      return m ? { server: etcdServerIn(t, input), detail: m[1]! } : null;
    },
  },
  {
    cause: 'apiserver-unreachable',
    match: (t, input) => {
      if (input.component === 'kube-apiserver') return null;
      const m =
        /dial tcp (\S+?:(?:6443|8080|\d+)): connect: (connection refused|no route to host|network is unreachable)/.exec(
          t,
        );
      return m ? { address: m[1]!, detail: m[2]! } : null;
    },
  },
];

function mentionsEtcd(text: string, input: DiagnoseInput): boolean {
  if (/etcd|storage backend|storage_decorator/i.test(text)) return true;
  return input.etcdServers.some((s) => text.includes(host(s)));
}

function etcdServerIn(text: string, input: DiagnoseInput): string {
  const found = input.etcdServers.find((s) => text.includes(host(s)));
  if (found) return found;
  const m = /(\d{1,3}(?:\.\d{1,3}){3}:2379)/.exec(text);
  return m ? `https://${m[1]}` : input.etcdServers.join(',');
}

/** The most specific known cause found in the lines, else `unknown` with the unit's exit status. */
export function diagnose(input: DiagnoseInput): Diagnosis {
  // the last health message counts as the newest line: a certificate the wizard's own probe
  // refuses is a cause like any the unit logs
  const texts = [...input.lines.map((l) => l.text), ...(input.health ? [input.health] : [])];
  for (const rule of RULES) {
    // the newest matching line is the best evidence
    for (let i = texts.length - 1; i >= 0; i--) {
      const params = rule.match(texts[i]!, input);
      if (params) return { cause: rule.cause, params, evidence: texts[i]! };
    }
  }
  const s = input.state;
  const running = s?.activeState === 'active' && s.subState === 'running';
  if (running && input.health) return { cause: 'unhealthy', params: { message: input.health } };
  const last = [...input.lines]
    .reverse()
    .find((l) => !l.fromSystemd && (l.severity === 'F' || l.severity === 'E'));
  return {
    cause: 'unknown',
    params: {
      state: s ? `${s.activeState}/${s.subState}` : '?',
      result: s?.result ?? '',
      status: s ? String(s.execMainStatus) : '',
    },
    ...(last ? { evidence: last.text } : {}),
  };
}
