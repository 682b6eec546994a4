import type { Component } from './components.js';
import table from './data/flag-table.json' with { type: 'json' };
import { minorString, parseMinor } from './version.js';

/**
 * Which flags each component accepts in each supported minor version, built from
 * Kubernetes' generated flag reference and changelogs (see `about` and `sources` in
 * data/flag-table.json for where each fact comes from).
 */
export interface FlagFacts {
  /** first minor (>= 1.10) that accepts the flag */
  from: string;
  /** last minor that accepts it; null while the newest still does */
  to: string | null;
  deprecated?: string;
  noEffectFrom?: string;
  replacement?: string | null;
  note?: string;
  bool?: boolean;
  src: string[];
}

export interface RequiredFacts {
  flags: string[];
  from: string;
  to: string | null;
  src: string[];
}

interface ComponentTable {
  flags: Record<string, FlagFacts>;
  required: RequiredFacts[];
}

interface FlagTable {
  about: string;
  minors: string[];
  sources: Record<string, string>;
  components: Record<Component, ComponentTable>;
}

export const FLAG_TABLE = table as unknown as FlagTable;

const minorOf = (v: string | null | undefined): number | null => (v ? parseMinor(v) : null);

export function flagFacts(component: Component, flag: string): FlagFacts | undefined {
  return FLAG_TABLE.components[component].flags[flag];
}

/** The binary of that minor version starts with this flag (documented or hidden). */
export function isAccepted(component: Component, flag: string, minor: number): boolean {
  const facts = flagFacts(component, flag);
  if (!facts) return false;
  const from = minorOf(facts.from) ?? 0;
  const to = minorOf(facts.to) ?? Number.POSITIVE_INFINITY;
  return minor >= from && minor <= to;
}

/** The first minor that rejects the flag with `unknown flag`, if any. */
export function removedIn(component: Component, flag: string): string | null {
  const to = minorOf(flagFacts(component, flag)?.to);
  return to === null ? null : minorString(to + 1);
}

export function hasNoEffect(component: Component, flag: string, minor: number): boolean {
  const since = minorOf(flagFacts(component, flag)?.noEffectFrom);
  return since !== null && minor >= since;
}

export function isDeprecated(component: Component, flag: string, minor: number): boolean {
  const since = minorOf(flagFacts(component, flag)?.deprecated);
  return since !== null && minor >= since;
}

export function requiredFlags(component: Component, minor: number): string[] {
  return FLAG_TABLE.components[component].required
    .filter((r) => minor >= (minorOf(r.from) ?? 0) && minor <= (minorOf(r.to) ?? Number.POSITIVE_INFINITY))
    .flatMap((r) => r.flags);
}

export function acceptedFlags(component: Component, minor: number): string[] {
  return Object.keys(FLAG_TABLE.components[component].flags).filter((f) => isAccepted(component, f, minor));
}
