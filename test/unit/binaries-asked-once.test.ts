import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binaryHelp, binaryVersion } from '../../src/host/binaries.js';

// A binary's answers to --version and --help are asked once per run while the file stays the
// same; a file replaced meanwhile is asked again, and a failed answer is not kept.
const dir = mkdtempSync(join(tmpdir(), 'kmw-binaries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const calls = join(dir, 'calls');
const writeBinary = (path: string, version: string, exit = 0) => {
  writeFileSync(
    path,
    `#!/bin/sh\necho "$0 $*" >> ${calls}\necho "Kubernetes ${version}"\necho "      --secure-port int   the port"\nexit ${exit}\n`,
  );
  chmodSync(path, 0o755);
};
const asked = () => readFileSync(calls, 'utf8').trim().split('\n').length;

describe('asking a binary', () => {
  it('asks --version and --help once while the file stays the same', async () => {
    const bin = join(dir, 'kube-apiserver');
    writeBinary(bin, 'v1.13.12');
    const [a, b] = await Promise.all([binaryVersion(bin), binaryVersion(bin)]);
    expect(a).toEqual({ ok: true, version: '1.13' });
    expect(b).toEqual(a);
    expect(await binaryVersion(bin)).toEqual(a);
    expect(asked()).toBe(1);
    const help = await binaryHelp(bin);
    expect(help.ok && help.text).toContain('--secure-port');
    await binaryHelp(bin);
    expect(asked()).toBe(2);
  });

  it('asks again once the file was replaced', async () => {
    const bin = join(dir, 'kube-scheduler');
    writeBinary(bin, 'v1.13.12');
    const before = asked();
    expect(await binaryVersion(bin)).toEqual({ ok: true, version: '1.13' });
    writeBinary(bin, 'v1.24.17');
    expect(await binaryVersion(bin)).toEqual({ ok: true, version: '1.24' });
    expect(asked()).toBe(before + 2);
  });

  it('keeps no failed answer', async () => {
    const bin = join(dir, 'kube-controller-manager');
    writeFileSync(bin, `#!/bin/sh\necho "$0 $*" >> ${calls}\necho nothing\n`);
    chmodSync(bin, 0o755);
    const before = asked();
    expect((await binaryVersion(bin)).ok).toBe(false);
    expect((await binaryVersion(bin)).ok).toBe(false);
    expect(asked()).toBe(before + 2);
    expect((await binaryVersion(join(dir, 'missing'))).ok).toBe(false);
  });
});
