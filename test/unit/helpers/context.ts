import type { CommandContext } from '../../../src/context.js';
import { translator } from '../../../src/i18n/index.js';

/** A command context that keeps what a command prints, line by line, instead of writing it. */
export function captureContext(lang: 'en' | 'zh' = 'en'): {
  ctx: CommandContext;
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    lang,
    t: translator(lang),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    configDir: undefined,
    env: {},
    width: 80,
  };
  return { ctx, out, err };
}
