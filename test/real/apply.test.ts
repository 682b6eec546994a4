// The master, for real: the seed's answers → `apply --yes` with the real binaries of each test
// release, on a real systemd in front of a real 3-member TLS etcd cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootMaster, type Master, seedAnswers, shown } from '../system/apply-helpers.js';
import { testVersions } from '../system/harness/real-binaries.js';

describe.each(testVersions())('kmaster-wizard apply with the real Kubernetes %s binaries', (version) => {
  let m: Master;
  const minor = version.split('.').slice(0, 2).join('.');

  beforeAll(async () => {
    m = await bootMaster(version, { real: true });
  });
  afterAll(async () => {
    await m?.sandbox.stop();
  });

  it('starts every unit and ends healthy', async () => {
    const answers = await m.answers('real', seedAnswers({ kubernetesVersion: minor }));
    const r = await m.apply(answers);
    if (r.exitCode !== 0) {
      for (const u of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
        console.log(u, (await m.sandbox.journal(`${u}.service`, { output: 'cat' })).slice(-6000));
    }
    expect(r.exitCode, shown(r)).toBe(0);
  });
});
