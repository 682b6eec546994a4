import { describe, expect, it } from 'vitest';
import { interactivity, isInCi, summary } from '../../src/commands/wizard.js';
import { translator } from '../../src/i18n/index.js';
import { rootOf } from '../../src/wizard/state.js';
import { workMode } from '../../src/wizard/work-mode.js';
import { testState } from './wizard-helpers.js';

const tty = { stdin: { isTTY: true }, stdout: { isTTY: true } };

describe('whether the wizard may start', () => {
  it('needs a terminal on both stdin and stdout', () => {
    expect(interactivity(tty, {})).toEqual({ ok: true });
    expect(interactivity({ ...tty, stdin: { isTTY: false } }, {})).toEqual({ ok: false, why: 'noTty' });
    expect(interactivity({ ...tty, stdout: {} }, {})).toEqual({ ok: false, why: 'noTty' });
  });

  it('treats CI as not interactive, as Ink does, unless CI=false', () => {
    expect(isInCi({ CI: 'true' })).toBe(true);
    expect(isInCi({ CONTINUOUS_INTEGRATION: '1' })).toBe(true);
    expect(isInCi({ CI_JOB_ID: '7' })).toBe(true);
    expect(isInCi({ CI: 'false' })).toBe(false);
    expect(isInCi({ CI: '0' })).toBe(false);
    expect(interactivity(tty, { CI: '1' })).toEqual({ ok: false, why: 'ci' });
    expect(interactivity(tty, { CI: 'false' })).toEqual({ ok: true });
  });
});

describe('where the files go', () => {
  const master = { isRoot: true, systemd: true };
  const binaries = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => ({
    component: c as 'kube-apiserver',
    path: c,
    found: true as const,
    version: '1.13',
  }));

  it('--root wins, resolved against the current directory', () => {
    expect(workMode('out', master, binaries, '/home/me')).toEqual({ kind: 'root', root: '/home/me/out' });
  });

  it('a master works on / once its binaries are known', () => {
    expect(workMode(undefined, master, null, '/home/me')).toBeNull();
    expect(workMode(undefined, master, binaries, '/home/me')).toEqual({ kind: 'master' });
    expect(rootOf({ kind: 'master' })).toBe('/');
  });

  it('anything else works in the scratch directory and says why', () => {
    expect(workMode(undefined, { isRoot: false, systemd: false }, null, '/home/me')).toEqual({
      kind: 'scratch',
      root: '/home/me/.kmw-scratch',
      reasons: ['notRoot', 'noSystemd'],
    });
    const missing = binaries.map((b, i) =>
      i === 2 ? { component: b.component, path: b.path, found: false as const } : b,
    );
    expect(workMode(undefined, master, missing, '/w')).toMatchObject({
      kind: 'scratch',
      reasons: ['noBinaries'],
    });
  });
});

describe('what is said after the screen is gone', () => {
  const t = translator('en');
  it('says nothing was written after a quit', () => {
    expect(summary(testState(), t)).toEqual(['Nothing was written.']);
  });
  it('names the root the files went under and the profile saved', () => {
    const s = {
      ...testState(),
      written: { written: [{ path: '/a', target: '/r/a', action: 'create' }], commands: [], root: '/r' },
      saved: 'm1',
    };
    expect(summary(s, t)).toEqual([
      'Files written under /r.',
      'Saved profile m1; `kmaster-wizard --profile m1` opens it again.',
    ]);
  });
});
