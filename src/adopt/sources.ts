import { type HostText, readFirstUnder, readTextUnder } from '../host/read-tree.js';
import { COMPONENT_FILES, type Component } from '../model/components.js';
import { SEED } from '../model/seed.js';
import { envOf, parseEnvFile, splitWords } from '../parse/envfile.js';
import { execArgv, parseUnit, unitValues } from '../parse/unit.js';

/**
 * What one component is started with on this host: its unit (where systemd would take it
 * from), the EnvironmentFiles the unit names, and the argv systemd builds from them.
 */

/** Where systemd looks for units, highest precedence first (the seed uses the last two). */
export const UNIT_DIRS = ['/etc/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'] as const;

export interface ArgWord {
  word: string;
  /** the file the word comes from, as read (under the root) */
  file: string;
  /** the 1-based line of that file the word is written on */
  line?: number;
}

export interface ComponentSource {
  component: Component;
  unit: HostText | null;
  envFiles: HostText[];
  /** EnvironmentFile= paths the unit names without "-" that are missing (systemd refuses to start) */
  missingEnvFiles: string[];
  /** the program ExecStart runs (on the master), when there is a unit */
  binary: string | null;
  /** the arguments after the program, each with the file it comes from */
  args: ArgWord[];
  /** the version our own banner names, when the files were written by kmaster-wizard */
  bannerVersion: string | null;
}

const BANNER = /Written by kmaster-wizard for Kubernetes (1\.\d+)/;

export async function readComponent(root: string, component: Component): Promise<ComponentSource | null> {
  const names = COMPONENT_FILES[component];
  const unit = await readFirstUnder(
    root,
    UNIT_DIRS.map((d) => `${d}/${names.unit}`),
  );
  const envPaths = unit
    ? unitValues(parseUnit(unit.content), 'Service', 'EnvironmentFile').flatMap((v) =>
        v.split(/\s+/).filter(Boolean),
      )
    : [`-${SEED.paths.configDir}/${names.envFile}`];
  const envFiles: HostText[] = [];
  const missingEnvFiles: string[] = [];
  for (const spec of envPaths) {
    const optional = spec.startsWith('-');
    const path = optional ? spec.slice(1) : spec;
    const found = await readTextUnder(root, path);
    if (found) envFiles.push(found);
    else if (!optional) missingEnvFiles.push(path);
  }
  if (!unit && envFiles.length === 0) return null;

  const envText = envFiles.map((f) => f.content).join('\n');
  const fromEnv = new Map<string, { file: string; line: number }>();
  for (const f of envFiles) {
    const lines = f.content.split('\n');
    for (const entry of parseEnvFile(f.content)) {
      let at = entry.line - 1;
      for (const w of splitWords(entry.value)) {
        at = lineOf(lines, w, at) ?? at;
        fromEnv.set(w, { file: f.target, line: at + 1 });
      }
    }
  }
  let binary: string | null = null;
  let words: string[];
  if (unit) {
    const argv = execArgv(unit.content, envText);
    binary = argv[0] ?? null;
    words = argv.slice(1);
  } else {
    // no unit: every variable of the EnvironmentFile, in order
    const env = envOf(envText);
    words = [...new Set(parseEnvFile(envText).map((e) => e.key))].flatMap((k) =>
      splitWords(env.get(k) ?? ''),
    );
  }
  const unitLines = unit?.content.split('\n') ?? [];
  const execAt = unitLines.findLastIndex((l) => /^\s*ExecStart\s*=/.test(l));
  const args = words.map((word): ArgWord => {
    const env = fromEnv.get(word);
    if (env) return { word, ...env };
    if (!unit) return { word, file: envFiles[0]!.target };
    const line = lineOf(unitLines, word, Math.max(execAt, 0));
    return { word, file: unit.target, ...(line === null ? {} : { line: line + 1 }) };
  });
  const banner = envFiles.map((f) => BANNER.exec(f.content)?.[1]).find(Boolean) ?? null;
  return { component, unit, envFiles, missingEnvFiles, binary, args, bannerVersion: banner };
}

/** The index of the first line from `from` on that holds `word`, or null. */
function lineOf(lines: readonly string[], word: string, from: number): number | null {
  for (let i = from; i < lines.length; i++) if (lines[i]!.includes(word)) return i;
  return null;
}
