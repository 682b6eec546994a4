// The flag table against the truth: for each built release, every flag the table says its
// minor accepts is accepted by the real binaries (listed in --help, or hidden and accepted by a
// trial parse), every flag it says is gone is refused with `unknown flag`, every flag the
// binaries list is in the table, and booleans are marked as --help prints them.
// `npm run k8s:flag-table` refreshes the table from the binaries when this fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COMPONENTS,
  disagreements,
  formatTable,
  probeRelease,
  readTable,
  sourceKey,
  TABLE_PATH,
} from '../../scripts/flag-table-from-binaries.mjs';
import { testVersions } from '../system/harness/real-binaries.js';

const table = readTable();

describe.each(testVersions())('the flag table against the real %s binaries', (version) => {
  const minor = Number(version.split('.')[1]);

  it('agrees with each binary on every flag', async () => {
    const probes = await probeRelease(version, table);
    for (const c of COMPONENTS) {
      expect(probes[c]!.versionLine).toBe(`Kubernetes v${version}`);
      expect(disagreements(table, c, minor, probes[c]!), `${c} ${version}`).toEqual([]);
    }
  });

  it('cites the binaries as the source of what they accept', () => {
    expect(table.sources[sourceKey(version)]).toContain(`v${version}`);
    expect(table.minors).toContain(`1.${minor}`);
  });
});

describe('the flag table file', () => {
  it('is laid out as the generator writes it', () => {
    expect(formatTable(readTable())).toBe(readFileSync(TABLE_PATH, 'utf8'));
  });
});
