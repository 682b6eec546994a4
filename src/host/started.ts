/**
 * The signal a program sends its launcher when its start is over (src/host/code-cache.ts
 * writes the code cache then). A module of its own, importing nothing, so that the program
 * does not load the launcher's modules (node:vm, node:module) to send it.
 */
export const STARTED = Symbol.for('kmaster-wizard.started');
type Hooks = Record<symbol, (() => void) | undefined>;

/**
 * Called by the program when its start is over (the wizard: its first frame is drawn). On a
 * run that had no usable cache, this is when it is written. Without a launcher (tests,
 * running from source) it does nothing.
 */
export function markStarted(): void {
  (globalThis as unknown as Hooks)[STARTED]?.();
}

/** The launcher's side: what markStarted() runs (once), or nothing. */
export function onStarted(hook: (() => void) | undefined): void {
  (globalThis as unknown as Hooks)[STARTED] = hook;
}
