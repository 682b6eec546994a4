import type { ArgWord } from './sources.js';

/**
 * The flags on a kube-* command line as pflag reads them: `--name=value`, `--name value`
 * (not for boolean flags), `--name` alone; `_` in a name is `-` (Kubernetes' word-separator
 * normalisation) and `-v` is `--v`. Words that are not flags are returned apart.
 */
export interface GivenFlag {
  name: string;
  /** null: the flag alone */
  value: string | null;
  /** the flag as one argument, `--name=value` or `--name` */
  arg: string;
  file: string;
  /** the line of that file it is written on, when known */
  line?: number;
}

export function readFlags(
  words: readonly ArgWord[],
  isBool: (name: string) => boolean,
): { flags: GivenFlag[]; stray: ArgWord[] } {
  const flags: GivenFlag[] = [];
  const stray: ArgWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const { word, file, line } = words[i]!;
    if (word === '--') {
      stray.push(...words.slice(i + 1));
      break;
    }
    const long = /^--([A-Za-z0-9][A-Za-z0-9_-]*)(?:=([\s\S]*))?$/.exec(word);
    const short = long ? null : /^-v(?:=([\s\S]*)|(\d+))?$/.exec(word);
    if (!long && !short) {
      stray.push(words[i]!);
      continue;
    }
    const name = long ? `--${long[1]!.replace(/_/g, '-')}` : '--v';
    let value: string | null = (long ? long[2] : (short![1] ?? short![2])) ?? null;
    if (value === null && !isBool(name)) {
      const next = words[i + 1];
      if (next && !next.word.startsWith('-')) {
        value = next.word;
        i++;
      }
    }
    const arg = value === null ? name : `${name}=${value}`;
    flags.push({ name, value, arg, file, ...(line === undefined ? {} : { line }) });
  }
  return { flags, stray };
}
