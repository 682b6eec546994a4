import type { Answers } from '../model/answers.js';
import { ANSWERS_SECTION, COMPONENTS, type Component } from '../model/components.js';
import { argvOf, layoutFor } from '../model/layout.js';
import { parseHelp } from '../parse/kube-help.mjs';
import { hostCheck, startEarly } from './checks-system.js';
import { type Check, fail, pass, skip, text } from './types.js';

/**
 * Never start a unit with a flag its binary lacks: each binary's own `--help` is the truth,
 * whatever version it is (known to the flag table or newer). A flag the files would give it
 * that `--help` does not list is tried once more with a trial parse (`BINARY FLAG --version`),
 * because flags deprecated in the code are hidden from `--help` and still accepted; what that
 * parse refuses as `unknown flag` is named, with the binary's version, before anything is
 * written.
 */

/** The arguments the rendered files give the component, one per flag name (the first). */
export function emittedArgs(a: Answers, minor: number, component: Component): Map<string, string> {
  const layout = layoutFor(a, minor).components.find((c) => c.component === component)!;
  const args = new Map<string, string>();
  for (const arg of argvOf(layout)) {
    const name = arg.split('=')[0]!;
    if (!args.has(name)) args.set(name, arg);
  }
  return args;
}

function flagsCheck(a: Answers, minor: number, component: Component): Check {
  return hostCheck(`Flags-${component}`, 'error', async (ctx) => {
    const path = `${a.paths.binDir}/${component}`;
    const f = await ctx.host.fileFacts(path);
    if (!f.exists || !f.executable)
      return skip('preflight.skip.needs', { check: `FileExisting-${component}` });
    const help = await ctx.host.binaryHelp(path);
    const listed = help.ok ? parseHelp(help.text) : new Map();
    if (!help.ok || listed.size === 0) {
      const error = help.ok
        ? help.text.trim().split('\n')[0]?.slice(0, 200) || '-'
        : help.error.slice(0, 200);
      return fail(
        text('preflight.flags.noHelp', { path, error }),
        text('preflight.fix.flagsNoHelp', { path }),
      );
    }
    const args = emittedArgs(a, minor, component);
    const missing: string[] = [];
    let hidden = 0;
    for (const [name, arg] of args) {
      if (listed.has(name)) continue;
      const trial = await ctx.host.trialParse(path, [arg]);
      if (trial.ok || trial.invalid === name) hidden++;
      else missing.push(name);
    }
    if (missing.length === 0) {
      return pass('preflight.flags.ok', { path, count: args.size, hidden });
    }
    const probe = await ctx.host.binaryVersion(path);
    const version = probe.ok ? probe.version : '?';
    const section = ANSWERS_SECTION[component];
    const extra = new Set(a[section].extraArgs.map((x) => x.split('=')[0]));
    const own = missing.filter((m) => extra.has(m));
    return fail(
      text('preflight.flags.missing', { component, version, path, flags: missing.join(', ') }),
      own.length === missing.length
        ? text('preflight.fix.flagsExtra', { flags: own.join(', '), field: `${section}.extraArgs` })
        : text('preflight.fix.flagsMissing', { version, component }),
    );
  });
}

export function flagChecks(a: Answers, minor: number): Check[] {
  return COMPONENTS.map((c) => startEarly(flagsCheck(a, minor, c)));
}
