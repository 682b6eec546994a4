import type { UnitState } from '../host/systemd.js';
import { COMPONENTS } from '../model/components.js';
import { type Service, unitOfService } from '../model/ha-layout.js';
import { type Credentials, chooseCredentials } from '../status/collect.js';
import type { ApplyContext, PipelineInput } from './context.js';
import type { ApplyResult, Emit, Failure, UnitBefore } from './events.js';
import type { ApplyHost } from './host.js';
import { pipelinePhases } from './phases.js';
import { changedComponents, servicesOf, type UnitFacts, unitSteps, type WrittenFile } from './plan.js';
import { Cancelled, runPhases } from './runner.js';
import { UnitWatch } from './unit-watch.js';

/**
 * The apply pipeline, shared by the interactive wizard and `kmaster-wizard apply`: the units'
 * state before anything is written, then the phases (phases.ts) through the runner
 * (runner.ts), then the result.
 *
 * It reports everything as events (events.ts) and returns the result. Aborting the signal
 * stops the current systemctl, the journal follower and the wait at once; files are written
 * one by one atomically, so none is ever half-written.
 */
export type { PipelineInput };

export async function runPipeline(
  input: PipelineInput,
  host: ApplyHost,
  emit: Emit,
  signal: AbortSignal,
): Promise<ApplyResult> {
  const written: WrittenFile[] = [];
  let before: UnitBefore[] = [];
  const services = servicesOf(input.planned);
  const watches = new Map<Service, Promise<UnitWatch>>();
  let lineId = 1;
  let credentials: Promise<Credentials> | null = null;
  const status = { answers: input.answers, minor: input.minor, host, t: input.t, signal };
  const pending: Promise<void>[] = [];
  const ctx: ApplyContext = {
    input,
    host,
    emit,
    signal,
    written,
    changed: changedComponents(input.planned),
    // guessed from the plan until the units' state is read (below)
    steps: unitSteps(input.planned, {}, services),
    check() {
      if (signal.aborted) throw new Cancelled();
    },
    async systemctl(args) {
      const r = await host.systemctl(args, signal);
      emit({ type: 'command', argv: ['systemctl', ...args], exitCode: r.exitCode, stderr: r.stderr.trim() });
      return r;
    },
    status,
    credentials: () => {
      credentials ??= chooseCredentials(status);
      return credentials;
    },
    meanwhile(work) {
      pending.push(work.catch(() => {}));
    },
    watch(component) {
      let watch = watches.get(component);
      if (!watch) {
        watch = UnitWatch.open({ ...input, host, emit, signal, nextLineId: () => lineId++ }, component);
        watches.set(component, watch);
      }
      return watch;
    },
  };

  const finish = async (outcome: ApplyResult['outcome'], failure?: Failure | null): Promise<ApplyResult> => {
    await Promise.all(pending);
    const after = outcome === 'healthy' ? undefined : await unitStates(host, services);
    const changedNow = services.filter((c) =>
      written.some((w) => input.planned.some((p) => p.path === w.path && p.component === c)),
    );
    const result: ApplyResult = {
      outcome,
      written,
      changed: changedNow,
      before,
      ...(after ? { after } : {}),
      ...(failure ? { failure } : {}),
    };
    if (outcome === 'cancelled') emit({ type: 'cancelled', written, after: after ?? [] });
    emit({ type: 'finished', result });
    return result;
  };

  try {
    before = input.before ?? (await snapshot(host, signal, services));
    ctx.check();
    ctx.steps = unitSteps(input.planned, factsOf(before), services);
    const failure = await runPhases(pipelinePhases(services), ctx, { emit, signal });
    if (!failure) input.healthy?.();
    return await finish(failure ? 'failed' : 'healthy', failure);
  } catch (error) {
    if (error instanceof Cancelled || signal.aborted) return finish('cancelled');
    throw error;
  } finally {
    for (const watch of watches.values()) await watch.then((w) => w.stop()).catch(() => {});
  }
}

/** What each unit is before anything is written (a rollback returns to it). */
export async function snapshot(
  host: ApplyHost,
  signal?: AbortSignal,
  services: readonly Service[] = COMPONENTS,
): Promise<UnitBefore[]> {
  return Promise.all(
    services.map(async (component) => {
      const unit = unitOfService(component);
      const s = await host.unitState(unit, signal);
      return {
        component,
        unit,
        active: s.activeState === 'active' || s.activeState === 'activating' || s.activeState === 'reloading',
        enabled: s.unitFileState === 'enabled',
        exists: s.loadState !== 'not-found' && s.unitFileState !== '',
        mainPid: s.mainPid,
      };
    }),
  );
}

/** The units' states as the plan's steps need them (unitSteps in plan.ts). */
export function factsOf(before: readonly UnitBefore[]): Partial<Record<Service, UnitFacts>> {
  return Object.fromEntries(before.map((b) => [b.component, { active: b.active, enabled: b.enabled }]));
}

/** Every unit's state now, read without the run's signal (also after a cancel). */
export async function unitStates(
  host: ApplyHost,
  services: readonly Service[] = COMPONENTS,
): Promise<UnitState[]> {
  const states = await Promise.all(services.map((c) => host.unitState(unitOfService(c)).catch(() => null)));
  return states.filter((s): s is UnitState => s !== null);
}
