import type { CommandContext } from '../context.js';
import { addressFacts } from '../host/network.js';
import type { Answers } from '../model/answers.js';
import { interfaceOf, vrrpInterface } from '../model/host-fit.js';
import { describeProblem } from '../model/issues.js';
import { ExitError } from './exit.js';

/**
 * The VRRP interface the HA front's files name: ha.interface, else the interface of this host
 * that holds the advertise address (or, for another master's answers, the one the preflight
 * will offer instead). Without either (files for another machine, under --root) the answers
 * must name it: exit 2 with the field, as for any refused answer.
 */
export function haInterfaceOf(ctx: CommandContext, answers: Answers, onHost: boolean): string | null {
  if (!answers.ha) return null;
  if (answers.ha.interface) return answers.ha.interface;
  const addrs = addressFacts();
  const found = onHost
    ? vrrpInterface(addrs, answers.advertiseAddress, answers.ha.masters)
    : interfaceOf(addrs, answers.advertiseAddress)?.iface;
  if (found) return found;
  ctx.err(ctx.t('invalid.header'));
  const problem = {
    field: 'ha.interface',
    value: undefined,
    accepted: { key: 'accept.haInterfaceNeeded' as const, params: { address: answers.advertiseAddress } },
  };
  ctx.err(`  ${describeProblem(problem, ctx.t)}`);
  throw new ExitError(2);
}
