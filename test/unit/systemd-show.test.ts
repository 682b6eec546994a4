// Reading units' states: `systemctl show` of several units parsed block by block, and the reads
// asked at the same time answered by one systemctl (a stand-in on PATH that logs each call).

import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseUnitsShow, unitState } from '../../src/host/systemd.js';

describe('systemctl show of several units', () => {
  it('one block per unit, in the order asked; a count that does not match is no answer', () => {
    const text = [
      'MainPID=214',
      'LoadState=loaded',
      'ActiveState=active',
      'SubState=running',
      'InvocationID=279a',
      '',
      'MainPID=0',
      'LoadState=not-found',
      'ActiveState=inactive',
      'InvocationID=',
      '',
    ].join('\n');
    const [api, gone] = parseUnitsShow(['kube-apiserver.service', 'nope.service'], text)!;
    expect(api).toMatchObject({
      unit: 'kube-apiserver.service',
      mainPid: 214,
      activeState: 'active',
      invocationId: '279a',
    });
    expect(gone).toMatchObject({
      unit: 'nope.service',
      loadState: 'not-found',
      mainPid: 0,
      invocationId: '',
    });
    expect(parseUnitsShow(['a.service', 'b.service', 'c.service'], text)).toBeNull();
  });
});

describe('reads asked at the same time share one systemctl', () => {
  let dir: string;
  let log: string;
  let oldPath: string | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kmw-systemctl-'));
    log = join(dir, 'calls.log');
    // prints one block per unit named before the first -p; a unit called bad.service makes the
    // whole call fail, as systemctl does for a name it refuses
    await writeFile(
      join(dir, 'systemctl'),
      `#!/bin/sh
echo "$*" >> "${log}"
shift
n=0
for u in "$@"; do
  [ "$u" = "-p" ] && break
  [ "$u" = "bad.service" ] && { echo "Unit name bad.service is not valid." >&2; exit 1; }
  [ $n -gt 0 ] && echo
  n=$((n + 1))
  echo "LoadState=loaded"
  echo "ActiveState=active"
  echo "MainPID=$((100 + n))"
  echo "InvocationID=id-$u"
done
`,
    );
    await chmod(join(dir, 'systemctl'), 0o755);
    oldPath = process.env.PATH;
    process.env.PATH = `${dir}:${oldPath ?? ''}`;
  });
  afterAll(async () => {
    process.env.PATH = oldPath;
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => writeFile(log, ''));
  const calls = async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean);

  it('three reads in one turn are one call, each answered with its own unit', async () => {
    const units = ['kube-apiserver.service', 'kube-controller-manager.service', 'kube-scheduler.service'];
    const states = await Promise.all(units.map((u) => unitState(u)));
    expect(states.map((s) => [s.unit, s.invocationId])).toEqual(units.map((u) => [u, `id-${u}`]));
    const made = await calls();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(
      /^show kube-apiserver\.service kube-controller-manager\.service kube-scheduler\.service -p LoadState/,
    );
  });

  it('a read asked later is a call of its own; one unit asked twice at once is asked once', async () => {
    const [a, b] = await Promise.all([unitState('x.service'), unitState('x.service')]);
    expect(a).toEqual(b);
    await unitState('y.service');
    expect((await calls()).map((c) => c.split(' -p')[0])).toEqual(['show x.service', 'show y.service']);
  });

  it('reads with different AbortSignals are not put together', async () => {
    const one = new AbortController();
    const other = new AbortController();
    await Promise.all([unitState('a.service', one.signal), unitState('b.service', other.signal)]);
    expect((await calls()).map((c) => c.split(' -p')[0]).sort()).toEqual([
      'show a.service',
      'show b.service',
    ]);
  });

  it('a batch systemctl refuses is asked unit by unit: the good reads answer, the bad one fails alone', async () => {
    const [good, bad] = await Promise.allSettled([unitState('good.service'), unitState('bad.service')]);
    expect(good).toMatchObject({
      status: 'fulfilled',
      value: { unit: 'good.service', invocationId: 'id-good.service' },
    });
    expect(bad).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/bad\.service is not valid/) },
    });
    expect((await calls()).map((c) => c.split(' -p')[0])).toEqual([
      'show good.service bad.service',
      'show good.service',
      'show bad.service',
    ]);
  });
});
