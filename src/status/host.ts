import { firstToken, type ProbeRequest, type ProbeResponse, probe, readableFile } from '../host/probe.js';
import { type UnitState, unitState } from '../host/systemd.js';

/**
 * What the status table reads from the machine, behind one small interface: unit tests hand
 * in a fake, the commands the real one (realStatusHost()). The apply pipeline's host is a
 * larger one of these.
 */
export interface StatusHost {
  /** milliseconds since the epoch (a leader lock not renewed within its lease has expired) */
  now(): number;
  unitState(unit: string, signal?: AbortSignal): Promise<UnitState>;
  probe(req: ProbeRequest): Promise<ProbeResponse>;
  readable(path: string): Promise<boolean>;
  firstToken(path: string): Promise<{ token: string; user: string } | null>;
}

export function realStatusHost(): StatusHost {
  return {
    now: () => Date.now(),
    unitState: (unit, signal) => unitState(unit, signal),
    probe,
    readable: readableFile,
    firstToken,
  };
}
