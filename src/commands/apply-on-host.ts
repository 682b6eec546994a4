import { createInterface } from 'node:readline/promises';
import type { ApplyEvent } from '../apply/events.js';
import { type ApplyHost, realHost } from '../apply/host.js';
import { factsOf, runPipeline, snapshot } from '../apply/pipeline.js';
import { type PlannedFile, plannedCommands, servicesOf } from '../apply/plan.js';
import { eventLines } from '../apply/print.js';
import { runAbortController } from '../apply/runner.js';
import type { CommandContext } from '../context.js';
import { isRoot, type SystemdState, systemdState } from '../host/machine.js';
import type { Answers } from '../model/answers.js';
import { collectStatus } from '../status/collect.js';
import { formatStatus } from '../status/format.js';

export interface ApplyOnHostOptions {
  answers: Answers;
  minor: number;
  planned: PlannedFile[];
  yes: boolean;
}

/** What applyOnHost needs from the process; tests replace it. */
export interface ApplyDeps {
  host: ApplyHost;
  isRoot: () => boolean;
  systemd: () => Promise<SystemdState>;
  /** null when there is no terminal to ask on */
  ask: ((question: string) => Promise<string>) | null;
  /** calls back on Ctrl-C / SIGTERM; returns the function that stops listening */
  onInterrupt: (handler: () => void) => () => void;
  healthTimeoutMs?: number;
}

export function processDeps(): ApplyDeps {
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  return {
    host: realHost(),
    isRoot,
    systemd: () => systemdState(),
    ask: tty
      ? async (question) => {
          const rl = createInterface({ input: process.stdin, output: process.stdout });
          try {
            return await rl.question(question);
          } finally {
            rl.close();
          }
        }
      : null,
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
      return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      };
    },
  };
}

/**
 * `kmaster-wizard apply --answers FILE [--yes]` on this host: asks (on a terminal, unless
 * --yes), runs the pipeline printing every event as a plain line, prints the diagnosis on
 * failure and ends with the status table. Exit 0 only when every component is healthy;
 * 1 when the work failed or was declined; 2 when it cannot ask and --yes is missing;
 * 130 after Ctrl-C.
 */
export async function applyOnHost(
  ctx: CommandContext,
  opts: ApplyOnHostOptions,
  deps: ApplyDeps = processDeps(),
): Promise<number> {
  const { t } = ctx;
  if (!deps.isRoot()) {
    ctx.err(t('apply.needRoot'));
    return 1;
  }
  const changes = opts.planned.filter((f) => f.action !== 'unchanged');
  if (changes.length > 0) {
    ctx.out(t('apply.plan', { count: changes.length }));
    for (const f of changes)
      ctx.out(t('apply.planFile', { path: f.target, action: t(`apply.action.${f.action}`) }));
  } else ctx.out(t('apply.planNoChange'));
  // the commands as the units are now (guessed from the plan when systemd cannot say); whether
  // systemd runs is asked meanwhile
  const [before, sd] = await Promise.all([
    snapshot(deps.host, undefined, servicesOf(opts.planned)).catch(() => null),
    deps.systemd(),
  ]);
  for (const cmd of plannedCommands(opts.planned, before ? factsOf(before) : {}))
    ctx.out(`  ${cmd.join(' ')}`);

  if (!opts.yes) {
    if (!deps.ask) {
      ctx.err(t('apply.needYes'));
      return 2;
    }
    const answer = (await deps.ask(t('apply.confirm'))).trim().toLowerCase();
    if (!['y', 'yes', '是', 'j'].includes(answer)) {
      ctx.out(t('apply.declined'));
      return 1;
    }
  }
  if (!sd.ok) {
    ctx.err(t('apply.noSystemd', { state: sd.state }));
    return 1;
  }

  const controller = runAbortController();
  const stopListening = deps.onInterrupt(() => controller.abort());
  const actions = new Map<string, string>();
  const status = () => collectStatus({ answers: opts.answers, minor: opts.minor, host: deps.host, t });
  // asked as soon as every unit is healthy, while the pipeline reads their last journal lines
  let report: ReturnType<typeof status> | null = null;
  const emit = (e: ApplyEvent) => {
    for (const line of eventLines(e, t, actions)) ctx.out(line);
  };
  let result: Awaited<ReturnType<typeof runPipeline>>;
  try {
    result = await runPipeline(
      {
        answers: opts.answers,
        minor: opts.minor,
        planned: opts.planned,
        t,
        // with --yes nothing happened since the units were read: the run starts from that reading
        ...(opts.yes && before ? { before } : {}),
        healthy: () => {
          report = status();
          report.catch(() => {});
        },
        ...(deps.healthTimeoutMs ? { healthTimeoutMs: deps.healthTimeoutMs } : {}),
      },
      deps.host,
      emit,
      controller.signal,
    );
  } finally {
    stopListening();
  }
  if (result.outcome === 'cancelled') return 130;

  if (result.outcome === 'failed') {
    const backups = result.written.filter((w) => w.backup);
    if (backups.length > 0) {
      ctx.out(t('apply.backups'));
      for (const w of backups) ctx.out(t('apply.backupLine', { backup: w.backup!, target: w.target }));
    }
    ctx.out(t('apply.done.failed'));
  }
  ctx.out('');
  const table = await (report ?? status());
  for (const line of formatStatus(table, t, { width: ctx.width, wide: false, overflow: 'wrap' }))
    ctx.out(line);
  if (result.outcome === 'healthy' && table.healthy) {
    ctx.out(t('apply.done.healthy'));
    return 0;
  }
  return 1;
}
