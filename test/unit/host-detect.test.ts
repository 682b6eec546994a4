import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  binariesVersion,
  detectBinaries,
  existingFiles,
  masterGaps,
  quickFacts,
} from '../../src/host/detect.js';
import { systemdBooted, systemdState } from '../../src/host/machine.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kmw-detect-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function put(path: string, text: string, mode = 0o644): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  await chmod(path, mode);
}

describe('host detection', () => {
  it('lists the configuration files and kube units under the root, leaving backups out', async () => {
    await put(join(work, 'etc/kubernetes/apiserver'), 'X=1\n');
    await put(join(work, 'etc/kubernetes/apiserver.bak-20260101T000000Z'), 'X=0\n');
    await put(join(work, 'lib/systemd/system/kube-apiserver.service'), '[Unit]\n');
    await put(join(work, 'lib/systemd/system/etcd.service'), '[Unit]\n');
    await put(join(work, 'etc/systemd/system/kube-scheduler.service'), '[Unit]\n');
    expect(existingFiles(work, '/etc/kubernetes')).toEqual([
      { path: '/etc/kubernetes/apiserver', target: join(work, 'etc/kubernetes/apiserver') },
      {
        path: '/lib/systemd/system/kube-apiserver.service',
        target: join(work, 'lib/systemd/system/kube-apiserver.service'),
      },
      {
        path: '/etc/systemd/system/kube-scheduler.service',
        target: join(work, 'etc/systemd/system/kube-scheduler.service'),
      },
    ]);
  });

  it('tells systemd from its marker directory', async () => {
    await mkdir(join(work, 'run-systemd'));
    const opts = { root: work, configDir: '/etc/kubernetes', binDir: join(work, 'bin') };
    expect(quickFacts({ ...opts, systemdMarker: join(work, 'run-systemd') }).systemd).toBe(true);
    expect(quickFacts({ ...opts, systemdMarker: join(work, 'nothing') }).systemd).toBe(false);
  });

  it('calls systemd not running, without asking systemctl, when it did not boot the machine', async () => {
    expect(systemdBooted(join(work, 'nothing'))).toBe(false);
    expect(await systemdState(join(work, 'nothing'))).toEqual({ ok: false, state: 'offline' });
  });

  it('asks each binary that exists for its version, all at once', async () => {
    const bin = join(work, 'bin');
    await put(join(bin, 'kube-apiserver'), '#!/bin/sh\necho "Kubernetes v1.13.12"\n', 0o755);
    await put(join(bin, 'kube-controller-manager'), '#!/bin/sh\necho "no idea"\n', 0o755);
    const found = await detectBinaries(bin, 5000);
    expect(found[0]).toEqual({
      component: 'kube-apiserver',
      path: join(bin, 'kube-apiserver'),
      found: true,
      version: '1.13',
    });
    expect(found[1]).toMatchObject({ component: 'kube-controller-manager', found: true, version: null });
    expect(found[2]).toEqual({
      component: 'kube-scheduler',
      path: join(bin, 'kube-scheduler'),
      found: false,
    });
    expect(binariesVersion(found)).toBe('1.13');
    expect(masterGaps({ isRoot: true, systemd: true }, found)).toEqual(['noBinaries']);
  });

  it('calls a host a master only with root, systemd and every binary', () => {
    const all = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => ({
      component: c as 'kube-apiserver',
      path: `/usr/local/bin/${c}`,
      found: true as const,
      version: '1.24',
    }));
    expect(masterGaps({ isRoot: true, systemd: true }, all)).toEqual([]);
    expect(masterGaps({ isRoot: false, systemd: true }, all)).toEqual(['notRoot']);
    expect(masterGaps({ isRoot: true, systemd: false }, all)).toEqual(['noSystemd']);
    expect(masterGaps({ isRoot: true, systemd: true }, [])).toEqual(['noBinaries']);
    // while the binaries are not known yet, only what is known counts
    expect(masterGaps({ isRoot: false, systemd: false }, null)).toEqual(['notRoot', 'noSystemd']);
  });
});
