// A release newer than the flag table knows: stand-ins claiming the next minor, answers for
// it. apply warns and writes the files as for the newest known minor, and the Flags-* checks
// hold each flag against the binaries' own --help, so a flag the newer release dropped stops
// apply before anything is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minorString, NEWEST_MINOR } from '../../src/model/version.js';
import { bootMaster, type Master, seedAnswers, shown, UNITS } from './apply-helpers.js';
import { installStandins } from './harness/standins.js';

const NEWER = minorString(NEWEST_MINOR + 1);
const NEWEST = minorString(NEWEST_MINOR);

describe(`kmaster-wizard apply for Kubernetes ${NEWER}, newer than the newest known (${NEWEST})`, () => {
  let m: Master;
  let answers: string;

  beforeAll(async () => {
    m = await bootMaster(`${NEWER}.0`);
    answers = await m.answers('newer', seedAnswers({ kubernetesVersion: NEWER }));
  });
  afterAll(async () => {
    await m?.sandbox.stop();
  });

  it('a flag the newer binaries dropped stops apply before writing, named with their version', async () => {
    await installStandins(m.sandbox, `${NEWER}.0`, { etcdTimeoutMs: 3000, without: ['--leader-elect'] });
    const r = await m.apply(answers);
    expect(r.exitCode, shown(r)).toBe(1);
    expect(r.stdout).toContain(
      `kube-controller-manager ${NEWER} (/usr/local/bin/kube-controller-manager) does not accept --leader-elect`,
    );
    expect(r.stdout).toContain(
      `kube-scheduler ${NEWER} (/usr/local/bin/kube-scheduler) does not accept --leader-elect`,
    );
    expect(r.stderr).toContain('apply stopped before writing anything: 2 preflight errors.');
    expect(await m.sandbox.exists('/etc/kubernetes/apiserver')).toBe(false);
    for (const unit of UNITS)
      expect((await m.sandbox.systemctl('is-active', unit)).stdout.trim()).toBe('inactive');
  });

  it('is accepted with a warning, written as the newest known, and ends healthy', async () => {
    await installStandins(m.sandbox, `${NEWER}.0`, { etcdTimeoutMs: 3000 });
    const r = await m.apply(answers);
    expect(r.exitCode, shown(r)).toBe(0);
    expect(r.stderr).toContain(
      `Warning: Kubernetes ${NEWER} is newer than the newest version kmaster-wizard knows (${NEWEST}); the files are written as for ${NEWEST}`,
    );
    expect(r.stdout).toMatch(
      new RegExp(`KnownVersion +warning +WARN +Kubernetes ${NEWER.replace('.', '\\.')} is newer`),
    );
    expect(r.stdout).toMatch(/Flags-kube-apiserver +error +pass/);
    expect(await m.sandbox.readFile('/etc/kubernetes/apiserver')).toContain(
      `Written by kmaster-wizard for Kubernetes ${NEWEST}`,
    );
    expect(r.stdout).toContain('Applied. Every component is healthy.');
  });
});
