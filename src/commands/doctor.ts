import { parseArgs } from 'node:util';
import type { CommandContext } from '../context.js';
import { doctorJson, doctorLines } from '../doctor/format.js';
import { realDoctorHost } from '../doctor/host.js';
import { runDoctor } from '../doctor/run.js';
import type { DoctorHost } from '../doctor/types.js';
import { ANSWERS_OPTIONS, checkAnswers, readAnswersSource, seedMustChange } from './answers-source.js';

/**
 * `kmaster-wizard doctor [--json] [--answers FILE | --profile NAME] [--set KEY=VALUE …]`:
 * reads the master on this host and says what is wrong, with the evidence, the cause and the
 * fix. It writes nothing. Answers are optional: they add what the files cannot say (the load
 * balancer, the HA front). Exit 0 when nothing is wrong, 1 when something is, 2 on bad usage
 * or when there is no master to read.
 */
export async function doctorCommand(
  ctx: CommandContext,
  argv: string[],
  host: DoctorHost = realDoctorHost(),
  root = '/',
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...ANSWERS_OPTIONS,
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  // answers only add what the files cannot say; --set alone goes on top of the seed's
  const given =
    values.answers || values.profile || values.set.length > 0
      ? checkAnswers(ctx, await readAnswersSource(ctx, values, seedMustChange), false)
      : undefined;
  const report = await runDoctor(host, { root, t: ctx.t, ...(given ? { given } : {}) });
  if (!report) {
    ctx.err(ctx.t('doctor.nothing'));
    return 2;
  }
  if (values.json) ctx.out(doctorJson(report, ctx.t));
  else for (const line of doctorLines(report, ctx.t, ctx.width)) ctx.out(line);
  return report.findings.length === 0 ? 0 : 1;
}
