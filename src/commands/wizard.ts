import { parseArgs } from 'node:util';
import type { CommandContext } from '../context.js';
import type { SetValue } from '../model/set-values.js';
import type { State } from '../wizard/state.js';

/**
 * `kmaster-wizard [--profile NAME] [--root DIR] [--set KEY=VALUE ...]`: the interactive wizard.
 *
 * Whether it can run is decided here, once, before anything of Ink is loaded: without a
 * terminal on both stdin and stdout (or under CI) it prints how to use `apply` and exits 2,
 * so raw mode is never attempted and no cursor code reaches a pipe.
 */
export async function wizardCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      profile: { type: 'string' },
      root: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
    },
    strict: true,
  });
  const { rootOption } = await import('./root-option.js');
  const root = await rootOption(ctx, values.root);
  const { t } = ctx;
  const can = interactivity(process, ctx.env);
  if (!can.ok) {
    ctx.err(t('cli.noTty'));
    if (can.why === 'ci') ctx.err(t('wizard.ci'));
    return 2;
  }
  // --set values are checked before the screen is drawn, as apply checks them
  let sets: SetValue[] = [];
  if (values.set.length > 0) {
    const { checkSets, checkSetsAlone } = await import('./answers-source.js');
    sets = checkSets(ctx, values.set);
    await checkSetsAlone(ctx, sets);
  }
  const { mountWizard } = await import('../wizard/mount.js');
  const end = await mountWizard(ctx, {
    ...(values.profile ? { profile: values.profile } : {}),
    ...(root !== undefined ? { root } : {}),
    sets,
  });
  if (!end) return 1;
  if (end.state.exit?.doctor) {
    const { doctorCommand } = await import('./doctor.js');
    return doctorCommand(ctx, []);
  }
  for (const line of summary(end.state, t)) ctx.out(line);
  return end.code;
}

export interface Terminal {
  stdin: { isTTY?: boolean };
  stdout: { isTTY?: boolean; columns?: number; rows?: number };
}

/** The same test as Ink's is-in-ci: CI set (and not 0/false), CONTINUOUS_INTEGRATION, or CI_*. */
export function isInCi(env: NodeJS.ProcessEnv): boolean {
  if (env.CI === '0' || env.CI === 'false') return false;
  return 'CI' in env || 'CONTINUOUS_INTEGRATION' in env || Object.keys(env).some((k) => k.startsWith('CI_'));
}

export type Interactivity = { ok: true } | { ok: false; why: 'noTty' | 'ci' };

/** The one place that decides whether the interactive wizard may start. */
export function interactivity(term: Terminal, env: NodeJS.ProcessEnv): Interactivity {
  if (!term.stdin.isTTY || !term.stdout.isTTY) return { ok: false, why: 'noTty' };
  if (isInCi(env)) return { ok: false, why: 'ci' };
  return { ok: true };
}

/** What the wizard leaves behind, said once after the screen is gone. */
export function summary(s: State, t: CommandContext['t']): string[] {
  const lines: string[] = [];
  if (s.written && s.written.written.length > 0)
    lines.push(t('wizard.exit.written', { root: s.written.root }));
  else if (!s.written && !s.outcome) lines.push(t('wizard.exit.nothing'));
  if (s.saved) lines.push(t('wizard.exit.saved', { name: s.saved }));
  return lines;
}
