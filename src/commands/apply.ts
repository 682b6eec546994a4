import { parseArgs } from 'node:util';
import {
  modeText,
  type PlannedFile,
  planFiles,
  plannedCommands,
  unifiedDiff,
  writePlanned,
} from '../apply/plan.js';
import type { CommandContext } from '../context.js';
import type { DroppedFlag } from '../model/layout.js';
import { minorString } from '../model/version.js';
import { renderFiles } from '../render/files.js';
import { ANSWERS_OPTIONS, checkAnswers, readAnswersSource } from './answers-source.js';
import { haInterfaceOf } from './ha-interface.js';
import { refuseForeignAddresses } from './host-fit.js';
import { resolveMinor } from './resolve.js';
import { rootOption } from './root-option.js';

/** `kmaster-wizard apply`: the non-interactive front end. Returns the exit status. */
export async function applyCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...ANSWERS_OPTIONS,
      yes: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      root: { type: 'string' },
      'ignore-preflight-errors': { type: 'string', multiple: true, default: [] },
    },
    strict: true,
  });
  const rootFlag = await rootOption(ctx, values.root);
  const raw = await readAnswersSource(ctx, values);
  if (raw === undefined) {
    ctx.err(ctx.t('cli.needAnswers'));
    return 2;
  }
  const answers = checkAnswers(ctx, raw, true);
  const minor = await resolveMinor(ctx, answers);
  const root = rootFlag ?? '/';
  const { files, layout } = renderFiles(answers, minor, {
    haInterface: haInterfaceOf(ctx, answers, rootFlag === undefined),
  });
  reportDropped(ctx, layout.dropped, minor);
  const planned = await planFiles(files, root);

  const ignore = values['ignore-preflight-errors'];
  if (values['dry-run']) {
    printDryRun(ctx, planned);
    ctx.out('');
    const { preflightGate } = await import('./preflight.js');
    await preflightGate(ctx, answers, minor, { ignore, root, dryRun: true });
    return 0;
  }
  if (rootFlag !== undefined) {
    return writeUnderRoot(ctx, planned, rootFlag);
  }
  // answers of another host (master 1's on master 2) are refused before anything else
  refuseForeignAddresses(ctx, answers, ignore);
  // nothing is written and no unit is touched while a preflight error remains
  const [{ preflightGate }, { realPreflightHost }, { applyOnHost, processDeps }] = await Promise.all([
    import('./preflight.js'),
    import('../preflight/host.js'),
    import('./apply-on-host.js'),
  ]);
  const checks = realPreflightHost();
  if (!(await preflightGate(ctx, answers, minor, { ignore }, checks)).ok) return 1;
  // systemd's state as the preflight found it (asked once)
  return applyOnHost(
    ctx,
    { answers, minor, planned, yes: values.yes },
    { ...processDeps(), systemd: checks.systemd },
  );
}

function reportDropped(ctx: CommandContext, dropped: DroppedFlag[], minor: number): void {
  for (const d of dropped) {
    ctx.err(
      ctx.t('cli.dropped', {
        version: minorString(minor),
        flag: d.flag,
        component: d.component,
        why: ctx.t(`cli.why.${d.reason}`, { since: d.since }),
      }),
    );
  }
}

export function printDryRun(ctx: CommandContext, planned: PlannedFile[]): void {
  ctx.out(ctx.t('cli.dryRunHeader'));
  for (const file of planned) {
    if (file.action === 'unchanged') {
      ctx.out(ctx.t('cli.unchanged', { path: file.path }));
      continue;
    }
    ctx.out('');
    ctx.out(
      ctx.t('cli.wouldWrite', {
        path: file.path,
        action: ctx.t(`cli.action.${file.action}`),
        mode: modeText(file.mode),
      }),
    );
    ctx.out(unifiedDiff(file).trimEnd());
  }
  ctx.out('');
  ctx.out(ctx.t('cli.commandsHeader'));
  for (const cmd of plannedCommands(planned)) ctx.out(`  ${cmd.join(' ')}`);
}

async function writeUnderRoot(ctx: CommandContext, planned: PlannedFile[], root: string): Promise<number> {
  if (planned.every((f) => f.action === 'unchanged')) {
    ctx.out(ctx.t('cli.nothingChanged'));
  } else {
    await writePlanned(planned, new Date(), (w) => {
      ctx.out(ctx.t('cli.wrote', { target: w.target, action: ctx.t(`cli.action.${w.action}`) }));
      if (w.backup) ctx.out(ctx.t('cli.backup', { backup: w.backup }));
    });
    ctx.out(ctx.t('cli.rootDone', { root }));
  }
  ctx.out(ctx.t('cli.plannedHeader'));
  for (const cmd of plannedCommands(planned)) ctx.out(`  ${cmd.join(' ')}`);
  return 0;
}
