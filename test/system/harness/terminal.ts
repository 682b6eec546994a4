import { type StartOptions, Terminal } from '../../terminal/tmux.js';
import { SANDBOX_PATH, type Sandbox } from './sandbox.js';

/**
 * The built CLI in a real terminal (tmux, outside) running inside the sandbox, where its systemd
 * and the master are: root's home and the sandbox's PATH, `opts.env` on top.
 */
export function terminalInSandbox(
  sandbox: Sandbox,
  args: string[],
  opts: Omit<StartOptions, 'prefix'> = {},
): Terminal {
  return Terminal.start(args, {
    ...opts,
    prefix: ['nsenter', '-t', String(sandbox.pid), '-m', '-p', '-n', '-u'],
    env: { HOME: '/root', PATH: SANDBOX_PATH, ...opts.env },
  });
}
