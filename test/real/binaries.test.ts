// The real binaries of each test release, as the system tests get them: built into the cache,
// mounted read-only into a sandbox, printing their release.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  installRealBinaries,
  K8S_BINARIES,
  realBinaryDir,
  testVersions,
} from '../system/harness/real-binaries.js';
import { bootSandbox, type Sandbox } from '../system/harness/sandbox.js';

describe.each(testVersions())('the real binaries of Kubernetes %s', (version) => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await bootSandbox();
    await installRealBinaries(sandbox, version);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('are in the cache with a build manifest', () => {
    expect(realBinaryDir(version)).toMatch(new RegExp(`/v${version.replace(/\./g, '\\.')}$`));
  });

  it('print their release inside the sandbox, from /usr/local/bin', async () => {
    for (const name of K8S_BINARIES) {
      const argv = name === 'kubectl' ? [name, 'version', '--client'] : [name, '--version'];
      const r = await sandbox.exec(argv);
      expect(r.stdout, `${name}: ${r.stderr}`).toContain(`v${version}`);
    }
  });

  it('cannot be changed from inside the sandbox', async () => {
    const r = await sandbox.exec(['sh', '-c', 'echo x > /usr/local/bin/kube-apiserver']);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/Read-only file system/);
  });
});
