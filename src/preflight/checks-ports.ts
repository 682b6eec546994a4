import type { Answers } from '../model/answers.js';
import { type Service, unitOfService } from '../model/ha-layout.js';
import { KUBECONFIG_LAYOUT_FROM } from '../model/layout.js';
import { hostCheck } from './checks-system.js';
import { type Check, fail, pass, skip, text } from './types.js';

/**
 * The ports the components will listen on must be free — or held by the component's own
 * unit, on a re-run. Tested by listening (and closing at once); the holder is read from
 * /proc.
 */

export interface PortUse {
  port: number;
  address: string;
  component: Service;
}

/**
 * The apiserver's secure port (and the insecure 8080 before 1.20), 10257 from 1.12, 10259 from
 * 1.13, and haproxy's port of the HA front.
 */
export function portsOf(a: Answers, minor: number): PortUse[] {
  const uses: PortUse[] = [{ port: a.securePort, address: a.bindAddress, component: 'kube-apiserver' }];
  if (minor < KUBECONFIG_LAYOUT_FROM)
    uses.push({ port: 8080, address: '127.0.0.1', component: 'kube-apiserver' });
  if (minor >= 12)
    uses.push({
      port: 10257,
      address: a.controllerManager.bindAddress,
      component: 'kube-controller-manager',
    });
  if (minor >= 13) uses.push({ port: 10259, address: a.scheduler.bindAddress, component: 'kube-scheduler' });
  // haproxy binds vip:port; a listener on the wildcard address would keep it from doing so
  if (a.ha)
    uses.push({ port: a.ha.port, address: a.ha.vip.includes(':') ? '::' : '0.0.0.0', component: 'haproxy' });
  const seen = new Set<number>();
  return uses.filter((u) => {
    if (seen.has(u.port)) return false;
    seen.add(u.port);
    return true;
  });
}

function portCheck(use: PortUse): Check {
  const unit = unitOfService(use.component);
  return hostCheck(`Port-${use.port}`, 'error', async (ctx) => {
    const { port, address } = use;
    const shown = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
    const r = await ctx.host.tryListen(address, port);
    if (r.state === 'free') return pass('preflight.port.free', { address: shown, component: use.component });
    if (r.state === 'not-local') return skip('preflight.skip.notLocal', { address });
    if (r.state === 'error') {
      return fail(
        text('preflight.port.error', { address: shown, code: r.code }),
        text('preflight.fix.portInUse', { port }),
      );
    }
    const holders = await ctx.host.portHolders(port);
    const ours = holders.find((h) => h.unit === unit);
    if (ours) return pass('preflight.port.ours', { address: shown, unit, pid: ours.pid });
    const who = holders
      .map((h) => `PID ${h.pid} (${h.command || '?'}${h.unit ? `, ${h.unit}` : ''})`)
      .join('; ');
    return fail(
      text(who ? 'preflight.port.inUse' : 'preflight.port.inUseUnknown', { address: shown, holder: who }),
      text('preflight.fix.portInUse', { port }),
    );
  });
}

export function portChecks(a: Answers, minor: number): Check[] {
  return portsOf(a, minor).map(portCheck);
}
