// A rollback on a real systemd: after a run with other answers fails half-way, the files
// and units are exactly as before it.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootMaster, type Master, seedAnswers, shown, UNITS } from './apply-helpers.js';

const FILES = [
  '/etc/kubernetes/apiserver',
  '/etc/kubernetes/controller-manager',
  '/etc/kubernetes/scheduler',
  '/etc/systemd/system/kube-apiserver.service',
  '/etc/systemd/system/kube-controller-manager.service',
  '/etc/systemd/system/kube-scheduler.service',
];

describe('rollback on a real systemd', () => {
  let m: Master;
  let entry: string;

  beforeAll(async () => {
    m = await bootMaster('1.13.12');
    entry = `${m.sandbox.shareDir}/rollback-entry.mjs`;
    await build({
      entryPoints: [fileURLToPath(new URL('./rollback-entry.ts', import.meta.url))],
      outfile: entry,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: {
        js: [
          "import { createRequire as __r } from 'node:module';",
          'const require = __r(import.meta.url);',
          "import { fileURLToPath as __f } from 'node:url';",
          'const __filename = __f(import.meta.url);',
        ].join('\n'),
      },
      logLevel: 'warning',
    });
  });
  afterAll(async () => {
    await m?.sandbox.stop();
  });

  const fingerprint = async () => {
    const sums = await m.sandbox.exec(['sha256sum', ...FILES]);
    const modes = await m.sandbox.exec(['stat', '-c', '%n %a %U', ...FILES]);
    return `${sums.stdout}${modes.stdout}`;
  };
  const cmdline = async (unit: string) => {
    const pid = (await m.sandbox.exec(['systemctl', 'show', '-p', 'MainPID', '--value', unit])).stdout.trim();
    return (await m.sandbox.exec(['cat', `/proc/${pid}/cmdline`])).stdout.split('\0').join(' ');
  };

  it('restores the previous files byte for byte and the units as they ran', async () => {
    const first = await m.apply(await m.answers('seed', seedAnswers()));
    expect(first.exitCode, shown(first)).toBe(0);
    const before = await fingerprint();
    const enabledBefore = (await m.sandbox.systemctl('is-enabled', ...UNITS)).stdout;
    expect(await cmdline('kube-apiserver.service')).toContain('--v=2');

    // other answers: more verbose logs everywhere, and a flag the scheduler does not have
    const other = await m.answers(
      'other',
      seedAnswers({ logging: { verbosity: 4 }, scheduler: { extraArgs: ['--no-such-flag=1'] } }),
    );
    const r = await m.sandbox.exec([process.execPath, entry, other], { timeoutMs: 120_000 });
    expect(r.exitCode, shown(r)).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.outcome).toBe('failed');
    expect(out.diagnosis).toMatchObject({ cause: 'unknown-flag', params: { flag: '--no-such-flag' } });
    expect(out.phases).toContain('phase-failed kube-scheduler wait');
    // the EnvironmentFiles changed; the unit files did not
    expect(out.written.map((w: { path: string }) => w.path)).toEqual(FILES.slice(0, 3));
    expect(out.written.every((w: { backup?: string }) => w.backup?.includes('.bak-'))).toBe(true);
    expect(out.rollback.ok, JSON.stringify(out.rollback.events)).toBe(true);

    expect(await fingerprint()).toBe(before);
    expect((await m.sandbox.systemctl('is-enabled', ...UNITS)).stdout).toBe(enabledBefore);
    for (const unit of UNITS)
      expect((await m.sandbox.systemctl('is-active', unit)).stdout.trim(), unit).toBe('active');
    // the units run their old files again
    expect(await cmdline('kube-apiserver.service')).toContain('--v=2');
    expect(await cmdline('kube-apiserver.service')).not.toContain('--v=4');
    expect(await cmdline('kube-scheduler.service')).not.toContain('--no-such-flag');
    // and the table says so
    const status = await m.cliRun('status', '--answers', `${m.sandbox.shareDir}/seed.json`);
    expect(status.exitCode, shown(status)).toBe(0);
  });
});
