import type { MessageKey } from '../i18n/index.js';
import { messageTable } from '../i18n/index.js';
import type { Answers } from '../model/answers.js';
import { COMPONENTS, type Component } from '../model/components.js';
import { flagFacts, isAccepted } from '../model/flag-table.js';
import { foreignAddresses, hostFitProblems, suggestedAddress } from '../model/host-fit.js';
import type { FieldProblem } from '../model/issues.js';
import { type ComponentLayout, KUBECONFIG_LAYOUT_FROM, layoutFor } from '../model/layout.js';
import { minorFor, SEED_MINOR } from '../model/minor.js';
import { parseAnswers } from '../model/parse-answers.js';
import { SEED } from '../model/seed.js';
import { minorString } from '../model/version.js';
import {
  ADVANCED_FIELDS,
  type AdvancedField,
  type AdvancedId,
  type Draft,
  draftToInput,
  fieldText,
  newDraft,
} from './draft.js';
import type { AddressView, AdvancedUse, FixedFlag, FixedMark, FixedRow, Kit, ProblemMap } from './types.js';

/** The version the seed was written for: the stays-fixed marks say what changed since. */

/** Flags the must-change screen sets: not repeated in the stays-fixed list. */
const ASKED = new Set(['--advertise-address', '--secure-port', '--etcd-servers']);

/** Flags the 1.20+ layout uses instead of the seed's (its insecure port is gone). */
const LAYOUT_RENAMES: Record<string, string> = {
  'kube-scheduler --address': '--bind-address',
  'kube-scheduler --master': '--kubeconfig',
  'kube-controller-manager --master': '--kubeconfig',
};

const INT_FIELDS = new Map<string, AdvancedField>(
  (ADVANCED_FIELDS as readonly AdvancedField[]).filter((f) => f.kind === 'int').map((f) => [f.id, f]),
);

/**
 * A number field that does not hold a number says what it accepts (a port, a whole number
 * from…), not "a value of type number"; and the value shown is what was typed.
 */
function friendly(p: FieldProblem, d: Draft): FieldProblem {
  if (!p.accepted.key.startsWith('accept.type')) return p;
  if (p.field === 'securePort') return { ...p, value: d.securePort, accepted: { key: 'accept.port' } };
  if (p.field === 'ha.port') return { ...p, value: d.ha.port, accepted: { key: 'accept.port' } };
  if (p.field === 'ha.virtualRouterId') {
    return {
      ...p,
      value: d.ha.virtualRouterId,
      accepted: { key: 'accept.int', params: { min: 1, max: 255 } },
    };
  }
  const f = INT_FIELDS.get(p.field);
  if (f) {
    return {
      ...p,
      value: fieldText(d, f.id),
      accepted: { key: 'accept.int', params: { min: f.min ?? 0, max: f.max ?? 0 } },
    };
  }
  return p;
}

export function validateDraft(d: Draft, host?: readonly AddressView[] | null): ProblemMap {
  const input = draftToInput(d);
  const result = parseAnswers(input);
  const out = new Map<string, FieldProblem>();
  if (!result.ok) for (const p of result.problems) if (!out.has(p.field)) out.set(p.field, friendly(p, d));
  // on a master: an address or interface this host does not have, a VIP outside its network
  if (host) for (const p of hostFitProblems(input, host)) if (!out.has(p.field)) out.set(p.field, p);
  return out;
}

/** This host's address for the draft's advertise address when that one is not this host's. */
export function hostAddressFor(d: Draft, host: readonly AddressView[]): string | null {
  const advertise = d.advertiseAddress.trim();
  if (foreignAddresses({ advertiseAddress: advertise, bindAddress: d.bindAddress.trim() }, host).length === 0)
    return null;
  return suggestedAddress(host, advertise, d.ha.masters);
}

/** The draft's answers when they pass every check. */
export function answersOf(d: Draft): Answers | null {
  const result = parseAnswers(draftToInput(d));
  return result.ok ? result.answers : null;
}

/**
 * Answers to lay the stays-fixed list out with while some value is still refused: the
 * refused values are replaced by the seed's, so the list still shows every flag.
 */
function layoutAnswers(d: Draft): Answers {
  const ok = answersOf(d);
  if (ok) return ok;
  const seedDraft = {
    ...newDraft({ version: d.version, address: SEED.advertiseAddress }),
    etcdServers: [...SEED.etcdServers],
  };
  const advanced: Record<string, string> = { ...d.advanced };
  const mixed: Draft = { ...seedDraft, base: d.base, advanced: advanced as Draft['advanced'] };
  for (const field of validateDraft(mixed).keys()) {
    const f = (ADVANCED_FIELDS as readonly AdvancedField[]).find((a) => a.id === field);
    if (f) advanced[f.id] = seedDraft.advanced[f.id as AdvancedId] ?? '';
  }
  return answersOf(mixed) ?? answersOf({ ...seedDraft, base: {} })!;
}

const flagValue = (layout: ComponentLayout, flag: string): string | null | undefined => {
  for (const v of layout.vars) {
    if (v.commentedOut) continue;
    const found = v.flags.find((f) => f.name === flag);
    if (found) return found.value;
  }
  return undefined;
};

const flagNames = (layout: ComponentLayout): string[] =>
  layout.vars.filter((v) => !v.commentedOut).flatMap((v) => v.flags.map((f) => f.name));

const short: Record<Component, string> = {
  'kube-apiserver': 'apiserver',
  'kube-controller-manager': 'controllerManager',
  'kube-scheduler': 'scheduler',
};

/** The reason a flag stays as the seed has it: the component's own sentence, else the shared one. */
export function whyKey(component: Component, flag: string): MessageKey | null {
  const table = messageTable('en');
  const own = `wizard.why.${short[component]}.${flag}`;
  if (own in table) return own as MessageKey;
  const shared = `wizard.why.${flag}`;
  return shared in table ? (shared as MessageKey) : null;
}

export function fixedRowsFor(d: Draft): FixedRow[] {
  const answers = layoutAnswers(d);
  const minor = minorFor(d.version);
  const chosen = layoutFor(answers, minor);
  const seed = layoutFor(answers, SEED_MINOR);
  const rows: FixedRow[] = [];
  for (const component of COMPONENTS) {
    const now = chosen.components.find((c) => c.component === component)!;
    const then = seed.components.find((c) => c.component === component)!;
    const own = new Set(answers[short[component] as 'apiserver'].extraArgs.map((a) => a.split('=')[0]!));
    const nowNames = flagNames(now);
    const thenNames = flagNames(then);
    const dropped = chosen.dropped.filter((x) => x.component === component);
    const added = nowNames.filter((f) => !thenNames.includes(f));
    const flags: FixedFlag[] = [];
    const seen = new Set<string>();
    const push = (flag: string, value: string | null, mark: FixedMark | null) => {
      if (
        seen.has(flag) ||
        (component === 'kube-apiserver' && (ASKED.has(flag) || flag === '--bind-address'))
      )
        return;
      seen.add(flag);
      const mine = own.has(flag);
      flags.push({
        component,
        flag,
        value,
        why: mine ? null : whyKey(component, flag),
        mark,
        ...(mine ? { own: true } : {}),
      });
    };
    const ownMark = (flag: string): FixedMark | null =>
      isAccepted(component, flag, minor) ? null : { kind: 'unknown' };
    for (const flag of thenNames) {
      const value = flagValue(then, flag) ?? null;
      if (nowNames.includes(flag)) {
        push(flag, flagValue(now, flag) ?? null, own.has(flag) ? ownMark(flag) : null);
        continue;
      }
      const drop = dropped.find((x) => x.flag === flag);
      const to =
        drop?.replacement ??
        LAYOUT_RENAMES[`${component} ${flag}`] ??
        flagFacts(component, flag)?.replacement;
      if (to && added.includes(to))
        push(flag, value, { kind: 'renamed', to, since: minorString(KUBECONFIG_LAYOUT_FROM) });
      else if (drop) push(flag, value, { kind: drop.reason, since: drop.since });
      else push(flag, value, { kind: 'removed', since: minorString(KUBECONFIG_LAYOUT_FROM) });
    }
    for (const flag of nowNames) {
      if (thenNames.includes(flag)) continue;
      const mark: FixedMark | null = own.has(flag)
        ? ownMark(flag)
        : { kind: 'added', since: minorString(KUBECONFIG_LAYOUT_FROM) };
      push(flag, flagValue(now, flag) ?? null, mark);
    }
    rows.push({ kind: 'group', component }, ...flags.map((f): FixedRow => ({ kind: 'flag', ...f })));
  }
  return rows;
}

const SENTINEL = '/kmw-sentinel/value';

/** Where the layout puts a value: the flags (`component --flag`) and kubeconfigs that carry it. */
function carriers(a: Answers, minor: number, value: string): string[] {
  const out: string[] = [];
  for (const c of layoutFor(a, minor).components) {
    for (const v of c.vars) {
      if (v.commentedOut) continue;
      for (const f of v.flags) if (f.value?.includes(value)) out.push(`${c.component} ${f.name}`);
    }
    const k = c.kubeconfig;
    if (k && (k.certFile === value || k.keyFile === value || k.caFile === value))
      out.push(k.path.split('/').at(-1)!);
  }
  return out;
}

/**
 * The advanced values the draft's version uses, each with where it goes: a path is used when
 * the files for that version carry it (no controller-manager or scheduler client certificate
 * before 1.20, when they reach the apiserver over the insecure port); the ranges, plugins and
 * numbers always are.
 */
export function advancedFieldsFor(d: Draft): AdvancedUse[] {
  const minor = minorFor(d.version);
  const base = layoutAnswers(d);
  const plain: Record<string, string[]> = {};
  for (const f of ADVANCED_FIELDS as readonly AdvancedField[]) plain[f.id] = [f.flag];
  return (ADVANCED_FIELDS as readonly AdvancedField[]).flatMap((f): AdvancedUse[] => {
    if (f.kind !== 'text' || !f.id.startsWith('certs.')) return [{ id: f.id, carriers: plain[f.id]! }];
    const probe = layoutAnswers({ ...d, advanced: { ...d.advanced, [f.id]: SENTINEL } as Draft['advanced'] });
    // the sentinel must have landed in the answers (a refused value falls back to the seed's)
    const landed = (probe.certs as Record<string, string>)[f.id.slice('certs.'.length)] === SENTINEL;
    const found = landed ? carriers(probe, minor, SENTINEL) : carriers(base, minor, fieldText(d, f.id));
    return found.length > 0 ? [{ id: f.id, carriers: found }] : [];
  });
}

/** Drafts are never changed in place, so each one's list is worked out once. */
const fixedCache = new WeakMap<Draft, FixedRow[]>();
const advancedCache = new WeakMap<Draft, AdvancedUse[]>();

export const kit: Kit = {
  validate: validateDraft,
  hostAddress: hostAddressFor,
  fixedRows(d) {
    let rows = fixedCache.get(d);
    if (!rows) {
      rows = fixedRowsFor(d);
      fixedCache.set(d, rows);
    }
    return rows;
  },
  advancedFields(d) {
    let used = advancedCache.get(d);
    if (!used) {
      used = advancedFieldsFor(d);
      advancedCache.set(d, used);
    }
    return used;
  },
};
