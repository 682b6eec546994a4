import type { CommandContext } from '../context.js';
import { binaryVersion } from '../host/binaries.js';
import type { Answers } from '../model/answers.js';
import { parseMinor } from '../model/version.js';
import { ExitError } from './exit.js';

/**
 * The minor version to render for: the answers' kubernetesVersion, else what this host's
 * kube-apiserver binary says; an error (exit 2) when neither exists.
 */
export async function resolveMinor(ctx: CommandContext, answers: Answers): Promise<number> {
  if (answers.kubernetesVersion) return parseMinor(answers.kubernetesVersion)!;
  const binary = `${answers.paths.binDir}/kube-apiserver`;
  const probe = await binaryVersion(binary);
  if (!probe.ok) {
    ctx.err(ctx.t('cli.noVersion', { binary, error: probe.error }));
    throw new ExitError(2);
  }
  ctx.err(ctx.t('cli.versionDetected', { version: probe.version, binary }));
  return parseMinor(probe.version)!;
}
