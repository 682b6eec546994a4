// Bundled by apply-rollback.test.ts and run INSIDE the sandbox: applies an answers file
// with the real pipeline on the real host, then rolls the run back, and prints what
// happened as one JSON line. The CLI has no rollback command (the wizard offers it after a
// failure), so the test drives the same functions the wizard does.
import { readFile } from 'node:fs/promises';
import type { ApplyEvent, RollbackEvent } from '../../src/apply/events.js';
import { realHost } from '../../src/apply/host.js';
import { runPipeline } from '../../src/apply/pipeline.js';
import { planFiles } from '../../src/apply/plan.js';
import { rollback } from '../../src/apply/rollback.js';
import { translator } from '../../src/i18n/index.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { parseMinor } from '../../src/model/version.js';
import { renderFiles } from '../../src/render/files.js';

const parsed = parseAnswers(JSON.parse(await readFile(process.argv[2]!, 'utf8')));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const answers = parsed.answers;
const minor = parseMinor(answers.kubernetesVersion ?? '')!;
const planned = await planFiles(renderFiles(answers, minor).files, '/');
const host = realHost();
const phases: string[] = [];
const result = await runPipeline(
  { answers, minor, planned, t: translator('en'), healthTimeoutMs: 30_000 },
  host,
  (e: ApplyEvent) => {
    if (e.type === 'phase-start' || e.type === 'phase-failed')
      phases.push(`${e.type} ${e.phase.component ?? ''} ${e.phase.name}`);
  },
  new AbortController().signal,
);
const events: RollbackEvent[] = [];
const undone = await rollback(result, host, (e) => events.push(e));
process.stdout.write(
  `${JSON.stringify({
    outcome: result.outcome,
    diagnosis: result.failure?.diagnosis ?? null,
    written: result.written,
    phases,
    rollback: { ok: undone.ok, events, after: undone.after },
  })}\n`,
);
