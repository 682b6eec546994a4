/**
 * The one way the tests wait: call `probe` until it gives something other than null,
 * undefined or false, and resolve with that. Rejects after `timeoutMs` saying what was awaited,
 * with `detail()` (the screen, the frame…) and the probe's last error. Nothing here sleeps for a
 * fixed time as a test step: an interval of 0 yields to the event loop (setImmediate), so a
 * rendering app gets its turn between two looks.
 */
export interface WaitOptions {
  timeoutMs?: number;
  /** between two looks; 0 yields to the event loop once */
  intervalMs?: number;
  /** what is awaited, for the message */
  what?: string;
  /** more for the message when it times out */
  detail?: () => string;
}

const pause = (ms: number) =>
  new Promise<void>((resolve) => (ms <= 0 ? setImmediate(resolve) : setTimeout(resolve, ms)));

export async function waitUntil<T>(
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 100, what = 'a condition', detail }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      const more = detail ? `\n${detail()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}${more}`);
    }
    await pause(intervalMs);
  }
}
