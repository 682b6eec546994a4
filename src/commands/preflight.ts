import { parseArgs } from 'node:util';
import type { CommandContext } from '../context.js';
import type { Answers } from '../model/answers.js';
import { minorString } from '../model/version.js';
import { reportJson, reportLines, say } from '../preflight/format.js';
import { type PreflightHost, realPreflightHost } from '../preflight/host.js';
import type { IssueResult } from '../preflight/issue.js';
import { normaliseIgnore, remainingErrors, runPreflight, unknownIgnores } from '../preflight/run.js';
import type { PreflightReport } from '../preflight/types.js';
import { ANSWERS_OPTIONS, checkAnswers, readAnswersSource } from './answers-source.js';
import { resolveMinor } from './resolve.js';
import { rootOption } from './root-option.js';

/**
 * `kmaster-wizard preflight (--answers FILE | --profile NAME) [--json] [--root DIR]
 * [--ignore-preflight-errors=NAME,…|all] [--issue-certs]`: every check with its result and,
 * for each failure, the fix. Exit 1 while an error remains, else 0; 2 on bad usage.
 */
export async function preflightCommand(
  ctx: CommandContext,
  argv: string[],
  host: PreflightHost = realPreflightHost(),
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...ANSWERS_OPTIONS,
      json: { type: 'boolean', default: false },
      root: { type: 'string' },
      'ignore-preflight-errors': { type: 'string', multiple: true, default: [] },
      'issue-certs': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const rootFlag = await rootOption(ctx, values.root);
  const raw = await readAnswersSource(ctx, values);
  if (raw === undefined) {
    ctx.err(ctx.t('preflight.needAnswers'));
    return 2;
  }
  // with --issue-certs it would write certificates: say that none was
  const answers = checkAnswers(ctx, raw, values['issue-certs']);
  const minor = await resolveMinor(ctx, answers);
  const root = rootFlag ?? '/';
  const ignore = normaliseIgnore(values['ignore-preflight-errors']);

  let issued: IssueResult | null = null;
  if (values['issue-certs']) {
    const { issueMissingClientCerts } = await import('../preflight/issue.js');
    issued = await issueMissingClientCerts(answers, host, { minor, root });
    // with --json the issue lines go to stderr, so that stdout stays one JSON document
    printIssued(ctx, issued, values.json ? ctx.err : ctx.out);
  }
  const report = await runPreflight({ answers, minor }, host, { ignore, root });
  for (const name of unknownIgnores(report, ignore)) ctx.err(ctx.t('preflight.unknownIgnore', { name }));
  const ok = remainingErrors(report).length === 0;
  if (values.json) {
    ctx.out(reportJson(ctx.t, report, ok, issued ? { issued: issued.files } : {}));
  } else {
    if (root !== '/') ctx.out(ctx.t('preflight.rootNote', { root }));
    for (const line of reportLines(ctx.t, report, ctx.t('preflight.title', { version: minorString(minor) })))
      ctx.out(line);
    ctx.out(
      ok ? ctx.t('preflight.ok') : ctx.t('preflight.failed', { count: remainingErrors(report).length }),
    );
  }
  return ok ? 0 : 1;
}

export function printIssued(ctx: CommandContext, r: IssueResult, print: (line: string) => void): void {
  for (const f of r.files) {
    print(
      ctx.t('preflight.issue.file', {
        how: ctx.t(`preflight.issue.how.${f.how}`),
        file: f.file,
        what: ctx.t(`preflight.issue.what.${f.what}`),
        mode: `0${f.mode.toString(8)}`,
      }),
    );
  }
  for (const n of r.notes) print(say(ctx.t, n));
  for (const p of r.problems) print(`${ctx.t('preflight.issue.problem')} ${say(ctx.t, p)}`);
  if (r.files.length === 0 && r.problems.length === 0 && r.notes.length === 0)
    print(ctx.t('preflight.issue.nothing'));
}

export interface GateOptions {
  /** --ignore-preflight-errors values (names, comma lists, or all) */
  ignore: string[];
  /** --root DIR: files under it, nothing of this machine */
  root?: string;
  /** --dry-run: the report is shown, the caller goes on either way */
  dryRun?: boolean;
}

/**
 * The preflight as apply runs it before writing anything: prints the report and says
 * whether apply may go on (no error left after the ignore list).
 */
export async function preflightGate(
  ctx: CommandContext,
  answers: Answers,
  minor: number,
  opts: GateOptions,
  host: PreflightHost = realPreflightHost(),
): Promise<{ ok: boolean; report: PreflightReport }> {
  const ignore = normaliseIgnore(opts.ignore);
  const root = opts.root ?? '/';
  const report = await runPreflight({ answers, minor }, host, { ignore, root });
  for (const name of unknownIgnores(report, ignore)) ctx.err(ctx.t('preflight.unknownIgnore', { name }));
  const errors = remainingErrors(report).length;
  if (root !== '/') ctx.out(ctx.t('preflight.rootNote', { root }));
  for (const line of reportLines(ctx.t, report, ctx.t('preflight.title', { version: minorString(minor) })))
    ctx.out(line);
  if (errors > 0) {
    if (opts.dryRun) ctx.out(ctx.t('preflight.dryRunBlocked', { count: errors }));
    else ctx.err(ctx.t('preflight.blocked', { count: errors }));
  }
  return { ok: errors === 0, report };
}
