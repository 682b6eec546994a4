import { exitStatusOf } from './commands/exit.js';
import { type CommandContext, makeContext } from './context.js';
import { markStarted } from './host/started.js';
import { readPackageVersion } from './version-info.js';

/**
 * The entry point: global options, then one of the commands. Each command is imported only
 * when it runs, so the interactive wizard does not pay for the others and `apply` does not
 * load Ink.
 */
const COMMANDS = ['apply', 'status', 'preflight', 'doctor', 'profiles'] as const;
type CommandName = (typeof COMMANDS)[number] | 'wizard';

interface Globals {
  lang?: string;
  configDir?: string;
  help: boolean;
  version: boolean;
  rest: string[];
}

export function splitGlobals(argv: string[]): Globals | { error: string } {
  const g: Globals = { help: false, version: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (name === '--lang' || name === '--config-dir') {
      const value = inline ?? argv[++i];
      if (value === undefined) return { error: `${name} needs a value` };
      if (name === '--lang') g.lang = value;
      else g.configDir = value;
    } else if (arg === '--help' || arg === '-h') g.help = true;
    else if (arg === '--version' || arg === '-V') g.version = true;
    else g.rest.push(arg);
  }
  return g;
}

async function run(ctx: CommandContext, command: CommandName, argv: string[]): Promise<number> {
  switch (command) {
    case 'apply':
      return (await import('./commands/apply.js')).applyCommand(ctx, argv);
    case 'status':
      return (await import('./commands/status.js')).statusCommand(ctx, argv);
    case 'preflight':
      return (await import('./commands/preflight.js')).preflightCommand(ctx, argv);
    case 'doctor':
      return (await import('./commands/doctor.js')).doctorCommand(ctx, argv);
    case 'profiles':
      return (await import('./commands/profiles.js')).profilesCommand(ctx, argv);
    case 'wizard':
      return (await import('./commands/wizard.js')).wizardCommand(ctx, argv);
  }
}

export async function main(argv: string[]): Promise<number> {
  const globals = splitGlobals(argv);
  if ('error' in globals) {
    process.stderr.write(`${globals.error}\n`);
    return 2;
  }
  const ctx = makeContext(globals.lang, globals.configDir);
  if (globals.lang !== undefined && globals.lang !== 'en' && globals.lang !== 'zh') {
    ctx.err(ctx.t('cli.badLang', { value: globals.lang }));
    return 2;
  }
  if (globals.version) {
    ctx.out(readPackageVersion());
    return 0;
  }
  if (globals.help) {
    ctx.out(ctx.t('cli.usage'));
    return 0;
  }
  const first = globals.rest[0];
  const isCommand = (COMMANDS as readonly string[]).includes(first ?? '');
  if (first !== undefined && !first.startsWith('-') && !isCommand) {
    ctx.err(ctx.t('cli.unknownCommand', { command: first }));
    ctx.err(ctx.t('cli.usage'));
    return 2;
  }
  const command: CommandName = isCommand ? (first as CommandName) : 'wizard';
  const args = isCommand ? globals.rest.slice(1) : globals.rest;
  try {
    const status = await run(ctx, command, args);
    // A command's start is over when it has run (the wizard says so at its first frame): on a
    // run that found no code cache, the launcher writes it now, so the next apply, status or
    // doctor on this master starts compiled too.
    if (command !== 'wizard') markStarted();
    return status;
  } catch (error) {
    const status = exitStatusOf(ctx, error, ctx.t('cli.usage'));
    if (status === undefined) throw error;
    return status;
  }
}
