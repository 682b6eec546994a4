import { kit } from '../../src/wizard/kit.js';
import { reduce } from '../../src/wizard/machine.js';
import { type InitOptions, initialState, type State } from '../../src/wizard/state.js';
import type { Event, HostView, KeyLike } from '../../src/wizard/types.js';

/** A host that is not a master, with one reachable address, writing under /tmp/kmw-test. */
export function testHost(over: Partial<HostView> = {}): HostView {
  return {
    isRoot: false,
    systemd: false,
    addresses: [
      { address: '127.0.0.1', iface: 'lo', internal: true },
      { address: '192.168.50.101', iface: 'eth0', internal: false },
      { address: '10.0.0.7', iface: 'eth1', internal: false },
    ],
    files: [],
    adoptFiles: [],
    binaries: [],
    profiles: [],
    profilesError: null,
    mode: { kind: 'root', root: '/tmp/kmw-test' },
    detectedVersion: null,
    ...over,
  };
}

export function testState(over: Partial<InitOptions> = {}): State {
  return initialState({
    caps: { preflight: false, pipeline: true },
    host: testHost(),
    version: '1.13',
    kit,
    size: { columns: 100, rows: 30 },
    ...over,
  });
}

/** Key names as a person presses them, in Ink's terms. */
export const KEYS: Record<string, { input: string; key: KeyLike }> = {
  enter: { input: '', key: { return: true } },
  esc: { input: '', key: { escape: true, meta: true } },
  up: { input: '', key: { upArrow: true } },
  down: { input: '', key: { downArrow: true } },
  left: { input: '', key: { leftArrow: true } },
  right: { input: '', key: { rightArrow: true } },
  tab: { input: '', key: { tab: true } },
  shiftTab: { input: '', key: { tab: true, shift: true } },
  backspace: { input: '', key: { delete: true } },
  home: { input: '', key: { home: true } },
  end: { input: '', key: { end: true } },
  pageDown: { input: '', key: { pageDown: true } },
  pageUp: { input: '', key: { pageUp: true } },
  ctrlU: { input: 'u', key: { ctrl: true } },
  ctrlD: { input: 'd', key: { ctrl: true } },
  ctrlC: { input: 'c', key: { ctrl: true } },
  ctrlT: { input: 't', key: { ctrl: true } },
  shiftUp: { input: '', key: { upArrow: true, shift: true } },
  shiftDown: { input: '', key: { downArrow: true, shift: true } },
};

/** Presses keys by name; any other string is typed as text. */
export function press(s: State, ...keys: string[]): State {
  let out = s;
  for (const k of keys) {
    const known = KEYS[k];
    out = reduce(out, known ? { type: 'KEY', ...known } : { type: 'KEY', input: k, key: {} });
  }
  return out;
}

/** Types text one key at a time. */
export function type(s: State, text: string): State {
  let out = s;
  for (const ch of text) out = reduce(out, { type: 'KEY', input: ch, key: {} });
  return out;
}

export function send(s: State, ...events: Event[]): State {
  return events.reduce(reduce, s);
}
