import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { readTextUnder } from '../host/read-tree.js';
import type { Translate } from '../i18n/index.js';
import type { AnswersInput } from '../model/answers.js';
import { QUIET_YAML } from '../model/answers-file.js';
import { ANSWERS_SECTION, COMPONENT_FILES, COMPONENTS, type Component } from '../model/components.js';
import { flagFacts } from '../model/flag-table.js';
import { describeProblem, type FieldProblem } from '../model/issues.js';
import { parseAnswers } from '../model/parse-answers.js';
import { decode, documentValues, type FlagBinding, flagKey, flagMap, kubeconfigKey } from './flag-map.js';
import { type GivenFlag, readFlags } from './given-flags.js';
import { type ComponentSource, readComponent } from './sources.js';

/**
 * Reads a master's files back into answers: the EnvironmentFiles and units a person wrote
 * by hand from the seed (or an earlier run wrote). Every flag the wizard manages goes to its
 * field; other flags are kept as the component's extra arguments and listed; values that the
 * answers cannot hold as they are (a service CIDR that differs between apiserver and
 * controller-manager, an unreadable value) are reported as problems, never guessed.
 */
export interface AdoptResult {
  /** the files read (under the root) */
  files: string[];
  /** null when no file of any component was found */
  answers: AnswersInput | null;
  unknownFlags: Array<{ component: Component; flag: string; arg: string }>;
  problems: FieldProblem[];
  /** the version named by the banner of files written by kmaster-wizard */
  version?: string;
}

interface Setting {
  value: unknown;
  file: string;
  flag: string;
  text: string;
}

class Draft {
  readonly answers: Record<string, unknown> = {};
  readonly problems: FieldProblem[] = [];
  private readonly settings = new Map<string, Setting>();
  private readonly seen = new Map<string, unknown[]>();

  set(path: string[], value: unknown, from: Omit<Setting, 'value'>): void {
    const field = path.join('.');
    const before = this.settings.get(field);
    if (before) {
      // each differing value is reported once, against the first one read
      const seen = this.seen.get(field) ?? [before.value];
      if (!seen.some((v) => isDeepStrictEqual(v, value))) {
        this.seen.set(field, [...seen, value]);
        this.problems.push({
          field,
          value: [before.value, value],
          accepted: {
            key: 'adopt.expect.sameValue',
            params: {
              file1: before.file,
              flag1: before.flag,
              value1: before.text,
              file2: from.file,
              flag2: from.flag,
              value2: from.text,
            },
          },
        });
      }
      return;
    }
    this.settings.set(field, { value, ...from });
    let node = this.answers;
    for (const key of path.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[path.at(-1)!] = value;
  }

  extra(component: Component, arg: string): void {
    this.answers[ANSWERS_SECTION[component]] ??= {};
    const section = this.answers[ANSWERS_SECTION[component]] as Record<string, unknown>;
    section.extraArgs ??= [];
    (section.extraArgs as string[]).push(arg);
  }
}

/** The flag takes no separate value (`--flag`, `--flag=false`), as the layout or the flag table says. */
export function isBoolFlag(component: Component, name: string): boolean {
  const bindings = flagMap().bindings.get(flagKey(component, name));
  if (bindings) return bindings.every((b) => b.kind === 'boolean');
  return flagFacts(component, name)?.bool === true;
}

function lastOfEach(flags: GivenFlag[]): GivenFlag[] {
  const last = new Map<string, GivenFlag>();
  for (const f of flags) {
    last.delete(f.name);
    last.set(f.name, f);
  }
  return [...last.values()];
}

interface Collected {
  draft: Draft;
  files: string[];
  unknownFlags: AdoptResult['unknownFlags'];
}

async function adoptComponent(root: string, src: ComponentSource, out: Collected): Promise<void> {
  const { draft } = out;
  const { component } = src;
  const map = flagMap();
  const unitFile = src.unit?.target ?? '';

  if (src.unit && src.binary === null) {
    draft.problems.push({
      field: component,
      value: undefined,
      accepted: { key: 'adopt.expect.execStart', params: { file: unitFile } },
    });
  }
  for (const path of src.missingEnvFiles) {
    draft.problems.push({
      field: component,
      value: path,
      accepted: { key: 'adopt.expect.envFile', params: { path, file: unitFile } },
    });
  }
  if (src.binary !== null) {
    const slash = src.binary.lastIndexOf('/');
    if (slash > 0) {
      draft.set(['paths', 'binDir'], src.binary.slice(0, slash), {
        file: unitFile,
        flag: 'ExecStart',
        text: src.binary,
      });
    }
    if (src.binary.slice(slash + 1) !== component) {
      draft.problems.push({
        field: 'paths.binDir',
        value: src.binary,
        accepted: { key: 'adopt.expect.binary', params: { component, file: unitFile, binary: src.binary } },
      });
    }
  }
  if (src.unit) {
    for (const env of src.envFiles) {
      const slash = env.path.lastIndexOf('/');
      if (slash > 0 && env.path.slice(slash + 1) === COMPONENT_FILES[component].envFile) {
        draft.set(['paths', 'configDir'], env.path.slice(0, slash), {
          file: unitFile,
          flag: 'EnvironmentFile',
          text: env.path,
        });
      }
    }
  }

  const { flags, stray } = readFlags(src.args, (name) => isBoolFlag(component, name));
  for (const word of stray) {
    draft.problems.push({
      field: `${ANSWERS_SECTION[component]}.extraArgs`,
      value: word.word,
      accepted: { key: 'adopt.expect.flag', params: { component, file: word.file } },
    });
  }
  const counts = new Map<string, number>();
  for (const f of flags) counts.set(f.name, (counts.get(f.name) ?? 0) + 1);
  for (const [name, count] of counts) {
    if (count < 2) continue;
    const file = flags.findLast((f) => f.name === name)!.file;
    draft.problems.push({
      field: component,
      value: name,
      accepted: { key: 'adopt.expect.once', params: { flag: name, file, count } },
    });
  }

  const last = lastOfEach(flags);
  for (const given of last) {
    const key = flagKey(component, given.name);
    if (map.derived.has(key)) continue;
    const bindings = map.bindings.get(key);
    if (bindings) {
      for (const b of bindings) adoptBound(b, given, draft);
      continue;
    }
    const fixed = map.fixed.get(key);
    if (fixed) {
      if (!fixed.has(given.value)) {
        const expected = [...fixed].find((v) => v !== null) ?? '';
        draft.problems.push({
          field: `${component} ${given.name}`,
          value: given.value,
          accepted: {
            key: 'adopt.expect.fixedValue',
            params: { flag: given.name, expected, component, file: given.file },
          },
        });
      }
      continue;
    }
    draft.extra(component, given.arg);
    out.unknownFlags.push({ component, flag: given.name, arg: given.arg });
  }
  const kubeconfig = last.find((f) => f.name === '--kubeconfig')?.value;
  if (kubeconfig) await adoptKubeconfig(root, component, kubeconfig, out);
}

/** The values of the component's kubeconfig that come from answers (certificate paths). */
async function adoptKubeconfig(root: string, component: Component, path: string, out: Collected) {
  const map = flagMap();
  let doc: unknown;
  try {
    const file = await readTextUnder(root, path);
    if (!file) return;
    out.files.push(file.target);
    doc = parseYaml(file.content, QUIET_YAML);
    path = file.target;
  } catch (error) {
    out.draft.problems.push({
      field: component,
      value: path,
      accepted: { key: 'adopt.expect.readable', params: { error: (error as Error).message.split('\n')[0]! } },
    });
    return;
  }
  for (const [where, value] of documentValues(doc)) {
    const key = kubeconfigKey(component, where);
    const bindings = map.bindings.get(key);
    if (bindings) {
      for (const b of bindings) adoptBound(b, { name: where, value, arg: value, file: path }, out.draft);
    } else if (!map.fixed.has(key) && !map.derived.has(key)) {
      // embedded certificates (client-certificate-data …) and the like: the next render drops them
      out.draft.problems.push({
        field: `${component} kubeconfig ${where}`,
        value,
        accepted: { key: 'adopt.expect.kubeconfigValue', params: { file: path } },
      });
    }
  }
}

function adoptBound(b: FlagBinding, given: GivenFlag, draft: Draft): void {
  const decoded = decode(b, given.value);
  if (!decoded.ok) {
    draft.problems.push({
      field: b.path.join('.'),
      value: given.value,
      accepted: {
        key: 'adopt.expect.valueLike',
        params: { flag: given.name, example: b.example ?? '', file: given.file },
      },
    });
    return;
  }
  draft.set(b.path, decoded.value, { file: given.file, flag: given.name, text: given.value ?? '' });
}

/** Reads the master's files under `root` ('/' for this host) into answers. */
export async function adoptFromDisk(root: string): Promise<AdoptResult> {
  const draft = new Draft();
  const files: string[] = [];
  const unknownFlags: AdoptResult['unknownFlags'] = [];
  const out: Collected = { draft, files, unknownFlags };
  const versions = new Map<string, string>();

  for (const component of COMPONENTS) {
    let src: ComponentSource | null;
    try {
      src = await readComponent(root, component);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      draft.problems.push({
        field: component,
        value: e.path ?? component,
        accepted: { key: 'adopt.expect.readable', params: { error: e.message } },
      });
      continue;
    }
    if (!src) continue;
    if (src.unit) files.push(src.unit.target);
    files.push(...src.envFiles.map((f) => f.target));
    if (src.bannerVersion) versions.set(component, src.bannerVersion);
    await adoptComponent(root, src, out);
  }

  if (files.length === 0) return { files, answers: null, unknownFlags, problems: draft.problems };

  const distinct = [...new Set(versions.values())];
  const version = distinct[0];
  if (distinct.length > 1) {
    draft.problems.push({
      field: 'kubernetesVersion',
      value: distinct,
      accepted: {
        key: 'adopt.expect.oneVersion',
        params: { versions: [...versions].map(([c, v]) => `${c} ${v}`).join(', ') },
      },
    });
  }
  const answers = (
    version ? { kubernetesVersion: version, ...draft.answers } : draft.answers
  ) as AnswersInput;
  const checked = parseAnswers(answers);
  const reported = new Set(draft.problems.map((p) => p.field));
  const problems = [...draft.problems];
  if (!checked.ok) problems.push(...checked.problems.filter((p) => !reported.has(p.field)));
  return { files, answers, unknownFlags, problems, ...(version ? { version } : {}) };
}

/** What adopting found, as lines for a terminal. */
export function describeAdopt(result: AdoptResult, t: Translate): string[] {
  if (result.answers === null && result.problems.length === 0) return [t('adopt.nothing')];
  const lines = [t('adopt.read', { count: result.files.length }), ...result.files.map((f) => `  ${f}`)];
  if (result.version) lines.push(t('adopt.version', { version: result.version }));
  if (result.unknownFlags.length > 0) {
    lines.push(t('adopt.unknownHeader'));
    for (const u of result.unknownFlags) lines.push(`  ${t('adopt.unknownFlag', u)}`);
  }
  if (result.problems.length > 0) {
    lines.push(t('adopt.problemsHeader'));
    for (const p of result.problems) lines.push(`  ${describeProblem(p, t)}`);
  } else {
    lines.push(t('adopt.clean'));
  }
  return lines;
}
