import { describe, expect, it } from 'vitest';
import { minorFor, SEED_MINOR } from '../../src/model/minor.js';
import { NEWEST_MINOR } from '../../src/model/version.js';

describe('the minor a version stands for', () => {
  it('is the version named, the newest known for a newer one, the seed’s when none is named', () => {
    expect(minorFor('1.24')).toBe(24);
    expect(minorFor('v1.20.4')).toBe(20);
    expect(minorFor(`1.${NEWEST_MINOR + 5}`)).toBe(NEWEST_MINOR);
    expect(minorFor(undefined)).toBe(SEED_MINOR);
    expect(minorFor('')).toBe(13);
    expect(minorFor('latest')).toBe(13);
  });
});
