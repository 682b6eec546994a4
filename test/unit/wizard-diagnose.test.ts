// The start screen offers `kmaster-wizard doctor` when a kube unit of this master has failed:
// only on a master, only then, and choosing it ends the wizard so that doctor reads the master.
import { describe, expect, it } from 'vitest';
import { startChoices } from '../../src/wizard/state.js';
import { press, send, testHost, testState } from './wizard-helpers.js';

const master = testHost({ isRoot: true, systemd: true, mode: { kind: 'master' } });

describe('the start screen offers to diagnose a master whose unit failed', () => {
  it('only on a master, and only when a kube unit failed', () => {
    const failed = ['kube-apiserver.service'];
    expect(startChoices(testState({ host: { ...master, failedUnits: failed } }))).toEqual([
      'new',
      'diagnose',
    ]);
    expect(startChoices(testState({ host: { ...master, failedUnits: [] } }))).toEqual(['new']);
    expect(startChoices(testState({ host: master }))).toEqual(['new']);
    // not a master: nothing here is this host's to diagnose
    expect(startChoices(testState({ host: testHost({ failedUnits: failed }) }))).toEqual(['new']);
  });

  it('learns of the failed unit once the host is known, and choosing it hands over to doctor', () => {
    const s = send(testState({ host: master }), {
      type: 'HOST',
      host: { failedUnits: ['kube-scheduler.service'] },
    });
    expect(startChoices(s)).toEqual(['new', 'diagnose']);
    const chosen = press(s, 'down', 'enter');
    expect(chosen.exit).toEqual({ code: 0, doctor: true });
    // nothing was asked of the host: no adopt, no profile, no request
    expect(chosen.request).toBeNull();
  });
});
