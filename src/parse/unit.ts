import { envOf, splitWords } from './envfile.js';

/**
 * Reads the parts of a unit file the wizard cares about: each `Key=value` per section,
 * with backslash-newline continuations joined as systemd does.
 */
export interface UnitFile {
  sections: Map<string, Array<{ key: string; value: string }>>;
}

export function parseUnit(text: string): UnitFile {
  const sections = new Map<string, Array<{ key: string; value: string }>>();
  let current = '';
  const joined = text.replace(/\\\r?\n/g, ' ');
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = header[1]!;
      if (!sections.has(current)) sections.set(current, []);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const list = sections.get(current) ?? [];
    list.push({ key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
    sections.set(current, list);
  }
  return { sections };
}

export function unitValues(unit: UnitFile, section: string, key: string): string[] {
  return (unit.sections.get(section) ?? []).filter((e) => e.key === key).map((e) => e.value);
}

/** The words of the unit's ExecStart (the last one), as written: variables not expanded. */
export function execStartWords(unitText: string): string[] {
  const exec = unitValues(parseUnit(unitText), 'Service', 'ExecStart').at(-1) ?? '';
  return exec
    .replace(/^[-@:+!]+/, '')
    .split(/\s+/)
    .filter(Boolean);
}

/** `${NAME}` as a whole word: systemd passes the variable's value on as one argument. */
export const BRACED_VARIABLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/**
 * The argv systemd runs for ExecStart, given the EnvironmentFile's text: `$NAME` words are
 * replaced by the variable's words, `${NAME}` by its whole value as one word.
 */
export function execArgv(unitText: string, envText: string): string[] {
  const env = envOf(envText);
  const argv: string[] = [];
  for (const word of execStartWords(unitText)) {
    const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(word);
    const braced = BRACED_VARIABLE.exec(word);
    if (whole) argv.push(...splitWords(env.get(whole[1]!) ?? ''));
    else if (braced) argv.push(env.get(braced[1]!) ?? '');
    else argv.push(word);
  }
  return argv;
}
