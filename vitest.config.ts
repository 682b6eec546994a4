import { defineConfig } from 'vitest/config';

// Five layers of tests, each its own project so they can be run alone:
//   unit        pure logic (model, render, parsers) and host code against temp dirs
//   components  Ink screens rendered in memory
//   package     the packed package installed offline, npx, and the executable without Node
//   terminal    the built CLI driven in a real terminal (tmux)
//   system      the built CLI against a real systemd and a real TLS etcd cluster in namespaces
//   real        the same with the real Kubernetes binaries (built from the Go module proxy)
// Every test waits for a condition (test/wait.ts), never for a fixed time; the timeouts below only
// bound a test that hangs, and are wide because the machine may be busy with other work.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'components',
          include: ['test/components/**/*.test.tsx'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'terminal',
          include: ['test/terminal/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'system',
          include: ['test/system/**/*.test.ts'],
          globalSetup: ['test/system/global-setup.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'real',
          include: ['test/real/**/*.test.ts'],
          globalSetup: ['test/real/global-setup.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
