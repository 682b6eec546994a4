// sd_notify READY=1 for Type=notify units (kube-apiserver does this once it serves).
import { spawnSync } from 'node:child_process';

export function notifyReady(log) {
  if (!process.env.NOTIFY_SOCKET) return;
  const r = spawnSync('systemd-notify', ['--ready', `--pid=${process.pid}`], { stdio: 'ignore' });
  if (r.status !== 0)
    log?.warning('daemon.go:38', `failed to notify systemd: systemd-notify exited ${r.status}`);
}
