import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

/**
 * The HA front's programs judge the files before they are written: `haproxy -c -f FILE` and
 * `keepalived -t -f FILE` on a copy in a private temporary folder (removed afterwards).
 */
export type ConfigProgram = 'haproxy' | 'keepalived';

export const PROGRAMS: Record<ConfigProgram, string> = {
  haproxy: '/usr/sbin/haproxy',
  keepalived: '/usr/sbin/keepalived',
};

export interface ConfigVerdict {
  ok: boolean;
  /** what the program said (its warnings and errors), trimmed */
  output: string;
}

export async function checkConfig(program: ConfigProgram, content: string): Promise<ConfigVerdict> {
  const dir = await mkdtemp(join(tmpdir(), 'kmw-config-'));
  try {
    const file = join(dir, program === 'haproxy' ? 'haproxy.cfg' : 'keepalived.conf');
    await writeFile(file, content, { mode: 0o600 });
    const args = program === 'haproxy' ? ['-c', '-q', '-f', file] : ['-t', '-f', file];
    const r = await execa(PROGRAMS[program], args, { reject: false, timeout: 10_000, all: true });
    const output = String(r.all ?? '')
      .split(file)
      .join(program === 'haproxy' ? 'haproxy.cfg' : 'keepalived.conf')
      .trim();
    return { ok: r.exitCode === 0, output };
  } catch (error) {
    return { ok: false, output: (error as Error).message };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
