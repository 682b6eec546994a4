// kmaster-wizard doctor with the real Kubernetes binaries (1.36, 1.37) dropped in under the guide's
// hand-made 1.13 install: the real binaries exit on their first unknown flag, systemd gives up
// on them, and doctor names every removed flag per unit with the version that removed it, the
// file and line, and the fix — from the real journal lines — and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootMaster, type Master, shown, UNITS } from '../system/apply-helpers.js';
import {
  doctorReadOnly,
  installSeedByHand,
  removedFlags,
  reportOf,
  settle,
} from '../system/doctor-helpers.js';
import { installRealBinaries, testVersions } from '../system/harness/real-binaries.js';
import { waitUntil } from '../system/harness/wait.js';

describe.each(testVersions())(
  'kmaster-wizard doctor: the real %s binaries under the guide’s 1.13 files',
  (real) => {
    let m: Master;
    const minor = real.split('.').slice(0, 2).join('.');

    beforeAll(async () => {
      m = await bootMaster('1.13.12');
      await installSeedByHand(m.sandbox);
      await waitUntil(async () => (await m.cliRun('status')).exitCode === 0, {
        timeoutMs: 90_000,
        intervalMs: 1000,
        what: 'the 1.13 master healthy',
      });
      await installRealBinaries(m.sandbox, real);
      await m.sandbox.systemctl('restart', ...UNITS);
      await settle(m.sandbox);
    });
    afterAll(async () => {
      await m?.sandbox.stop();
    });

    it('names each removed flag per unit with its version and the fix, from the real unknown-flag lines; exit 1; nothing changed', async () => {
      const r = await doctorReadOnly(m, '--json');
      expect(r.exitCode, shown(r)).toBe(1);
      const report = reportOf(r);
      expect(report.components.map((c) => c.version)).toEqual([minor, minor, minor]);
      const findings = report.findings;
      expect(removedFlags(findings)).toEqual([
        [
          'kube-apiserver',
          '--enable-swagger-ui',
          '1.24',
          '/etc/kubernetes/apiserver:31: --enable-swagger-ui=true',
        ],
        ['kube-apiserver', '--kubelet-https', '1.22', '/etc/kubernetes/apiserver:32: --kubelet-https=true'],
        ['kube-apiserver', '--logtostderr', '1.26', '/etc/kubernetes/apiserver:38: --logtostderr=true'],
        [
          'kube-controller-manager',
          '--logtostderr',
          '1.26',
          '/etc/kubernetes/controller-manager:14: --logtostderr=true',
        ],
        ['kube-scheduler', '--address', '1.24', '/etc/kubernetes/scheduler:6: --address=127.0.0.1'],
        ['kube-scheduler', '--logtostderr', '1.26', '/etc/kubernetes/scheduler:8: --logtostderr=true'],
      ]);
      for (const f of findings.filter((x) => x.kind === 'flag-removed')) {
        expect(f.fix[0]!.text).toMatch(
          /^(Remove|Replace) --[\w-]+=\S+ (from|in) \/etc\/kubernetes\/[a-z-]+ \(line \d+\)/,
        );
        expect(f.fix[1]!.text).toContain(`write them for Kubernetes ${minor}`);
      }
      expect(findings.filter((f) => f.kind === 'flag-required').map((f) => f.what.params?.flag)).toEqual([
        '--service-account-issuer',
        '--service-account-signing-key-file',
      ]);

      // each unit stopped on its first unknown flag: the real binary's own line is the evidence
      const unit = (name: string) => findings.find((f) => f.kind === 'unit' && f.subject === name);
      for (const [name, flag, version] of [
        ['kube-apiserver.service', '--enable-swagger-ui', '1.24'],
        ['kube-controller-manager.service', '--logtostderr', '1.26'],
        ['kube-scheduler.service', '--address', '1.24'],
      ] as const) {
        const f = unit(name);
        expect(f, shown(r)).toBeDefined();
        expect(f!.evidence[0]).toMatchObject({ unit: name, text: `Error: unknown flag: ${flag}` });
        expect(f!.cause?.text).toBe(
          `${name.replace('.service', '')} ${minor} does not know the flag ${flag}: it was removed in Kubernetes ${version}.`,
        );
      }
      expect((await m.sandbox.journal('kube-apiserver.service', { output: 'cat' })).trimEnd()).toMatch(
        /Error: unknown flag: --enable-swagger-ui/,
      );
    });
  },
);
