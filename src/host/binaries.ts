import { stat } from 'node:fs/promises';
import { execa } from 'execa';
import { versionFromBinaryOutput } from '../model/version.js';
import { readTrial, type Trial } from '../parse/kube-help.mjs';
import { answersDir, fileAnswerStore, isCompiledProgram } from './binary-answers.js';

export type { Trial };

/**
 * What a binary answers cannot change while the file stays the same: within one run each
 * question is asked once per binary (preflight, doctor and the unit watch ask the same ones),
 * keyed by the file's identity, so a binary replaced meanwhile is asked again. A failed answer
 * (not found, timed out) is not kept. `--version` and `--help` answers are also kept across runs
 * (./binary-answers.ts).
 */
const asked = new Map<string, Promise<unknown>>();

async function fileIdentity(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch {
    return null;
  }
}

async function askOnce<T extends { ok: boolean }>(
  binary: string,
  question: '--version' | '--help',
  ask: () => Promise<T>,
): Promise<T> {
  const identity = await fileIdentity(binary);
  if (identity === null) return ask();
  const args = [question];
  const key = JSON.stringify([binary, identity, args]);
  const known = asked.get(key) as Promise<T> | undefined;
  if (known) return known;
  const dir = answersDir();
  const store = fileAnswerStore(dir && isCompiledProgram(binary) ? dir : null);
  const saved = store.read(binary, identity, args);
  if (saved !== undefined) {
    try {
      const answer = JSON.parse(saved) as T;
      if (answer.ok) {
        const kept = Promise.resolve(answer);
        asked.set(key, kept);
        return kept;
      }
    } catch {
      // not an answer: ask the binary
    }
  }
  const answer = ask();
  asked.set(key, answer);
  answer.then(
    (a) => {
      if (!a.ok) asked.delete(key);
      else store.write(binary, identity, args, JSON.stringify(a));
    },
    () => asked.delete(key),
  );
  return answer;
}

export type VersionProbe = { ok: true; version: string } | { ok: false; error: string };

/** Runs `BINARY --version` (no shell) and reads "Kubernetes v1.NN.P". */
export function binaryVersion(binary: string, timeoutMs = 10_000): Promise<VersionProbe> {
  return askOnce(binary, '--version', () => askVersion(binary, timeoutMs));
}

async function askVersion(binary: string, timeoutMs: number): Promise<VersionProbe> {
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
export function binaryHelp(binary: string, timeoutMs = 10_000): Promise<HelpProbe> {
  return askOnce(binary, '--help', () => askHelp(binary, timeoutMs));
}

async function askHelp(binary: string, timeoutMs: number): Promise<HelpProbe> {
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
