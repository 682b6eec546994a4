import { detectLang, type Lang, type Translate, translator } from './i18n/index.js';
import { outputSafe } from './i18n/terminal-text.js';

/**
 * What every front end gets (the commands and the wizard): the language, where to print,
 * where profiles live.
 */
export interface CommandContext {
  lang: Lang;
  t: Translate;
  out: (line: string) => void;
  err: (line: string) => void;
  configDir: string | undefined;
  env: NodeJS.ProcessEnv;
  /** columns a table printed to `out` fits in: the terminal's, else $COLUMNS, else 80 */
  width: number;
}

export function makeContext(
  langFlag: string | undefined,
  configDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): CommandContext {
  const lang = detectLang(langFlag, env);
  return {
    lang,
    t: translator(lang),
    // the last guard: no control or bidi character from outside ever reaches the terminal
    out: (line) => process.stdout.write(`${outputSafe(line)}\n`),
    err: (line) => process.stderr.write(`${outputSafe(line)}\n`),
    configDir: configDir ?? env.KMW_CONFIG_DIR,
    env,
    width: outputWidth(process.stdout, env),
  };
}

/** The width a printed table fits: the terminal's, else $COLUMNS, else 80. */
export function outputWidth(out: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  if (out.isTTY && out.columns) return out.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : 80;
}
