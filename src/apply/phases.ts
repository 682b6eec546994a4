import { WriteError } from '../host/targets.js';
import { COMPONENTS } from '../model/components.js';
import { type Service, unitOfService } from '../model/ha-layout.js';
import type { ApplyContext } from './context.js';
import { diagnose } from './diagnose.js';
import type { Failure, PhaseId } from './events.js';
import type { LogLine } from './klog.js';
import { type Phase, PhaseFailed, phaseIds, type Step } from './runner.js';
import { checkLeftRunning, waitHealthy } from './wait.js';

/**
 * The apply pipeline's phases, in order, each doing only what the plan needs (unitSteps in
 * plan.ts, from the units' state before the run):
 *
 *   write            every changed file: backup, then atomic replace
 *   daemon-reload    when a unit file is new or changed
 *   enable           the units not enabled yet, in one `systemctl enable --no-reload`
 *   kube-apiserver   start (not running) or restart (a file changed), then wait until active
 *                    and healthy, or failed / restarting (wait.ts); left alone when it runs
 *                    with its files as they are (same MainPID), and only its health is checked
 *   then, together (two lanes), the controller-manager and the scheduler, the same way: both
 *   talk to the apiserver, so neither starts before it is healthy
 *   then, with ha:, haproxy and keepalived one after the other the same way (their wait:
 *                    haproxy sees a master's apiserver up, the VIP is held; wait.ts)
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
  skip: (ctx) => (ctx.steps.reload ? null : 'noUnitChange'),
  async run(ctx) {
    await systemctlOrFail(ctx, daemonReload.id, ['daemon-reload']);
    return undefined;
  },
};

/** The services the enable phase enables, as its title says them. */
const enabled = (ctx: ApplyContext) => ctx.steps.enable.join(', ');

const enable: ApplyPhase = {
  id: { name: 'enable' },
  skip: (ctx) => (ctx.steps.enable.length === 0 ? 'enabled' : null),
  detail: enabled,
  async run(ctx) {
    // after daemon-reload (or with no unit file changed) systemd needs no reload for this
    const units = ctx.steps.enable.map(unitOfService);
    await systemctlOrFail(ctx, enable.id, ['enable', '--no-reload', ...units]);
    return enabled(ctx);
  },
};

export function componentPhases(component: Service): ApplyPhase[] {
  const unit = unitOfService(component);
  const action = (ctx: ApplyContext) => ctx.steps.start[component] ?? null;
  const start: ApplyPhase = {
    id: { name: 'start', component },
    skip: (ctx) => (action(ctx) === null ? 'running' : null),
    detail: (ctx) => action(ctx) ?? undefined,
    async run(ctx) {
      const verb = action(ctx)!;
      const watch = await ctx.watch(component);
      if (watch.before.activeState === 'failed') await ctx.systemctl(['reset-failed', unit]);
      const r = await ctx.systemctl([verb, '--no-block', unit]);
      ctx.check();
      if (r.exitCode !== 0) {
        await watch.stop();
        throw new PhaseFailed(commandFailure(ctx, start.id, r.stderr, component));
      }
      return verb;
    },
  };
  const wait: ApplyPhase = {
    id: { name: 'wait', component },
    // a unit left running: its health is checked, and only when it is not healthy is it watched
    run: (ctx) =>
      action(ctx) === null ? checkLeftRunning(ctx, component, wait.id) : waitHealthy(ctx, component, wait.id),
  };
  return [start, wait];
}

/** Both talk to the apiserver and to nothing of each other: they start at the same time. */
const TOGETHER: readonly Service[] = ['kube-controller-manager', 'kube-scheduler'];

/**
 * The phases of a run, in order, for the services it starts: the apiserver, then the
 * controller-manager and the scheduler together, then any others one after another.
 */
export function pipelinePhases(services: readonly Service[] = COMPONENTS): Step<ApplyContext>[] {
  const together = services.filter((s) => TOGETHER.includes(s));
  const after = services.filter((s) => s !== 'kube-apiserver' && !TOGETHER.includes(s));
  return [
    write,
    daemonReload,
    enable,
    ...(services.includes('kube-apiserver') ? componentPhases('kube-apiserver') : []),
    ...(together.length > 0 ? [{ lanes: together.map((s) => componentPhases(s)) }] : []),
    ...after.flatMap((s) => componentPhases(s)),
  ];
}

/** The phases of a run as a screen lists them before it starts. */
export function phasesOf(services: readonly Service[] = COMPONENTS): PhaseId[] {
  return phaseIds(pipelinePhases(services));
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
