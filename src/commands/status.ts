import { parseArgs } from 'node:util';
import type { CommandContext } from '../context.js';
import { collectStatus } from '../status/collect.js';
import { formatStatus } from '../status/format.js';
import { realStatusHost } from '../status/host.js';
import { checkAnswers, readAnswersSource, seedMustChange } from './answers-source.js';
import { resolveMinor } from './resolve.js';

/**
 * `kmaster-wizard status [--answers FILE | --profile NAME] [--json]`: the component-status
 * table for the master the answers describe (without answers: the seed's values, which
 * need the binary's version). Exit 0 when every row is healthy, 1 otherwise.
 */
export async function statusCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      answers: { type: 'string' },
      profile: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const raw = await readAnswersSource(ctx, values, seedMustChange);
  const answers = checkAnswers(ctx, raw, false);
  const minor = await resolveMinor(ctx, answers);
  const report = await collectStatus({ answers, minor, host: realStatusHost(), t: ctx.t });
  if (values.json) ctx.out(JSON.stringify(report, null, 2));
  else for (const line of formatStatus(report, ctx.t)) ctx.out(line);
  return report.healthy ? 0 : 1;
}
