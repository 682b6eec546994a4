import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requiredPackages } from '../system/harness/ensure-deps.js';

const ROOT = new URL('../../', import.meta.url);

describe('the packages the tests need', () => {
  it('are one list, read by .ci/run and by the system tests’ setup', () => {
    const list = requiredPackages();
    expect(list.map((p) => p.pkg)).toEqual(expect.arrayContaining(['tmux', 'etcd-server', 'systemd']));
    for (const p of list) expect(p.pkg, p.command).toMatch(/^[a-z0-9][a-z0-9.+-]+$/);
    const ci = readFileSync(new URL('.ci/run', ROOT), 'utf8');
    expect(ci).toContain('done < test/packages.txt');
    // no package named in .ci/run besides the list
    expect(ci).not.toMatch(/need\+=\([a-z]/);
  });
});
