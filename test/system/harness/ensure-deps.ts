/**
 * What the system tests need on the machine: root, and every command of test/packages.txt
 * (systemd, util-linux's unshare/nsenter/setpriv, openssl, curl, Debian's etcd, haproxy and
 * keepalived …). What is missing is installed with apt-get (we are root), so a fresh machine
 * works; .ci/run reads the same list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

const LIST = new URL('../../packages.txt', import.meta.url);
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'];
/** invoke-rc.d asks it whether a package's service may start (101: no) */
const POLICY = '/usr/sbin/policy-rc.d';

/** The lines of test/packages.txt: the command (or path) that proves a package, and the package. */
export function requiredPackages(): { command: string; pkg: string }[] {
  return readFileSync(LIST, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [command, pkg] = l.split(/\s+/);
      return { command: command!, pkg: pkg! };
    });
}

function present(command: string): boolean {
  if (command.startsWith('/')) return existsSync(command);
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...SBIN].filter(Boolean);
  return dirs.some((d) => existsSync(join(d, command)));
}

export async function ensureSystemTestDeps(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error('system tests need root: they boot systemd in new namespaces and mount overlays');
  }
  const wanted = requiredPackages();
  const missing = [...new Set(wanted.filter((w) => !present(w.command)).map((w) => w.pkg))];
  if (missing.length) {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    await execa('apt-get', ['update'], { env, stdio: 'ignore' });
    // the packages' services (haproxy, keepalived) run only in the sandboxes, never on this machine
    const policy = existsSync(POLICY) ? null : POLICY;
    if (policy) await writeFile(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    try {
      await execa('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
        env,
        stdio: 'ignore',
      });
    } finally {
      if (policy) await rm(policy, { force: true });
    }
  }
  const absent = wanted.filter((w) => !present(w.command)).map((w) => w.command);
  if (absent.length) throw new Error(`system tests cannot run here: missing ${absent.join(', ')}`);
}
