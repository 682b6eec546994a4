// What a real kube binary accepts, read from the binary itself: the flags its --help lists,
// and the hidden ones (deprecated with MarkDeprecated: accepted, not listed) found by a trial
// parse. The three components parse every flag before they act on --version
// (verflag.PrintAndExitIfRequested is the first thing their RunE does), so
// `BINARY --some-flag=x --version` prints the version when --some-flag exists and
// `Error: unknown flag: --some-flag` when it does not.
//
// Used by scripts/flag-table-from-binaries.mjs (refreshes src/model/data/flag-table.json) and
// by the test that compares that table with the built binaries.

import { execa } from 'execa';
import { parseHelp, readTrial } from '../src/parse/kube-help.mjs';

export { parseHelp };

/** One trial parse: how the binary takes `argv` followed by --version. */
export async function trialParse(binary, argv) {
  const r = await execa(binary, [...argv, '--version'], { reject: false, timeout: 20_000 });
  return readTrial(r.stdout, r.stderr);
}

/**
 * Which of `candidates` (flags not in --help) the binary still accepts. Each is tried alone
 * (a parse stops at its first error), two at a time, as `--flag=1`: never a bare `--flag`,
 * which would take the following --version as its value if it is not a boolean. A value the
 * flag refuses (`invalid argument "1" for "--flag"`) still shows that the flag exists.
 */
async function hiddenFlags(binary, candidates) {
  const hidden = new Map();
  const rejected = new Set();
  const queue = [...candidates];
  const worker = async () => {
    for (let flag = queue.shift(); flag; flag = queue.shift()) {
      const t = await trialParse(binary, [`${flag}=1`]);
      if (t.unknown === flag) rejected.add(flag);
      else if (t.ok || t.invalid === flag) hidden.set(flag, { deprecated: t.deprecated.includes(flag) });
      else throw new Error(`${binary} ${flag}: cannot tell from: ${t.output.slice(0, 300)}`);
    }
  };
  await Promise.all([worker(), worker()]);
  return { hidden, rejected };
}

/**
 * The truth about one binary: its version line, the flags --help lists, and for each
 * candidate it does not list, whether it is accepted (hidden) or rejected.
 * `candidates`: flag names (the flag table's flags of that component, of every version).
 */
export async function probeBinary(binary, candidates) {
  const versionLine = (await execa(binary, ['--version'])).stdout.trim();
  const help = await execa(binary, ['--help'], { reject: false });
  const listed = parseHelp(`${help.stdout}\n${help.stderr}`);
  if (listed.size < 10) throw new Error(`${binary} --help lists no flags:\n${help.stdout.slice(0, 500)}`);
  const unlisted = [...candidates].filter((f) => !listed.has(f)).sort();
  const { hidden, rejected } = await hiddenFlags(binary, unlisted);
  return { versionLine, listed, hidden, rejected };
}

/** Does the binary accept the flag (listed or hidden)? */
export const accepts = (probe, flag) => probe.listed.has(flag) || probe.hidden.has(flag);
