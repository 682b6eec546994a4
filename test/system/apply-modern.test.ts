// The kubeconfig layout (1.20+) on a real systemd: the stand-ins claim 1.24, the answers
// say 1.24; the controller-manager and scheduler reach this master's apiserver over HTTPS
// with their client certificates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootMaster, type Master, seedAnswers, shown } from './apply-helpers.js';

describe('kmaster-wizard apply for Kubernetes 1.24 (kubeconfig layout)', () => {
  let m: Master;

  beforeAll(async () => {
    m = await bootMaster('1.24.17');
  });
  afterAll(async () => {
    await m?.sandbox.stop();
  });

  it('writes the kubeconfigs, starts every unit and ends healthy, with Lease holders', async () => {
    const answers = await m.answers('modern', seedAnswers({ kubernetesVersion: '1.24' }));
    const r = await m.apply(answers);
    expect(r.exitCode, shown(r)).toBe(0);
    for (const kc of ['controller-manager', 'scheduler']) {
      const stat = await m.sandbox.exec(['stat', '-c', '%a', `/etc/kubernetes/${kc}.kubeconfig`]);
      expect(stat.stdout.trim()).toBe('600');
      expect(await m.sandbox.readFile(`/etc/kubernetes/${kc}.kubeconfig`)).toContain(
        'server: https://192.168.50.101:6443',
      );
    }
    expect(r.stdout).toMatch(/^kube-apiserver +active \(running\) +Healthy +livez: 200 ok,/m);
    const wide = await m.cliRun('--lang', 'en', 'status', '--answers', answers, '-o', 'wide');
    expect(wide.stdout).toMatch(
      /kube-apiserver +active \(running\) +https:\/\/192\.168\.50\.101:6443\/livez https:\/\/192\.168\.50\.101:6443\/readyz +Healthy/,
    );
    expect(wide.stdout).toMatch(/kube-controller-manager: kmw-master-101_[\w-]+ \(Lease\)/);
    expect(wide.stdout).toMatch(/kube-scheduler: kmw-master-101_[\w-]+ \(Lease\)/);
    expect(r.stdout).toContain('kubectl get cs is not shown');
    expect(r.stdout).toContain('Applied. Every component is healthy.');
  });
});
