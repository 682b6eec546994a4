/**
 * What the system tests need on the machine: root, systemd (not necessarily PID 1),
 * util-linux's unshare/nsenter/setpriv, openssl, curl, and Debian's etcd. etcd (and
 * openssl/curl) are installed with apt-get when missing and we are root, so a fresh
 * machine works.
 */
import { existsSync } from 'node:fs';
import { execa } from 'execa';

const PACKAGES: Record<string, string[]> = {
  '/usr/bin/etcd': ['etcd-server'],
  '/usr/bin/etcdctl': ['etcd-client'],
  '/usr/bin/openssl': ['openssl'],
  '/usr/bin/curl': ['curl'],
  '/lib/systemd/systemd': ['systemd'],
};

const REQUIRED = ['/usr/bin/systemd-notify', '/usr/bin/unshare', '/usr/bin/nsenter', '/usr/bin/setpriv'];

export async function ensureSystemTestDeps(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error('system tests need root: they boot systemd in new namespaces and mount overlays');
  }
  const missing = [
    ...new Set(Object.entries(PACKAGES).flatMap(([file, pkgs]) => (existsSync(file) ? [] : pkgs))),
  ];
  if (missing.length) {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    await execa('apt-get', ['update'], { env, stdio: 'ignore' });
    await execa('apt-get', ['install', '-y', ...missing], { env, stdio: 'ignore' });
  }
  const absent = [...REQUIRED, ...Object.keys(PACKAGES)].filter((f) => !existsSync(f));
  if (absent.length) throw new Error(`system tests cannot run here: missing ${absent.join(', ')}`);
}
