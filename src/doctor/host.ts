import { journalTail } from '../host/journal.js';
import { realPreflightHost } from '../preflight/host.js';
import { realStatusHost } from '../status/host.js';
import type { DoctorHost } from './types.js';

/**
 * This machine, for reading only: the preflight checks' host without the one call that
 * creates a file, the status table's probes, unit states and journal tails.
 */
export function realDoctorHost(): DoctorHost {
  const { createExclusive: _writes, ...checks } = realPreflightHost();
  return {
    ...checks,
    ...realStatusHost(),
    journalTail: (unit, sinceUsec, lines) => journalTail(unit, sinceUsec, lines),
  };
}
