import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/model/seed.js';
import { draftFrom, draftToInput, newDraft } from '../../src/wizard/draft.js';
import { pageRows } from '../../src/wizard/keymap.js';
import { focusedRow, rowsOf } from '../../src/wizard/rows.js';
import type { State } from '../../src/wizard/state.js';
import type { FixedRow, ReviewDoc } from '../../src/wizard/types.js';
import { press, send, testHost, testState, type } from './wizard-helpers.js';

/** The start screen's "new setup" answered as the services would: this host's address, empty etcd rows. */
function begun(s: State = testState()): State {
  const asked = press(s, 'enter');
  expect(asked.request).toMatchObject({ kind: 'begin', choice: 'new' });
  return send(asked, {
    type: 'BEGUN',
    id: asked.request!.id,
    payload: { draft: newDraft({ version: '1.13', address: '192.168.50.101' }), origin: { kind: 'new' } },
  });
}

function focusOn(s: State, id: string): State {
  const i = rowsOf(s).findIndex((r) => r.kind === 'field' && r.id === id);
  expect(i).toBeGreaterThanOrEqual(0);
  let out = s;
  while (out.focus !== i) out = press(out, out.focus < i ? 'down' : 'up');
  return out;
}

/** The seed's three etcd members typed into the three rows, Enter after each. */
function seedEtcd(s: State): State {
  let out = focusOn(s, 'etcdServers.0');
  for (const url of SEED.etcdServers) out = press(type(out, url), 'enter');
  return out;
}

const review: ReviewDoc = {
  lines: Array.from({ length: 60 }, (_, i) => ({ kind: 'same', text: `l${i}` })),
  changed: 1,
  commands: [],
};

describe('the start screen', () => {
  it('offers a new setup and asks the services to begin it on Enter', () => {
    const s = press(testState(), 'enter');
    expect(s.busy).toBe('begin');
    expect(s.request).toEqual({ id: 1, kind: 'begin', choice: 'new' });
  });

  it('starts from the files of a host that was set up before', () => {
    const s = testState({
      host: testHost({
        files: [{ path: '/etc/kubernetes/apiserver', target: '/x/etc/kubernetes/apiserver' }],
        adoptFiles: ['/x/etc/kubernetes/apiserver'],
      }),
    });
    expect(focusedRow(s)).toEqual({ kind: 'choice', choice: 'adopt' });
    expect(press(s, 'enter').request).toMatchObject({ kind: 'begin', choice: 'adopt' });
  });

  it('does not offer to adopt a host whose only file is token.csv: a new setup is the first choice', () => {
    const token = { path: '/etc/kubernetes/token.csv', target: '/etc/kubernetes/token.csv' };
    const s = send(testState({ host: testHost({ files: [token], adoptFiles: null }) }), {
      type: 'HOST',
      host: { adoptFiles: [] },
    });
    expect(rowsOf(s).map((r) => r.kind === 'choice' && r.choice)).toEqual(['new']);
    expect(press(s, 'enter').request).toMatchObject({ kind: 'begin', choice: 'new' });
  });

  it('moves to adopt once the files are read, unless the person has moved the focus already', () => {
    const reading = testState({ host: testHost({ adoptFiles: null, profiles: [] }) });
    expect(focusedRow(reading)).toEqual({ kind: 'choice', choice: 'new' });
    const found = { type: 'HOST' as const, host: { adoptFiles: ['/etc/kubernetes/apiserver'] } };
    expect(focusedRow(send(reading, found))).toEqual({ kind: 'choice', choice: 'adopt' });
    // a person who moved down to the profile keeps it when the files arrive
    const moved = press(
      send(reading, { type: 'HOST', host: { profiles: [{ name: 'p', savedAt: '' }] } }),
      'down',
    );
    expect(focusedRow(moved)).toEqual({ kind: 'choice', choice: 'profile' });
    expect(focusedRow(send(moved, found))).toEqual({ kind: 'choice', choice: 'profile' });
  });

  it('waits for the host to be known before it begins', () => {
    const s = press(testState({ host: testHost({ mode: null }) }), 'enter');
    expect(s.request).toBeNull();
    expect(s.notice?.key).toBe('wizard.notice.detecting');
  });

  it('opens the profile given with --profile as soon as the host and the profiles are known', () => {
    const profiles = [
      { name: 'm1', savedAt: '2026-01-01T00:00:00Z' },
      { name: 'm2', savedAt: '2026-01-01T00:00:00Z' },
    ];
    const waiting = send(testState({ wantedProfile: 'm2', host: testHost({ mode: null }) }), {
      type: 'HOST',
      host: { profiles },
    });
    expect(waiting.request).toBeNull();
    const s = send(waiting, { type: 'HOST', host: { mode: testHost().mode } });
    expect(s.request).toMatchObject({ kind: 'begin', choice: 'profile', profile: 'm2' });
    expect(s.wantedProfile).toBeNull();
  });

  it('points at the saved profiles, and ←/→ picks another', () => {
    let s = testState();
    const profiles = [
      { name: 'm1', savedAt: '2026-01-01T00:00:00Z' },
      { name: 'm2', savedAt: '2026-01-01T00:00:00Z' },
    ];
    s = send(s, { type: 'HOST', host: { profiles } });
    s = { ...s, focus: 0 };
    while (JSON.stringify(focusedRow(s)) !== JSON.stringify({ kind: 'choice', choice: 'profile' }))
      s = press(s, 'down');
    s = press(s, 'right');
    expect(s.profileIndex).toBe(1);
    expect(press(s, 'enter').request).toMatchObject({ kind: 'begin', choice: 'profile', profile: 'm2' });
  });

  it('says so when the profile given with --profile does not exist', () => {
    const s = send(testState({ wantedProfile: 'nope' }), { type: 'HOST', host: { profiles: [] } });
    expect(s.notice).toMatchObject({ tone: 'error', key: 'profiles.notFound', params: { name: 'nope' } });
  });

  it('takes the version the binary reports for a new setup', () => {
    const s = send(testState(), { type: 'HOST', host: { detectedVersion: '1.24' } });
    expect(s.draft.version).toBe('1.24');
  });
});

describe('the must-change screen', () => {
  it('refuses to go on while the etcd rows are empty, and points at the first one', () => {
    let s = begun();
    expect(s.step).toBe('mustChange');
    s = focusOn(s, 'etcdServers.2');
    s = press(s, 'down', 'down'); // the Continue row
    s = press(s, 'enter');
    expect(s.step).toBe('mustChange');
    expect(s.notice).toMatchObject({ tone: 'error', key: 'wizard.notice.fixFirst', params: { count: 3 } });
    expect(focusedRow(s)).toMatchObject({ kind: 'field', id: 'etcdServers.0' });
  });

  it('checks each value as it is typed, with the model’s reason', () => {
    let s = focusOn(begun(), 'advertiseAddress');
    s = press(s, 'ctrlU');
    s = type(s, '192.168.50');
    expect(s.problems.get('advertiseAddress')?.accepted.key).toBe('accept.ip');
    s = type(s, '.101');
    expect(s.problems.has('advertiseAddress')).toBe(false);
    s = press(s, 'ctrlU');
    s = type(s, '0.0.0.0');
    expect(s.problems.get('advertiseAddress')?.accepted.key).toBe('accept.ipSpecific');
  });

  it('says what a port accepts when the port is not a number', () => {
    let s = focusOn(begun(), 'securePort');
    s = type(press(s, 'ctrlU'), '64x3');
    expect(s.problems.get('securePort')).toMatchObject({ value: '64x3', accepted: { key: 'accept.port' } });
  });

  it('lets a typo be corrected in the middle of a value', () => {
    let s = focusOn(begun(), 'etcdServers.0');
    s = type(s, 'http://192.168.50.101:2379');
    expect(s.problems.get('etcdServers.0')?.accepted.key).toBe('accept.etcdUrl');
    s = press(s, 'home', 'right', 'right', 'right', 'right', 's');
    expect(s.draft.etcdServers[0]).toBe('https://192.168.50.101:2379');
    expect(s.problems.has('etcdServers.0')).toBe(false);
  });

  it('treats q as a letter in a field and Backspace erases before the cursor', () => {
    let s = focusOn(begun(), 'etcdServers.0');
    s = type(s, 'aq');
    expect(s.draft.etcdServers[0]).toBe('aq');
    expect(s.exit).toBeNull();
    s = press(s, 'backspace');
    expect(s.draft.etcdServers[0]).toBe('a');
  });

  it('picks this host’s addresses with ←/→ (loopback is not offered)', () => {
    let s = focusOn(begun(), 'advertiseAddress');
    expect(s.draft.advertiseAddress).toBe('192.168.50.101');
    s = press(s, 'right');
    expect(s.draft.advertiseAddress).toBe('10.0.0.7');
    s = press(s, 'right');
    expect(s.draft.advertiseAddress).toBe('192.168.50.101');
    s = focusOn(s, 'bindAddress');
    s = press(s, 'left');
    expect(s.draft.bindAddress).toBe('0.0.0.0');
  });

  it('adds, removes and reorders etcd servers', () => {
    let s = seedEtcd(begun());
    const add = rowsOf(s).findIndex((r) => r.kind === 'addEtcd');
    s = press(s, 'up', 'enter'); // from Continue up to "add", then add
    expect(rowsOf(s).findIndex((r) => r.kind === 'addEtcd')).toBe(add + 1);
    expect(focusedRow(s)).toMatchObject({ kind: 'field', id: 'etcdServers.3' });
    s = type(s, 'https://192.168.50.103:2379');
    expect(s.draft.etcdServers).toHaveLength(4);
    s = press(s, 'shiftUp');
    expect(s.draft.etcdServers[2]).toBe('https://192.168.50.103:2379');
    expect(focusedRow(s)).toMatchObject({ id: 'etcdServers.2' });
    s = press(s, 'ctrlD');
    expect(s.draft.etcdServers).toEqual(SEED.etcdServers);
  });

  it('refuses the same etcd server twice', () => {
    let s = focusOn(begun(), 'etcdServers.0');
    s = press(type(s, 'https://192.168.50.101:2379'), 'enter');
    s = type(s, 'https://192.168.50.101:2379');
    expect(s.problems.get('etcdServers.1')?.accepted.key).toBe('accept.unique');
  });

  it('takes a pasted value with a line end as the value followed by Enter', () => {
    let s = focusOn(begun(), 'etcdServers.0');
    s = press(s, 'https://192.168.50.101:2379\r');
    expect(s.draft.etcdServers[0]).toBe('https://192.168.50.101:2379');
    expect(focusedRow(s)).toMatchObject({ id: 'etcdServers.1' });
  });

  it('takes control keys that arrive in one piece with typed text in the order they were pressed', () => {
    let s = focusOn(begun(), 'bindAddress');
    s = press(s, '\u0015192.168.50.102\t');
    expect(s.draft.bindAddress).toBe('192.168.50.102');
    expect(focusedRow(s)).toMatchObject({ id: 'securePort' });
    s = press(s, '\u0015\u007f7443');
    expect(s.draft.securePort).toBe('7443');
  });

  it('goes on once every value is accepted', () => {
    const s = press(seedEtcd(begun()), 'enter');
    expect(s.step).toBe('staysFixed');
    expect(s.problems.size).toBe(0);
  });
});

describe('going back and forth', () => {
  it('keeps every answer and the row each screen was on', () => {
    let s = seedEtcd(begun());
    s = focusOn(s, 'securePort');
    s = type(press(s, 'ctrlU'), '7443');
    s = press(s, 'down', 'down', 'down', 'down', 'down', 'enter'); // Continue
    expect(s.step).toBe('staysFixed');
    s = press(s, 'right', 'down', 'down');
    expect(s.draft.version).toBe('1.14');
    s = press(s, 'esc');
    expect(s.step).toBe('mustChange');
    expect(s.draft.securePort).toBe('7443');
    expect(s.draft.etcdServers).toEqual(SEED.etcdServers);
    expect(focusedRow(s)).toEqual({ kind: 'next' });
    s = press(s, 'esc');
    expect(s.step).toBe('start');
    // choosing the same start again keeps the answers instead of starting over
    s = press(s, 'enter');
    expect(s.step).toBe('mustChange');
    expect(s.request).toBeNull();
    expect(s.draft.securePort).toBe('7443');
    s = press(s, 'enter'); // Continue (focus was kept)
    expect(s.step).toBe('staysFixed');
    expect(s.draft.version).toBe('1.14');
    expect(s.focus).toBe(2);
  });
});

describe('the stays-fixed screen', () => {
  const fixedAt = (s: State): FixedRow[] => rowsOf(s).flatMap((r) => (r.kind === 'fixed' ? [r.row] : []));
  const flag = (rows: FixedRow[], component: string, name: string) =>
    rows.find((r) => r.kind === 'flag' && r.component === component && r.flag === name);

  it('shows the seed’s flags with their reasons and what a newer version changes', () => {
    let s = press(seedEtcd(begun()), 'enter');
    const seedRows = fixedAt(s);
    expect(flag(seedRows, 'kube-apiserver', '--enable-swagger-ui')).toMatchObject({
      value: 'true',
      why: 'wizard.why.apiserver.--enable-swagger-ui',
      mark: null,
    });
    expect(flag(seedRows, 'kube-apiserver', '--advertise-address')).toBeUndefined();
    for (let i = 0; i < 11; i++) s = press(s, 'right');
    expect(s.draft.version).toBe('1.24');
    const rows = fixedAt(s);
    expect(flag(rows, 'kube-apiserver', '--enable-swagger-ui')).toMatchObject({
      mark: { kind: 'removed', since: '1.24' },
    });
    expect(flag(rows, 'kube-apiserver', '--service-account-issuer')).toMatchObject({
      mark: { kind: 'added', since: '1.20' },
    });
    expect(flag(rows, 'kube-scheduler', '--address')).toMatchObject({
      mark: { kind: 'renamed', to: '--bind-address' },
    });
    expect(flag(rows, 'kube-controller-manager', '--master')).toMatchObject({
      mark: { kind: 'renamed', to: '--kubeconfig' },
    });
  });

  it('opens the advanced editor, refuses a bad service range, and returns with Esc', () => {
    let s = press(seedEtcd(begun()), 'enter');
    const advanced = rowsOf(s).findIndex((r) => r.kind === 'advanced');
    s = press(s, 'end');
    while (s.focus !== advanced) s = press(s, s.focus < advanced ? 'down' : 'up');
    s = press(s, 'enter');
    expect(s.advanced).toBe(true);
    expect(focusedRow(s)).toMatchObject({ kind: 'field', id: 'serviceClusterIpRange' });
    s = type(press(s, 'ctrlU'), '10.254.0.1/16');
    expect(s.problems.get('serviceClusterIpRange')?.accepted).toEqual({
      key: 'accept.cidrNetwork',
      params: { network: '10.254.0.0/16' },
    });
    s = press(s, 'esc');
    expect(s.advanced).toBe(false);
    expect(s.step).toBe('staysFixed');
    // going on is refused and brings the editor back at the refused value
    s = press(s, 'down', 'enter');
    expect(s.step).toBe('staysFixed');
    expect(s.advanced).toBe(true);
    expect(focusedRow(s)).toMatchObject({ id: 'serviceClusterIpRange' });
    s = type(press(s, 'ctrlU'), '10.96.0.0/12');
    expect(s.problems.size).toBe(0);
    expect(draftToInput(s.draft).serviceClusterIpRange).toBe('10.96.0.0/12');
  });

  it('reaches the last row with End, the first with Home, a page of the list with PgDn, Advanced with a', () => {
    const at = press(seedEtcd(begun()), 'enter');
    const rows = rowsOf(at);
    expect(rows.length).toBeGreaterThan(40);
    let s = press(at, 'end');
    expect(focusedRow(s)).toEqual({ kind: 'next' });
    s = press(s, 'home');
    expect(focusedRow(s)).toEqual({ kind: 'version' });
    // a page is the list as it is on screen (30 rows: 18 lines of list), less one line of overlap
    s = press(s, 'pageDown');
    expect(s.focus).toBe(pageRows(s));
    expect(pageRows(s)).toBe(17);
    s = press(s, 'pageDown', 'pageUp');
    expect(s.focus).toBe(17);
    // `a` from anywhere on the screen; Esc comes back to the same row
    s = press(s, 'a');
    expect(s.advanced).toBe(true);
    expect(focusedRow(s)).toMatchObject({ kind: 'field', id: 'serviceClusterIpRange' });
    s = press(s, 'esc');
    expect(s.focus).toBe(17);
  });

  it('leaves Home and End to the text cursor in a field', () => {
    let s = press(begun(), 'home');
    expect(s.focus).toBe(0);
    expect(s.cursor).toBe(0);
    s = press(s, 'end');
    expect(s.cursor).toBe(s.draft.advertiseAddress.length);
  });
});

describe('review, write and save', () => {
  function atReview(): State {
    const s = press(seedEtcd(begun()), 'enter', 'enter', 'enter');
    expect(s.step).toBe('review');
    expect(s.request).toMatchObject({ kind: 'plan' });
    return s;
  }

  it('asks for the plan, scrolls it within the terminal, and writes only after confirming', () => {
    let s = atReview();
    expect(press(s, 'enter').request?.kind).toBe('plan'); // nothing to confirm while planning
    s = send(s, { type: 'PLANNED', id: s.request!.id, review });
    s = press(s, 'down', 'down', 'pageDown');
    expect(s.scroll).toBe(2 + 20);
    s = press(s, 'end');
    expect(s.scroll).toBe(60 - 21);
    s = press(s, 'enter');
    expect(s.step).toBe('apply');
    expect(s.request).toMatchObject({ kind: 'write' });
    expect(s.request && 'input' in s.request ? s.request.input.etcdServers : null).toEqual(SEED.etcdServers);
  });

  it('hands over to the apply pipeline on a master', () => {
    let s = testState({ host: testHost({ mode: { kind: 'master' }, isRoot: true, systemd: true }) });
    s = press(seedEtcd(begun(s)), 'enter', 'enter', 'enter');
    s = send(s, { type: 'PLANNED', id: s.request!.id, review });
    s = press(s, 'enter');
    expect(s.request).toMatchObject({ kind: 'apply' });
  });

  it('runs the preflight checks between the HA step and review on a master only', () => {
    const master = testHost({ mode: { kind: 'master' }, isRoot: true, systemd: true });
    let s = testState({ caps: { preflight: true, pipeline: true }, host: master });
    s = press(seedEtcd(begun(s)), 'enter', 'enter', 'enter');
    expect(s.step).toBe('preflight');
    expect(s.request).toMatchObject({ kind: 'preflight' });
    s = send(s, { type: 'PREFLIGHTED', id: s.request!.id, report: { checks: [] } });
    expect(s.preflight).toEqual({ checks: [] });
    // the preflight screen has the keys: Enter reaches the machine only as its NEXT
    expect(press(s, 'enter').step).toBe('preflight');
    expect(press(s, 'q').exit).toEqual({ code: 0 });
    expect(send(s, { type: 'BACK' }).step).toBe('ha');
    s = send(s, { type: 'NEXT' });
    expect(s.step).toBe('review');
    // under --root nothing is started, so there is nothing to check first
    const root = testState({ caps: { preflight: true, pipeline: true } });
    expect(root.steps).not.toContain('preflight');
  });

  it('can save the answers without applying, and checks the profile name', () => {
    let s = atReview();
    s = send(s, { type: 'PLANNED', id: s.request!.id, review });
    s = press(s, 'right', 'enter');
    expect(s.step).toBe('save');
    s = type(s, 'bad name');
    s = press(s, 'enter');
    expect(s.notice).toMatchObject({ tone: 'error', key: 'profiles.name.invalid' });
    s = press(s, 'ctrlU');
    s = type(s, 'master-1');
    s = press(s, 'enter');
    expect(s.request).toMatchObject({ kind: 'save', name: 'master-1' });
    s = send(s, { type: 'SAVED', id: s.request!.id, name: 'master-1' });
    expect(s.exit).toEqual({ code: 0 });
  });

  it('goes from the written files to saving, and cannot go back past the write', () => {
    let s = atReview();
    s = send(s, { type: 'PLANNED', id: s.request!.id, review });
    s = press(s, 'enter');
    const result = { written: [], commands: [['systemctl', 'daemon-reload']], root: '/tmp/kmw-test' };
    s = send(s, { type: 'WRITTEN', id: s.request!.id, result });
    expect(press(s, 'esc').step).toBe('apply');
    s = press(s, 'enter');
    expect(s.step).toBe('save');
    expect(press(s, 'esc').step).toBe('save');
  });
});

describe('quitting', () => {
  it('quits with q outside a text field and with Ctrl-C anywhere', () => {
    expect(press(testState(), 'q').exit).toEqual({ code: 0 });
    expect(press(focusOn(begun(), 'etcdServers.0'), 'ctrlC').exit).toEqual({ code: 130 });
  });

  it('finishes a write in progress before quitting, so no file is left half-written', () => {
    let s = press(seedEtcd(begun()), 'enter', 'enter', 'enter');
    s = send(s, { type: 'PLANNED', id: s.request!.id, review });
    s = press(s, 'enter');
    s = press(s, 'ctrlC');
    expect(s.exit).toBeNull();
    expect(s.notice?.key).toBe('wizard.notice.finishing');
    s = send(s, { type: 'WRITTEN', id: s.request!.id, result: { written: [], commands: [], root: '/' } });
    expect(s.exit).toEqual({ code: 130 });
  });

  it('ignores results of requests it no longer waits for', () => {
    const s = press(testState(), 'enter');
    const stale = send(s, {
      type: 'BEGUN',
      id: 99,
      payload: { draft: draftFrom({}, { version: '1.13' }), origin: { kind: 'new' } },
    });
    expect(stale.step).toBe('start');
  });
});
