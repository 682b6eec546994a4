import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lookAtHost } from '../../src/wizard/host-view.js';

/**
 * The wizard's look at the host before its first frame: the quick facts at once, and what
 * adopting would read only once the frame is drawn, so the start never waits for it.
 */
const root = mkdtempSync(join(tmpdir(), 'kmw-host-view-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const settledWithin = async (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('lookAtHost', () => {
  it('has the quick facts at once, and reads the files to adopt only after the first frame', async () => {
    let drawn: () => void = () => {};
    const look = lookAtHost(
      root,
      root,
      new Promise<void>((r) => {
        drawn = r;
      }),
      1000,
    );
    expect(look.host.addresses.length).toBeGreaterThan(0);
    expect(look.host.adoptFiles).toBeNull();
    // the binaries are asked meanwhile (none under --root), but adopting waits for the frame
    expect(await settledWithin(look.later, 1500)).toBe(false);
    drawn();
    const later = await look.later;
    expect(later.adoptFiles).toEqual([]);
    expect(later.mode).toEqual(look.host.mode);
  });
});
