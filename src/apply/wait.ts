import { isHaService, type Service, unitOfService } from '../model/ha-layout.js';
import { apiProbe, type ComponentCheck, type Credentials, checkComponent } from '../status/collect.js';
import { checkHaService } from '../status/ha.js';
import type { ApplyContext } from './context.js';
import type { PhaseId } from './events.js';
import { PhaseFailed } from './runner.js';

/**
 * The wait phase of a unit left running (its files unchanged): one health check, and the full
 * wait (its journal followed, a failure diagnosed) only when it is not healthy. No journal is
 * followed for a unit nobody touched.
 */
export async function checkLeftRunning(
  ctx: ApplyContext,
  component: Service,
  phase: PhaseId,
): Promise<string> {
  const c = await check(ctx, component, await ctx.credentials());
  ctx.check();
  ctx.emit({
    type: 'health',
    component,
    check: { healthy: c.health === 'healthy', endpoint: c.endpoint, message: c.message },
  });
  if (c.health === 'healthy' || (c.health === 'unknown' && !c.forbidden)) return c.message;
  await startAgainIfDown(ctx, component);
  return waitHealthy(ctx, component, phase);
}

/**
 * While this run restarted the apiserver, a controller-manager or scheduler left running may
 * have lost its lease and exited; with the seed's `Restart=on-failure` (and no RestartSec)
 * systemd restarts it at once, and gives up after five tries (start-limit-hit) while the
 * apiserver is still down. Such a unit is started again, once, and waited for as a new start:
 * the run ends with the master whole, not failed by the outage it caused itself.
 */
async function startAgainIfDown(ctx: ApplyContext, component: Service): Promise<void> {
  if (component !== 'kube-controller-manager' && component !== 'kube-scheduler') return;
  if ((ctx.steps.start['kube-apiserver'] ?? null) === null) return;
  const unit = unitOfService(component);
  const s = await ctx.host.unitState(unit, ctx.signal);
  ctx.check();
  const down = s.activeState === 'failed' || s.activeState === 'inactive' || s.subState === 'auto-restart';
  if (!down) return;
  // the watch records the unit as it is now, so that the wait looks for the new invocation
  await ctx.watch(component);
  if (s.activeState === 'failed') await ctx.systemctl(['reset-failed', unit]);
  await ctx.systemctl(['restart', '--no-block', unit]);
  ctx.steps.start[component] = 'restart';
}

/** How often an active unit's health endpoint is asked until it answers (never less often than its state is read). */
const HEALTH_POLL_MS = 50;

/**
 * The wait phase: until the unit is active and its health endpoint answers healthy. The unit's
 * state is read every 250 ms (by default), at once whenever systemd logs a line about it
 * (started, stopped, exited), and 50 ms after its endpoint answered while it was still
 * activating, so a transition is seen when it happens, not at the next poll; the health endpoint
 * of an active or activating unit, an in-process request, is asked every 50 ms until it answers.
 * A unit that fails or is restarted by systemd is caught then, not after the timeout, which
 * only bounds a unit that runs but never becomes healthy. Resolves with the last health
 * message; throws PhaseFailed with the diagnosis. haproxy is healthy once it sees a master's
 * apiserver up, keepalived once the VIP is held (status/ha.ts).
 */
export async function waitHealthy(ctx: ApplyContext, component: Service, phase: PhaseId): Promise<string> {
  const { input, host, signal } = ctx;
  const watch = await ctx.watch(component);
  const creds = await ctx.credentials();
  const pollMs = input.pollMs ?? 250;
  const healthPollMs = Math.min(pollMs, HEALTH_POLL_MS);
  const healthTimeoutMs = input.healthTimeoutMs ?? 120_000;
  const fail = async (state: Parameters<typeof watch.failure>[1], health?: string): Promise<never> => {
    throw new PhaseFailed(await watch.failure(phase, state, health));
  };

  // a unit left running has no new invocation to wait for
  let fresh = (ctx.steps.start[component] ?? null) === null;
  let baseline: number | null = null;
  let lastKey = '';
  // (set in say(): typed so that the flow analysis does not take it for ever null)
  let lastCheck = null as ComponentCheck | null;
  let activeSince: number | null = null;
  let s: Awaited<ReturnType<typeof host.unitState>> | null = null;
  let readAt = 0;
  // the unit's process when its endpoint answered healthy, until a state read confirms it runs on
  // (check: the answer of an activating unit, said once the state confirms it)
  let answeredBy = null as { pid: number; restarts: number; check?: ComponentCheck } | null;
  // the probe of an activating unit in flight
  let probing: Promise<void> | null = null;
  const say = (c: ComponentCheck) => {
    if (!lastCheck || c.message !== lastCheck.message || c.health !== lastCheck.health) {
      ctx.emit({
        type: 'health',
        component,
        check: { healthy: c.health === 'healthy', endpoint: c.endpoint, message: c.message },
      });
    }
    lastCheck = c;
  };
  for (;;) {
    ctx.check();
    let fromThisRound = false;
    const due = host.now() - readAt >= (answeredBy ? healthPollMs : pollMs);
    if (s === null || watch.changed() || due) {
      fromThisRound = true;
      s = await host.unitState(watch.unit, signal);
      readAt = host.now();
      ctx.check();
      const key = `${s.activeState}/${s.subState}/${s.mainPid}/${s.nRestarts}`;
      if (key !== lastKey) {
        lastKey = key;
        ctx.emit({ type: 'unit-state', component, state: s });
      }
      // the process that answered healthy runs on, and systemd says it is active: done
      if (
        answeredBy &&
        s.activeState === 'active' &&
        s.mainPid === answeredBy.pid &&
        s.nRestarts === answeredBy.restarts
      ) {
        if (answeredBy.check) say(answeredBy.check);
        break;
      }
      answeredBy = null;
    }
    const now = host.now();
    if (!fresh) {
      fresh = s.invocationId !== '' && s.invocationId !== watch.before.invocationId;
      if (!fresh) {
        // the old process still stopping is progress: after SIGTERM a real apiserver waits for
        // its clients' open connections (watches) up to its --request-timeout, 60 s, bounded by
        // systemd's TimeoutStopSec; only a restart that has not begun at all is given up on early
        const limit = s.activeState === 'deactivating' ? healthTimeoutMs : (input.startTimeoutMs ?? 15_000);
        if (now - watch.since > limit) return fail(s);
        await watch.pause(pollMs);
        continue;
      }
    }
    baseline ??= s.nRestarts;
    if (
      s.activeState === 'failed' ||
      s.subState === 'auto-restart' ||
      s.nRestarts > baseline ||
      (s.activeState === 'inactive' && s.subState === 'dead')
    ) {
      return fail(s, lastCheck?.message);
    }
    if (s.activeState === 'active') {
      activeSince ??= now;
      const c = await check(ctx, component, creds);
      ctx.check();
      say(c);
      // 401: credentials refused, so health cannot be told (status says why); 403: not yet
      if (c.health === 'healthy' || (c.health === 'unknown' && !c.forbidden)) {
        // healthy: with the unit's state read in this round, or read once more first (the
        // answer counts if the unit is still the process it was)
        if (fromThisRound) break;
        answeredBy = { pid: s.mainPid, restarts: s.nRestarts };
        s = null;
        continue;
      }
      if (c.certRefused) return fail(s, c.message);
      if (now - activeSince > healthTimeoutMs) return fail(s, c.message);
    } else if (now - watch.since > healthTimeoutMs) {
      return fail(s, lastCheck?.message);
    } else if (s.activeState === 'activating' && !isHaService(component)) {
      // systemd says active once the unit notifies, which the next state read would see up to
      // pollMs later (journald passes systemd's line on as late): the endpoint is asked
      // meanwhile, and once it answers the state is read after healthPollMs, not pollMs. The
      // probe does not hold up the state reads (a port held by another program may take a
      // connection and never answer), one at a time, and never reads the state at once (such a
      // program may answer every probe).
      if (!probing) {
        const { mainPid: pid, nRestarts: restarts } = s;
        probing = check(ctx, component, creds)
          .then(
            (c) => {
              if (c.health === 'healthy') answeredBy = { pid, restarts, check: c };
            },
            () => {},
          )
          .finally(() => {
            probing = null;
          });
      }
      await watch.pause(healthPollMs);
      continue;
    }
    await watch.pause(s.activeState === 'active' ? healthPollMs : pollMs);
  }
  // the lines journalctl -f has not passed on yet (journald tells followers at most every
  // 250 ms) are read while the run goes on
  ctx.meanwhile(watch.finish());
  return lastCheck?.message ?? '';
}

async function check(ctx: ApplyContext, service: Service, creds: Credentials): Promise<ComponentCheck> {
  if (!isHaService(service)) return checkComponent(ctx.status, service, creds);
  return {
    ...(await checkHaService(ctx.status, service, apiProbe(ctx.status, creds))),
    forbidden: false,
    certRefused: false,
  };
}
