import type { CommandContext } from '../context.js';
import { addressFacts } from '../host/network.js';
import type { Answers } from '../model/answers.js';
import { addressList, foreignAddresses, type HostAddressFact, suggestedAddress } from '../model/host-fit.js';
import { normaliseIgnore } from '../preflight/run.js';
import { ExitError } from './exit.js';

const CHECK = { advertiseAddress: 'HostAddress-advertise', bindAddress: 'HostAddress-bind' } as const;

/**
 * apply on this host refuses answers whose advertise or bind address this host does not have
 * (master 1's answers on master 2, before `--set`): exit 2 and nothing written, naming each
 * address and the `--set` that gives this host's own (one of `ha.masters` when it holds one).
 * `--ignore-preflight-errors=HostAddress-advertise` (or -bind, or all) lets an address NATed
 * to this host through, as it does for the preflight check of the same name.
 */
export function refuseForeignAddresses(
  ctx: CommandContext,
  answers: Answers,
  ignore: readonly string[],
  addrs: readonly HostAddressFact[] = addressFacts(),
): void {
  const ignored = new Set(normaliseIgnore(ignore));
  const foreign = foreignAddresses(answers, addrs).filter((p) => {
    const check = CHECK[p.field as keyof typeof CHECK];
    return !ignored.has('all') && !ignored.has(check.toLowerCase());
  });
  if (foreign.length === 0) return;
  ctx.err(ctx.t('cli.notThisHost'));
  for (const p of foreign) {
    const address = String(p.value);
    const suggestion = suggestedAddress(addrs, address, answers.ha?.masters ?? []);
    ctx.err(
      suggestion
        ? ctx.t('cli.notThisHost.row', { field: p.field, address, suggestion })
        : ctx.t('cli.notThisHost.rowNoSuggestion', { field: p.field, address }),
    );
  }
  ctx.err(ctx.t('cli.notThisHost.list', { list: addressList(addrs) }));
  const first = foreign[0]!;
  ctx.err(
    ctx.t('cli.notThisHost.nat', {
      address: String(first.value),
      check: CHECK[first.field as keyof typeof CHECK],
    }),
  );
  throw new ExitError(2);
}
