// Command-line parsing as pflag/cobra do it in the kube binaries, judged against the
// project's flag table (src/model/data/flag-table.json) for the version the stand-in claims.
import { readFileSync } from 'node:fs';

const minorNum = (v) =>
  v === null || v === undefined ? null : Number(String(v).replace(/^v/, '').split('.')[1]);

export const minorOf = (version) => minorNum(version);

/** Flags every binary has whatever the table says. */
const BUILTIN = {
  '--help': { bool: true },
  '--version': { bool: true, anyValue: true },
};

export function loadFlagTable(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Map of flag name → facts for the flags the component accepts in that minor. */
export function acceptedFlags(table, component, minor) {
  const flags = table.components?.[component]?.flags ?? {};
  const out = new Map(Object.entries(BUILTIN));
  for (const [name, facts] of Object.entries(flags)) {
    const from = minorNum(facts.from) ?? 0;
    const to = minorNum(facts.to) ?? Number.POSITIVE_INFINITY;
    if (minor >= from && minor <= to)
      out.set(name, { ...BUILTIN[name], ...facts, ...(BUILTIN[name]?.anyValue ? { anyValue: true } : {}) });
  }
  return out;
}

export function requiredFlags(table, component, minor) {
  return (table.components?.[component]?.required ?? [])
    .filter((r) => minor >= (minorNum(r.from) ?? 0) && minor <= (minorNum(r.to) ?? Number.POSITIVE_INFINITY))
    .flatMap((r) => r.flags);
}

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

export function parseBool(value) {
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return null;
}

/** kube's WordSepNormalizeFunc: `--etcd_servers` is `--etcd-servers` */
const normalize = (name) => name.replace(/_/g, '-');

/**
 * @returns {{ values: Map<string,string>, positional: string[], error?: string }}
 * `values` holds the last value given for each flag ("true" for a bare boolean).
 */
export function parseFlags(args, accepted) {
  const values = new Map();
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const rawName = eq === -1 ? arg : arg.slice(0, eq);
      const name = normalize(rawName);
      const facts = accepted.get(name);
      if (!facts) return { values, positional, error: `unknown flag: ${rawName}` };
      let value;
      if (eq !== -1) value = arg.slice(eq + 1);
      else if (facts.bool) value = 'true';
      else if (i + 1 < args.length) value = args[++i];
      else return { values, positional, error: `flag needs an argument: ${arg}` };
      if (facts.bool && !facts.anyValue && parseBool(value) === null) {
        return {
          values,
          positional,
          error: `invalid argument "${value}" for "${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`,
        };
      }
      values.set(name, value);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      const letter = arg[1];
      if (letter === 'h') {
        values.set('--help', 'true');
        continue;
      }
      if (letter === 'v' && accepted.has('--v')) {
        let value = arg.slice(2).replace(/^=/, '');
        if (value === '') {
          if (i + 1 >= args.length) return { values, positional, error: `flag needs an argument: 'v' in -v` };
          value = args[++i];
        }
        values.set('--v', value);
        continue;
      }
      return { values, positional, error: `unknown shorthand flag: '${letter}' in ${arg}` };
    }
    positional.push(arg);
  }
  return { values, positional };
}

export function usage(component, accepted) {
  const lines = ['Usage:', `  ${component} [flags]`, '', 'Flags:'];
  for (const [name, facts] of [...accepted].sort(([a], [b]) => a.localeCompare(b))) {
    if (name === '--help') continue;
    const type = facts.bool ? '' : name === '--v' ? ' Level' : ' string';
    lines.push(`      ${name}${type}`);
  }
  lines.push(`  -h, --help   help for ${component}`);
  return `${lines.join('\n')}\n`;
}

/** A typed view of the parsed values. */
export function flagReader(values) {
  const has = (name) => values.has(name);
  const str = (name, def = '') => (values.has(name) ? values.get(name) : def);
  return {
    has,
    str,
    bool: (name, def = false) => (values.has(name) ? (parseBool(values.get(name)) ?? def) : def),
    int: (name, def = 0) => (values.has(name) ? Number.parseInt(values.get(name), 10) : def),
    list: (name, def = []) => (values.has(name) ? values.get(name).split(',').filter(Boolean) : def),
    /** Go durations: 15s, 1m0s, 500ms, 1h */
    durationMs: (name, defMs) => {
      if (!values.has(name)) return defMs;
      let total = 0;
      for (const [, n, unit] of values.get(name).matchAll(/([\d.]+)(ms|h|m|s)/g)) {
        total += Number(n) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[unit];
      }
      return total;
    },
  };
}
