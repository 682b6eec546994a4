import { type SpawnSyncOptions, spawnSync } from 'node:child_process';

/**
 * Runs a command in a network namespace of its own (`unshare --net`, mapped to root so that no
 * privilege is needed): it sees only a loopback that is down, so nothing can be fetched.
 */
export function offline(command: string, args: string[], opts: SpawnSyncOptions = {}) {
  const r = spawnSync('unshare', ['--net', '--map-root-user', '--', command, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    ...opts,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}
