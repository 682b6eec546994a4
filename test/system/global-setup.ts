// vitest globalSetup of the `system` project: installs what the system tests need.
import { ensureSystemTestDeps } from './harness/ensure-deps.js';

export default async function setup(): Promise<void> {
  await ensureSystemTestDeps();
}
