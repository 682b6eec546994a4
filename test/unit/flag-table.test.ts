import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPONENTS, type Component } from '../../src/model/components.js';
import {
  FLAG_TABLE,
  flagFacts,
  hasNoEffect,
  isAccepted,
  isDeprecated,
  removedIn,
  requiredFlags,
} from '../../src/model/flag-table.js';
import { MIN_MINOR, NEWEST_MINOR } from '../../src/model/version.js';

const API = 'kube-apiserver';
const KCM = 'kube-controller-manager';
const SCHED = 'kube-scheduler';

const minorOf = (v: string) => Number(v.split('.')[1]);
const ALL_MINORS = Array.from({ length: NEWEST_MINOR - MIN_MINOR + 1 }, (_, i) => MIN_MINOR + i);
const range = (from: number, to: number) => ALL_MINORS.filter((m) => m >= from && m <= to);

const accepted = (c: Component, flag: string, minors: number[]) => {
  for (const m of minors) expect(isAccepted(c, flag, m), `${c} ${flag} accepted in 1.${m}`).toBe(true);
};
const rejected = (c: Component, flag: string, minors: number[]) => {
  for (const m of minors) expect(isAccepted(c, flag, m), `${c} ${flag} rejected in 1.${m}`).toBe(false);
};

/** `--flag` names in a file of the seed guide, commented-out lines included. */
function seedFlags(path: string): string[] {
  const text = readFileSync(new URL(`../fixtures/seed/${path}`, import.meta.url), 'utf8');
  return [...new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]))];
}

describe('flag table: structure', () => {
  it('covers every minor from 1.10 to the newest in order', () => {
    expect(FLAG_TABLE.minors).toEqual(ALL_MINORS.map((m) => `1.${m}`));
  });

  it('has the three components with complete flag lists', () => {
    expect(Object.keys(FLAG_TABLE.components).sort()).toEqual([...COMPONENTS].sort());
    expect(Object.keys(FLAG_TABLE.components[API].flags).length).toBeGreaterThanOrEqual(190);
    expect(Object.keys(FLAG_TABLE.components[KCM].flags).length).toBeGreaterThanOrEqual(150);
    expect(Object.keys(FLAG_TABLE.components[SCHED].flags).length).toBeGreaterThanOrEqual(70);
  });

  const allowedKeys = new Set([
    'from',
    'to',
    'deprecated',
    'noEffectFrom',
    'replacement',
    'note',
    'bool',
    'src',
  ]);
  const minors = new Set(FLAG_TABLE.minors);

  describe.each(COMPONENTS)('%s', (component) => {
    const flags = FLAG_TABLE.components[component].flags;

    it('uses well-formed flag names and known fields only', () => {
      for (const [name, facts] of Object.entries(flags)) {
        expect(name).toMatch(/^--[a-z0-9][a-z0-9_-]*$/);
        for (const key of Object.keys(facts)) expect(allowedKeys.has(key), `${name}.${key}`).toBe(true);
        if ('bool' in facts) expect(facts.bool, `${name}.bool`).toBe(true);
        if (facts.note !== undefined) expect(facts.note.length, `${name}.note`).toBeGreaterThan(0);
      }
    });

    it('keeps every version inside minors, with from <= deprecated/noEffectFrom <= to', () => {
      for (const [name, f] of Object.entries(flags)) {
        expect(minors.has(f.from), `${name}.from ${f.from}`).toBe(true);
        const to = f.to === null ? NEWEST_MINOR : minorOf(f.to);
        if (f.to !== null) expect(minors.has(f.to), `${name}.to ${f.to}`).toBe(true);
        expect(minorOf(f.from), `${name}: from <= to`).toBeLessThanOrEqual(to);
        for (const key of ['deprecated', 'noEffectFrom'] as const) {
          const v = f[key];
          if (v === undefined) continue;
          expect(minors.has(v), `${name}.${key} ${v}`).toBe(true);
          expect(minorOf(v), `${name}.${key} <= to`).toBeLessThanOrEqual(to);
        }
      }
    });

    it('cites only defined sources, at least one per flag', () => {
      for (const [name, f] of Object.entries(flags)) {
        expect(f.src.length, `${name}.src`).toBeGreaterThan(0);
        for (const key of f.src) expect(FLAG_TABLE.sources[key], `${name} cites ${key}`).toBeDefined();
      }
    });

    it('names replacements that exist and are accepted once the old flag is gone', () => {
      for (const [name, f] of Object.entries(flags)) {
        if (typeof f.replacement !== 'string') continue;
        expect(flags[f.replacement], `${name} -> ${f.replacement}`).toBeDefined();
        if (f.to !== null && minorOf(f.to) < NEWEST_MINOR) {
          expect(
            isAccepted(component, f.replacement, minorOf(f.to) + 1),
            `${f.replacement} after ${name}`,
          ).toBe(true);
        }
      }
    });

    it('requires only flags the same versions accept', () => {
      for (const r of FLAG_TABLE.components[component].required) {
        for (const key of r.src) expect(FLAG_TABLE.sources[key]).toBeDefined();
        const to = r.to === null ? NEWEST_MINOR : minorOf(r.to);
        for (const flag of r.flags) accepted(component, flag, range(minorOf(r.from), to));
      }
    });
  });

  it('defines no source that nothing cites', () => {
    const cited = new Set<string>(['W']);
    for (const c of COMPONENTS) {
      for (const f of Object.values(FLAG_TABLE.components[c].flags)) for (const s of f.src) cited.add(s);
      for (const r of FLAG_TABLE.components[c].required) for (const s of r.src) cited.add(s);
    }
    expect(Object.keys(FLAG_TABLE.sources).filter((k) => !cited.has(k))).toEqual([]);
  });

  it('keeps one flag per line in the data file', () => {
    const text = readFileSync(new URL('../../src/model/data/flag-table.json', import.meta.url), 'utf8');
    const lines = text.split('\n');
    for (const c of COMPONENTS) {
      for (const name of Object.keys(FLAG_TABLE.components[c].flags)) {
        const line = lines.find((l) => l.trimStart().startsWith(`"${name}": {`) && /},?$/.test(l));
        expect(line, `${c} ${name} on one line`).toBeDefined();
      }
    }
  });
});

describe('flag table: the seed guide', () => {
  const files: [Component, string][] = [
    [API, 'etc/kubernetes/apiserver'],
    [KCM, 'etc/kubernetes/controller-manager'],
    [SCHED, 'etc/kubernetes/scheduler'],
  ];

  it.each(files)('%s accepts every flag of %s in 1.13', (component, path) => {
    const flags = seedFlags(path);
    expect(flags.length).toBeGreaterThan(4);
    for (const flag of flags) expect(isAccepted(component, flag, 13), `${flag} in 1.13`).toBe(true);
  });

  it('finds the commented-out --kubelet-port and the flags the guide only mentions', () => {
    expect(seedFlags('etc/kubernetes/apiserver')).toContain('--kubelet-port');
    // the guide's notes mention --insecure-bind-address for the 127.0.0.1:8080 port
    accepted(API, '--insecure-bind-address', [13]);
    accepted(API, '--insecure-port', [13]);
  });
});

describe('flag table: kube-apiserver facts', () => {
  it('keeps the stable seed flags in every version, not deprecated', () => {
    for (const flag of [
      '--advertise-address',
      '--bind-address',
      '--secure-port',
      '--etcd-servers',
      '--service-cluster-ip-range',
      '--anonymous-auth',
      '--allow-privileged',
      '--audit-log-maxage',
      '--audit-log-maxbackup',
      '--audit-log-maxsize',
      '--audit-log-path',
      '--authorization-mode',
      '--client-ca-file',
      '--enable-bootstrap-token-auth',
      '--enable-admission-plugins',
      '--etcd-cafile',
      '--etcd-certfile',
      '--etcd-keyfile',
      '--event-ttl',
      '--service-account-key-file',
      '--service-account-issuer',
      '--service-account-signing-key-file',
      '--service-node-port-range',
      '--tls-cert-file',
      '--tls-private-key-file',
      '--token-auth-file',
      '--v',
    ]) {
      accepted(API, flag, ALL_MINORS);
      expect(isDeprecated(API, flag, NEWEST_MINOR), flag).toBe(false);
      expect(removedIn(API, flag), flag).toBeNull();
    }
  });

  it('--enable-swagger-ui: listed to 1.13, no effect from 1.14, unknown from 1.24', () => {
    accepted(API, '--enable-swagger-ui', [10, 13, 14, 23]);
    rejected(API, '--enable-swagger-ui', [24, NEWEST_MINOR]);
    expect(removedIn(API, '--enable-swagger-ui')).toBe('1.24');
    expect(hasNoEffect(API, '--enable-swagger-ui', 13)).toBe(false);
    expect(hasNoEffect(API, '--enable-swagger-ui', 14)).toBe(true);
    expect(isDeprecated(API, '--enable-swagger-ui', 14)).toBe(true);
    expect(flagFacts(API, '--enable-swagger-ui')?.replacement).toBeNull();
  });

  it('--kubelet-https: deprecated in 1.19, gone in 1.22', () => {
    accepted(API, '--kubelet-https', [10, 18, 19, 21]);
    rejected(API, '--kubelet-https', [22, 30]);
    expect(isDeprecated(API, '--kubelet-https', 18)).toBe(false);
    expect(isDeprecated(API, '--kubelet-https', 19)).toBe(true);
  });

  it('--insecure-port and --insecure-bind-address: hidden from 1.10, inert from 1.20, gone in 1.24', () => {
    for (const flag of ['--insecure-port', '--insecure-bind-address']) {
      accepted(API, flag, range(10, 23));
      rejected(API, flag, [24, NEWEST_MINOR]);
      expect(isDeprecated(API, flag, 10)).toBe(true);
      expect(hasNoEffect(API, flag, 19)).toBe(false);
      expect(hasNoEffect(API, flag, 20)).toBe(true);
    }
    expect(flagFacts(API, '--insecure-port')?.replacement).toBe('--secure-port');
  });

  it('--apiserver-count: listed to 1.23, deprecated and hidden but accepted from 1.24', () => {
    accepted(API, '--apiserver-count', range(10, 27));
    expect(isDeprecated(API, '--apiserver-count', 23)).toBe(false);
    expect(isDeprecated(API, '--apiserver-count', 24)).toBe(true);
    expect(flagFacts(API, '--apiserver-count')?.src).toContain('I#119856');
  });

  it('--kubelet-port: hidden and deprecated in every version, still registered in 1.32', () => {
    accepted(API, '--kubelet-port', range(10, 32));
    expect(isDeprecated(API, '--kubelet-port', 10)).toBe(true);
    expect(flagFacts(API, '--kubelet-port')?.replacement).toBeNull();
  });

  it('--admission-control: replaced by --enable-admission-plugins in 1.10, still accepted', () => {
    accepted(API, '--admission-control', [10, 20, NEWEST_MINOR]);
    expect(flagFacts(API, '--admission-control')?.replacement).toBe('--enable-admission-plugins');
  });

  it('--service-account-issuer, --service-account-signing-key-file, --service-account-key-file: required from 1.20', () => {
    const sa = [
      '--service-account-issuer',
      '--service-account-signing-key-file',
      '--service-account-key-file',
    ];
    for (const m of range(10, 19))
      for (const f of sa) expect(requiredFlags(API, m), `1.${m}`).not.toContain(f);
    for (const m of range(20, NEWEST_MINOR))
      for (const f of sa) expect(requiredFlags(API, m), `1.${m}`).toContain(f);
  });

  it('--etcd-servers: required in every version', () => {
    for (const m of ALL_MINORS) expect(requiredFlags(API, m)).toContain('--etcd-servers');
  });

  it('marks value-less flags as bool and valued flags not', () => {
    for (const flag of [
      '--anonymous-auth',
      '--allow-privileged',
      '--enable-bootstrap-token-auth',
      '--logtostderr',
      '--enable-swagger-ui',
      '--kubelet-https',
      '--version',
    ]) {
      expect(flagFacts(API, flag)?.bool, flag).toBe(true);
    }
    for (const flag of [
      '--v',
      '--secure-port',
      '--apiserver-count',
      '--etcd-servers',
      '--kubelet-port',
      '--event-ttl',
    ]) {
      expect(flagFacts(API, flag)?.bool, flag).toBeUndefined();
    }
  });
});

describe('flag table: logging flags (all components)', () => {
  it.each(COMPONENTS)('%s: klog flags deprecated in 1.23, gone in 1.26; -v kept', (component) => {
    for (const flag of ['--logtostderr', '--alsologtostderr', '--log-dir', '--stderrthreshold']) {
      accepted(component, flag, range(10, 25)); // 1.10–1.12 pages omit the glog flags
      rejected(component, flag, [26, NEWEST_MINOR]);
      expect(isDeprecated(component, flag, 22)).toBe(false);
      expect(isDeprecated(component, flag, 23)).toBe(true);
    }
    for (const flag of ['--log-file', '--skip-headers', '--add-dir-header', '--one-output']) {
      rejected(component, flag, [26]);
      accepted(component, flag, [22, 25]);
    }
    rejected(component, '--log-file', [12]); // klog replaced glog in 1.13
    accepted(component, '--v', ALL_MINORS);
    accepted(component, '--vmodule', ALL_MINORS);
    accepted(component, '--log-flush-frequency', ALL_MINORS);
    expect(flagFacts(component, '--logtostderr')?.bool).toBe(true);
  });
});

describe('flag table: kube-controller-manager facts', () => {
  it('keeps the stable seed flags in every version', () => {
    for (const flag of [
      '--bind-address',
      '--cluster-name',
      '--cluster-signing-cert-file',
      '--cluster-signing-key-file',
      '--leader-elect',
      '--master',
      '--kubeconfig',
      '--root-ca-file',
      '--service-account-private-key-file',
      '--service-cluster-ip-range',
      '--secure-port',
    ]) {
      accepted(KCM, flag, ALL_MINORS);
      expect(isDeprecated(KCM, flag, NEWEST_MINOR), flag).toBe(false);
    }
    expect(flagFacts(KCM, '--bind-address')?.from).toBe('1.10');
    expect(flagFacts(KCM, '--leader-elect')?.bool).toBe(true);
  });

  it('--service-account-private-key-file: accepted in 1.11 although the 1.11 page omits it', () => {
    accepted(KCM, '--service-account-private-key-file', [11]);
    expect(flagFacts(KCM, '--service-account-private-key-file')?.src).toContain('PR#65182');
  });

  it('--secure-port: off by default before 1.12, 10257 from 1.12', () => {
    const note = flagFacts(KCM, '--secure-port')?.note ?? '';
    expect(note).toMatch(/10257/);
    expect(note).toMatch(/1\.12/);
  });

  it('--port and --address: listed to 1.11, hidden 1.12–1.23, inert from 1.22, gone in 1.24', () => {
    for (const flag of ['--port', '--address']) {
      accepted(KCM, flag, range(10, 23));
      rejected(KCM, flag, [24, NEWEST_MINOR]);
      expect(hasNoEffect(KCM, flag, 21)).toBe(false);
      expect(hasNoEffect(KCM, flag, 22)).toBe(true);
      expect(isDeprecated(KCM, flag, 10)).toBe(true);
    }
    expect(flagFacts(KCM, '--port')?.replacement).toBe('--secure-port');
    expect(flagFacts(KCM, '--address')?.replacement).toBe('--bind-address');
  });

  it('has no flag it requires', () => {
    for (const m of ALL_MINORS) expect(requiredFlags(KCM, m)).toEqual([]);
  });
});

describe('flag table: kube-scheduler facts', () => {
  it('--address: deprecated 1.11, inert 1.23, unknown from 1.24; accepted in the seed era', () => {
    accepted(SCHED, '--address', range(10, 23));
    rejected(SCHED, '--address', [24, NEWEST_MINOR]);
    expect(isDeprecated(SCHED, '--address', 10)).toBe(false);
    expect(isDeprecated(SCHED, '--address', 11)).toBe(true);
    expect(hasNoEffect(SCHED, '--address', 22)).toBe(false);
    expect(hasNoEffect(SCHED, '--address', 23)).toBe(true);
    expect(flagFacts(SCHED, '--address')?.replacement).toBe('--bind-address');
  });

  it('--port: like --address, replaced by --secure-port', () => {
    accepted(SCHED, '--port', range(10, 23));
    rejected(SCHED, '--port', [24]);
    expect(flagFacts(SCHED, '--port')?.replacement).toBe('--secure-port');
  });

  it('--bind-address and --secure-port: from 1.13', () => {
    for (const flag of ['--bind-address', '--secure-port']) {
      rejected(SCHED, flag, [10, 12]);
      accepted(SCHED, flag, range(13, NEWEST_MINOR));
    }
  });

  it('keeps --leader-elect, --master and --kubeconfig in every version', () => {
    for (const flag of ['--leader-elect', '--master', '--kubeconfig']) {
      accepted(SCHED, flag, ALL_MINORS);
      // --kubeconfig only carries a DEPRECATED usage text (superseded by --config), it is not on its way out
      expect(isDeprecated(SCHED, flag, NEWEST_MINOR), flag).toBe(false);
    }
  });

  it('--lock-object-name: replaced by --leader-elect-resource-name, gone in 1.28', () => {
    rejected(SCHED, '--lock-object-name', [28]);
    accepted(SCHED, '--lock-object-name', [27]);
    expect(flagFacts(SCHED, '--lock-object-name')?.replacement).toBe('--leader-elect-resource-name');
  });
});
