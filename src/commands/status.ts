import { parseArgs } from 'node:util';
import type { CommandContext } from '../context.js';
import { collectStatus } from '../status/collect.js';
import { formatStatus } from '../status/format.js';
import { realStatusHost } from '../status/host.js';
import { ANSWERS_OPTIONS, checkAnswers, readAnswersSource, seedMustChange } from './answers-source.js';
import { resolveMinor } from './resolve.js';

/**
 * `kmaster-wizard status [--answers FILE | --profile NAME] [-o wide|json] [--json]`: the
 * component-status table for the master the answers describe (without answers: the seed's
 * values, which need the binary's version). The table fits the terminal as `kubectl get`
 * does: the message column wraps; `-o wide` adds the endpoint and the latency and wraps
 * nothing; `-o json` (or `--json`) prints the report. Exit 0 when every row is healthy, 1
 * otherwise, 2 for bad usage.
 */
export async function statusCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...ANSWERS_OPTIONS,
      json: { type: 'boolean', default: false },
      output: { type: 'string', short: 'o' },
    },
    strict: true,
  });
  const output = values.json ? 'json' : (values.output ?? 'table');
  if (output !== 'table' && output !== 'wide' && output !== 'json') {
    ctx.err(ctx.t('status.badOutput', { value: output }));
    return 2;
  }
  const raw = await readAnswersSource(ctx, values, seedMustChange);
  const answers = checkAnswers(ctx, raw, false);
  const minor = await resolveMinor(ctx, answers);
  const report = await collectStatus({ answers, minor, host: realStatusHost(), t: ctx.t });
  if (output === 'json') ctx.out(JSON.stringify(report, null, 2));
  else {
    const opts = { width: ctx.width, wide: output === 'wide', overflow: 'wrap' } as const;
    for (const line of formatStatus(report, ctx.t, opts)) ctx.out(line);
  }
  return report.healthy ? 0 : 1;
}
