import { execa } from 'execa';
import { versionFromBinaryOutput } from '../model/version.js';

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
