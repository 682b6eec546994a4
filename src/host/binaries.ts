import { execa } from 'execa';
import { versionFromBinaryOutput } from '../model/version.js';
import { readTrial, type Trial } from '../parse/kube-help.mjs';

export type { Trial };

export type VersionProbe = { ok: true; version: string } | { ok: false; error: string };

/** Runs `BINARY --version` (no shell) and reads "Kubernetes v1.NN.P". */
export async function binaryVersion(binary: string, timeoutMs = 10_000): Promise<VersionProbe> {
  try {
    const result = await execa(binary, ['--version'], { timeout: timeoutMs, reject: false });
    const version = versionFromBinaryOutput(`${result.stdout}\n${result.stderr}`);
    if (version) return { ok: true, version };
    return {
      ok: false,
      error: result.failed
        ? (result.shortMessage ?? 'failed')
        : `unexpected output: ${result.stdout.slice(0, 80)}`,
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export type HelpProbe = { ok: true; text: string } | { ok: false; error: string };

/** `BINARY --help` (no shell): the text that lists its flags. */
export async function binaryHelp(binary: string, timeoutMs = 10_000): Promise<HelpProbe> {
  try {
    const r = await execa(binary, ['--help'], { timeout: timeoutMs, reject: false });
    if (r.timedOut || (r.exitCode !== 0 && !r.stdout))
      return { ok: false, error: r.shortMessage ?? 'failed' };
    return { ok: true, text: `${r.stdout}\n${r.stderr}` };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/**
 * `BINARY ARG… --version`: how the binary parses those arguments, without running it (the
 * kube components parse every flag before they act on --version).
 */
export async function trialParse(
  binary: string,
  args: readonly string[],
  timeoutMs = 10_000,
): Promise<Trial> {
  try {
    const r = await execa(binary, [...args, '--version'], { timeout: timeoutMs, reject: false });
    return readTrial(String(r.stdout ?? ''), String(r.stderr ?? ''));
  } catch (error) {
    return readTrial('', (error as Error).message);
  }
}
