import { WriteError } from '../host/targets.js';
import { COMPONENTS } from '../model/components.js';
import { type Service, unitOfService } from '../model/ha-layout.js';
import type { ApplyContext } from './context.js';
import { diagnose } from './diagnose.js';
import type { Failure, PhaseId } from './events.js';
import type { LogLine } from './klog.js';
import { changedComponents, type PlannedFile, servicesOf } from './plan.js';
import { type Phase, PhaseFailed, phaseIds, type Step } from './runner.js';
import { waitHealthy } from './wait.js';

/**
 * The apply pipeline's phases, in order:
 *
 *   write            every changed file: backup, then atomic replace
 *   daemon-reload    when a file changed
 *   per service, apiserver → controller-manager → scheduler (→ haproxy → keepalived with ha:):
 *     enable         systemctl enable
 *     start          restart when its files changed, start otherwise (a running unit with
 *                    unchanged files is left running: same MainPID)
 *     wait           until active and healthy, or failed / restarting (wait.ts; wait-ha.ts
 *                    for the HA front: haproxy sees a backend up, the VIP is held)
 *
 * A new unit is a phase (or a few) more in this list; the runner (runner.ts) does the rest.
 */
type ApplyPhase = Phase<ApplyContext>;

const write: ApplyPhase = {
  id: { name: 'write' },
  skip: (ctx) => (ctx.input.planned.every((f) => f.action === 'unchanged') ? 'unchanged' : null),
  async run(ctx) {
    const stamp = new Date(ctx.host.now());
    for (const file of ctx.input.planned) {
      ctx.check();
      const w = await ctx.host.writeFile(file, stamp).catch((error: unknown) => {
        // a file that cannot be written ends the run as a failure of this phase: what was
        // written before it is in the result (and rolled back on request), nothing is started
        if (!(error instanceof WriteError)) throw error;
        throw new PhaseFailed(commandFailure(ctx, write.id, ctx.input.t(error.key, error.params)));
      });
      if (w) {
        ctx.written.push(w);
        ctx.emit({ type: 'file-written', file: w });
      }
    }
    return String(ctx.written.length);
  },
};

const daemonReload: ApplyPhase = {
  id: { name: 'daemon-reload' },
  skip: (ctx) => (ctx.input.planned.every((f) => f.action === 'unchanged') ? 'unchanged' : null),
  async run(ctx) {
    await systemctlOrFail(ctx, daemonReload.id, ['daemon-reload']);
    return undefined;
  },
};

export function componentPhases(component: Service): ApplyPhase[] {
  const unit = unitOfService(component);
  const enable: ApplyPhase = {
    id: { name: 'enable', component },
    async run(ctx) {
      await systemctlOrFail(ctx, enable.id, ['enable', unit], component);
      return undefined;
    },
  };
  const start: ApplyPhase = {
    id: { name: 'start', component },
    async skip(ctx) {
      return (await ctx.watch(component)).leftRunning(ctx.actions[component]) ? 'running' : null;
    },
    detail: (ctx) => ctx.actions[component],
    async run(ctx) {
      const watch = await ctx.watch(component);
      const action = ctx.actions[component];
      if (watch.before.activeState === 'failed') await ctx.systemctl(['reset-failed', unit]);
      const r = await ctx.systemctl([action, '--no-block', unit]);
      ctx.check();
      if (r.exitCode !== 0) {
        await watch.stop();
        throw new PhaseFailed(commandFailure(ctx, start.id, r.stderr, component));
      }
      return action;
    },
  };
  const wait: ApplyPhase = {
    id: { name: 'wait', component },
    run: (ctx) => waitHealthy(ctx, component, wait.id),
  };
  return [enable, start, wait];
}

/** The phases of a run, in order, for the services it starts (servicesOf the plan). */
export function pipelinePhases(services: readonly Service[] = COMPONENTS): Step<ApplyContext>[] {
  return [write, daemonReload, ...services.flatMap(componentPhases)];
}

/** The phases of a run as a screen lists them before it starts. */
export function phasesOf(services: readonly Service[] = COMPONENTS): PhaseId[] {
  return phaseIds(pipelinePhases(services));
}

/**
 * How each component is started: restarted when one of its files changed (so a running
 * unit picks them up), started otherwise (a no-op for a unit already running).
 */
export function startActions(planned: PlannedFile[]): Record<Service, 'restart' | 'start'> {
  const changed = changedComponents(planned);
  return Object.fromEntries(
    servicesOf(planned).map((c) => [c, changed.has(c) ? 'restart' : 'start']),
  ) as Record<Service, 'restart' | 'start'>;
}

async function systemctlOrFail(ctx: ApplyContext, phase: PhaseId, args: string[], component?: Service) {
  const r = await ctx.systemctl(args);
  ctx.check();
  if (r.exitCode !== 0) throw new PhaseFailed(commandFailure(ctx, phase, r.stderr, component));
  return r;
}

/** A systemctl command of the phase failed: its error output is the evidence. */
function commandFailure(ctx: ApplyContext, phase: PhaseId, stderr: string, component?: Service): Failure {
  const now = ctx.host.now();
  const lines: LogLine[] = stderr
    .split('\n')
    .filter((l) => l.trim())
    .map((text, i) => ({ id: -1 - i, unit: 'systemctl', time: now, severity: 'E', fromSystemd: true, text }));
  return {
    phase,
    ...(component ? { component, unit: unitOfService(component) } : {}),
    state: null,
    diagnosis: diagnose({
      component: component ?? 'kube-apiserver',
      minor: ctx.input.minor,
      lines,
      state: null,
      etcdServers: ctx.input.answers.etcdServers,
    }),
    lastLines: lines,
    since: now,
  };
}
