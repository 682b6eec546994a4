// vitest globalSetup of the `real` project: what the system tests need, and the real
// Kubernetes binaries of the test releases (built once from the Go module proxy, then reused
// from ~/.cache/kmaster-wizard/k8s).
import { ensureSystemTestDeps } from '../system/harness/ensure-deps.js';
import { ensureRealBinaries } from '../system/harness/real-binaries.js';

export default async function setup(): Promise<void> {
  await ensureSystemTestDeps();
  await ensureRealBinaries();
}
