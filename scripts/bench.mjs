#!/usr/bin/env node
// Every benchmark, one after the other, on the single-file build (built first):
//   npm run bench
// Each can also run alone (see its header): bench-startup.mjs, bench-journal.mjs, bench-apply.mjs,
// bench-answers.mjs, bench-doctor.mjs.
import { execFileSync } from 'node:child_process';

const here = (f) => new URL(f, import.meta.url).pathname;
const run = (script, args = []) =>
  execFileSync(process.execPath, [here(script), ...args], { stdio: 'inherit' });

run('build.mjs');
for (const [title, script, args] of [
  ['start-up and typing', 'bench-startup.mjs'],
  ['the journal pane at 50,000 lines/s', 'bench-journal.mjs', ['50000', '5']],
  ['apply without a terminal', 'bench-apply.mjs'],
  ['hostile answers files', 'bench-answers.mjs'],
  ['doctor on this master (only on a master)', 'bench-doctor.mjs'],
]) {
  console.log(`\n== ${title} (${script}) ==`);
  run(script, args);
}
