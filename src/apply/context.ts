import type { CommandResult } from '../host/systemd.js';
import type { Translate } from '../i18n/index.js';
import type { Answers } from '../model/answers.js';
import type { Service } from '../model/ha-layout.js';
import type { Credentials, StatusContext } from '../status/collect.js';
import type { Emit, UnitBefore } from './events.js';
import type { ApplyHost } from './host.js';
import type { PlannedFile, UnitSteps, WrittenFile } from './plan.js';
import type { UnitWatch } from './unit-watch.js';

export interface PipelineInput {
  answers: Answers;
  minor: number;
  planned: PlannedFile[];
  t: Translate;
  /** how long a running unit may take to become healthy (default 120 s) */
  healthTimeoutMs?: number;
  /** how often the unit state is read while waiting (default 250 ms), and at once when systemd logs about the unit */
  pollMs?: number;
  /** a unit whose start does not begin within this time is reported (default 15 s) */
  startTimeoutMs?: number;
  /** the units as the caller has just read them (snapshot()); read by the run when absent */
  before?: UnitBefore[];
  /**
   * called once every unit has been seen healthy, while the last journal lines are still being
   * read and the followers stopped (apply collects its status table meanwhile)
   */
  healthy?: () => void;
}

/** What the phases of one run share: the input, the host, the event stream and what the run did so far. */
export interface ApplyContext {
  input: PipelineInput;
  host: ApplyHost;
  emit: Emit;
  signal: AbortSignal;
  /** the files this run wrote, in order */
  written: WrittenFile[];
  /** services with a changed file in the plan */
  changed: ReadonlySet<Service>;
  /** the systemctl steps the plan needs, from the units' state before the run (plan.ts) */
  steps: UnitSteps;
  /** throws Cancelled once the run is cancelled */
  check(): void;
  /** `systemctl ARGS` with the run's signal, said as a command event */
  systemctl(args: string[]): Promise<CommandResult>;
  /** the probes' context for the health checks */
  status: StatusContext;
  /** how the health checks authenticate to the apiserver, chosen once per run */
  credentials(): Promise<Credentials>;
  /**
   * work that may end after its phase, such as a healthy unit's last journal lines: the run
   * goes on and waits for it before it ends
   */
  meanwhile(work: Promise<void>): void;
  /** the component's unit watch, opened (its state read, its journal followed) on first use */
  watch(component: Service): Promise<UnitWatch>;
}
