// Refreshes src/model/data/flag-table.json from built Kubernetes binaries: for each release
// given (default: every build in the binary cache), the flags the binaries of that minor
// accept (their --help, and the hidden ones found by a trial parse: scripts/flag-truth.mjs)
// become the table's truth for that minor, recorded with a source key "BIN-X.Y.Z". A minor
// newer than the table's newest is added to "minors" first.
//
//   node scripts/flag-table-from-binaries.mjs [VERSION...] [--check]
//
// --check writes nothing and exits 1 when the table and a binary disagree (what the test
// test/real/flag-table-binaries.test.ts asserts). Build the binaries first:
// scripts/k8s-binaries.mjs.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { accepts, probeBinary } from './flag-truth.mjs';
import { cachedBuild, k8sCacheRoot, plainVersion } from './k8s-cache.mjs';

export const TABLE_PATH = new URL('../src/model/data/flag-table.json', import.meta.url).pathname;
export const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

const minorOf = (v) => (v === null || v === undefined ? null : Number(String(v).split('.')[1]));
const minorStr = (m) => `1.${m}`;

/** Whether the table says the flag is accepted in that minor (as src/model/flag-table.ts reads it). */
export function tableAccepts(facts, minor) {
  if (!facts) return false;
  const from = minorOf(facts.from) ?? 0;
  const to = minorOf(facts.to) ?? Number.POSITIVE_INFINITY;
  return minor >= from && minor <= to;
}

export function sourceKey(version) {
  return `BIN-${version}`;
}

function sourceText(version) {
  return (
    `kube-apiserver, kube-controller-manager and kube-scheduler v${version}, built from ` +
    `k8s.io/kubernetes v${version} (Go module proxy) by scripts/k8s-binaries.mjs: the flags ` +
    'their --help lists, and hidden ones accepted by a trial parse (BINARY --flag=1 --version), ' +
    'read by scripts/flag-table-from-binaries.mjs'
  );
}

/** The probes of one release's three binaries (in the binary cache). */
export async function probeRelease(version, table) {
  const build = cachedBuild(version);
  if (!build)
    throw new Error(
      `no complete build of v${version} in ${k8sCacheRoot()}: run scripts/k8s-binaries.mjs ${version}`,
    );
  const probes = {};
  for (const c of COMPONENTS) {
    probes[c] = await probeBinary(join(build.dir, c), new Set(Object.keys(table.components[c].flags)));
  }
  return probes;
}

/**
 * Where the table and a probe disagree for one component and minor: flags the table says
 * are accepted and the binary rejects, the reverse, flags the binary lists that the table
 * lacks, and booleans the table marks otherwise than --help prints them.
 */
export function disagreements(table, component, minor, probe) {
  const flags = table.components[component].flags;
  const out = [];
  for (const [flag, facts] of Object.entries(flags)) {
    const t = tableAccepts(facts, minor);
    const b = accepts(probe, flag);
    if (t !== b) out.push({ flag, table: t, binary: b });
    const listed = probe.listed.get(flag);
    if (t && listed && Boolean(facts.bool) !== listed.bool)
      out.push({ flag, table: t, binary: b, bool: { table: Boolean(facts.bool), binary: listed.bool } });
  }
  for (const flag of [...probe.listed.keys(), ...probe.hidden.keys()]) {
    if (!flags[flag]) out.push({ flag, table: false, binary: true, missing: true });
  }
  return out;
}

/** Makes the table say what the probe says for that minor; returns the changes made, as text. */
export function refreshComponent(table, component, version, probe) {
  const minor = minorOf(version);
  const newest = minorOf(table.minors[table.minors.length - 1]);
  const key = sourceKey(version);
  const flags = table.components[component].flags;
  const changes = [];
  const addSrc = (facts) => {
    if (!facts.src.includes(key)) facts.src.push(key);
  };
  const addNote = (facts, note) => {
    facts.note = facts.note ? `${facts.note}; ${note}` : note;
  };
  for (const [flag, facts] of Object.entries(flags)) {
    const t = tableAccepts(facts, minor);
    const b = accepts(probe, flag);
    if (t && !b) {
      if ((minorOf(facts.from) ?? 0) >= minor) {
        changes.push(
          `${component} ${flag}: not accepted by ${version}, and the table had it from ${facts.from} only`,
        );
      }
      const was = facts.to ?? 'newest';
      facts.to = minorStr(minor - 1);
      addNote(facts, `unknown flag in the built ${version} binary`);
      addSrc(facts);
      changes.push(`${component} ${flag}: removed in ${minorStr(minor)} (the table had it to ${was})`);
    } else if (!t && b) {
      if ((minorOf(facts.from) ?? 0) > minor) {
        facts.from = minorStr(minor);
        addNote(facts, `accepted by the built ${version} binary`);
      }
      if (facts.to !== null && minorOf(facts.to) < minor) {
        facts.to = minor >= newest ? null : minorStr(minor);
        addNote(
          facts,
          `still accepted${probe.hidden.has(flag) ? ' (hidden)' : ''} by the built ${version} binary`,
        );
      }
      addSrc(facts);
      changes.push(
        `${component} ${flag}: accepted by ${version} (now ${facts.from}–${facts.to ?? 'newest'})`,
      );
    } else if (b) {
      addSrc(facts);
    }
    const hidden = probe.hidden.get(flag);
    if (b && hidden?.deprecated && !facts.deprecated) {
      facts.deprecated = minorStr(minor);
      addNote(
        facts,
        `hidden and deprecated in the built ${version} binary (the release that deprecated it may be earlier)`,
      );
      changes.push(`${component} ${flag}: deprecated (hidden) in ${version}`);
    }
    const listed = probe.listed.get(flag);
    if (listed && Boolean(facts.bool) !== listed.bool) {
      if (listed.bool) facts.bool = true;
      else delete facts.bool;
      changes.push(`${component} ${flag}: bool ${listed.bool} as --help of ${version} prints it`);
    }
  }
  for (const [flag, info] of [...probe.listed, ...probe.hidden]) {
    if (flags[flag]) continue;
    const bool = probe.listed.get(flag)?.bool ?? false;
    flags[flag] = {
      from: minorStr(minor),
      to: minor >= newest ? null : minorStr(minor),
      ...(info.deprecated ? { deprecated: minorStr(minor) } : {}),
      ...(bool ? { bool: true } : {}),
      note: `first seen in the built ${version} binary${probe.listed.has(flag) ? '' : ' (hidden)'}; the release that added it is unverified`,
      src: [key],
    };
    changes.push(`${component} ${flag}: added, from ${minorStr(minor)}`);
  }
  table.components[component].flags = Object.fromEntries(
    Object.entries(flags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  table.sources[key] = sourceText(version);
  return changes;
}

/** Adds minors up to `minor` to the table (flags with "to": null reach them). */
export function extendMinors(table, minor) {
  const newest = minorOf(table.minors[table.minors.length - 1]);
  for (let m = newest + 1; m <= minor; m++) table.minors.push(minorStr(m));
}

/** The table's layout on disk: one source, one flag, one requirement a line. */
export function formatTable(table) {
  const one = (v) => {
    if (Array.isArray(v)) return `[${v.map(one).join(', ')}]`;
    if (v && typeof v === 'object')
      return `{${Object.entries(v)
        .map(([k, x]) => `${JSON.stringify(k)}: ${one(x)}`)
        .join(', ')}}`;
    return JSON.stringify(v);
  };
  const block = (entries, indent, close) =>
    `${entries.map(([k, v]) => `${indent}${JSON.stringify(k)}: ${v}`).join(',\n')}\n${close}`;
  const comps = Object.entries(table.components).map(([name, c]) => {
    const flags = block(
      Object.entries(c.flags).map(([f, v]) => [f, one(v)]),
      '        ',
      '      }',
    );
    const req = c.required.length
      ? `[\n${c.required.map((r) => `        ${one(r)}`).join(',\n')}\n      ]`
      : '[]';
    return [name, `{\n      "flags": {\n${flags},\n      "required": ${req}\n    }`];
  });
  const sources = block(
    Object.entries(table.sources).map(([k, v]) => [k, JSON.stringify(v)]),
    '    ',
    '  }',
  );
  const known = new Set(['about', 'minors', 'sources', 'components']);
  const others = Object.entries(table).filter(([k]) => !known.has(k));
  return `{\n${[
    `  "about": ${JSON.stringify(table.about)}`,
    `  "minors": ${one(table.minors)}`,
    ...others.map(([k, v]) => `  ${JSON.stringify(k)}: ${one(v)}`),
    `  "sources": {\n${sources}`,
    `  "components": {\n${block(comps, '    ', '  }')}`,
  ].join(',\n')}\n}\n`;
}

export function readTable() {
  return JSON.parse(readFileSync(TABLE_PATH, 'utf8'));
}

/** Every release with a complete build in the cache, oldest first. */
export function cachedVersions() {
  let names = [];
  try {
    names = readdirSync(k8sCacheRoot());
  } catch {
    return [];
  }
  return names
    .map((n) => /^v(\d+\.\d+\.\d+)$/.exec(n)?.[1])
    .filter((v) => v && cachedBuild(v))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { check: { type: 'boolean', default: false } },
  });
  const versions = (positionals.length ? positionals.map(plainVersion) : cachedVersions()).sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  if (!versions.length) throw new Error(`no builds in ${k8sCacheRoot()}: run scripts/k8s-binaries.mjs first`);
  const table = readTable();
  let differences = 0;
  for (const version of versions) {
    const minor = minorOf(version);
    if (!values.check) extendMinors(table, minor);
    const probes = await probeRelease(version, table);
    for (const c of COMPONENTS) {
      if (values.check) {
        const d = disagreements(table, c, minor, probes[c]);
        differences += d.length;
        for (const x of d) process.stdout.write(`${version} ${c} ${x.flag}: table ${JSON.stringify(x)}\n`);
      } else {
        for (const line of refreshComponent(table, c, version, probes[c])) process.stdout.write(`${line}\n`);
      }
    }
  }
  if (values.check) {
    process.stdout.write(`${differences} disagreement(s) between the table and ${versions.join(', ')}\n`);
    process.exit(differences ? 1 : 0);
  }
  writeFileSync(TABLE_PATH, formatTable(table));
  process.stdout.write(`wrote ${TABLE_PATH} (${versions.join(', ')})\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    process.stderr.write(`flag-table-from-binaries: ${error.message}\n`);
    process.exit(1);
  });
}
