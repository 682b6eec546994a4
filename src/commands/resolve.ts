import type { CommandContext } from '../context.js';
import { binaryVersion } from '../host/binaries.js';
import type { Answers } from '../model/answers.js';
import { isNewerThanKnown, knownMinor, minorString, NEWEST_MINOR, parseMinor } from '../model/version.js';
import { ExitError } from './exit.js';

/**
 * The minor version to render for: the answers' kubernetesVersion, else what this host's
 * kube-apiserver binary says; an error (exit 2) when neither exists. A minor newer than the
 * newest known is rendered as the newest known, with a warning.
 */
export async function resolveMinor(ctx: CommandContext, answers: Answers): Promise<number> {
  let version = answers.kubernetesVersion;
  if (!version) {
    const binary = `${answers.paths.binDir}/kube-apiserver`;
    const probe = await binaryVersion(binary);
    if (!probe.ok) {
      ctx.err(ctx.t('cli.noVersion', { binary, error: probe.error }));
      throw new ExitError(2);
    }
    ctx.err(ctx.t('cli.versionDetected', { version: probe.version, binary }));
    version = probe.version;
  }
  const minor = parseMinor(version)!;
  if (isNewerThanKnown(minor)) {
    const newest = minorString(NEWEST_MINOR);
    ctx.err(ctx.t('cli.newerVersion', { version: minorString(minor), newest }));
  }
  return knownMinor(minor);
}
