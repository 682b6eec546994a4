import type { GivenFlag } from '../adopt/given-flags.js';
import type { Component } from '../model/components.js';
import { flagFacts, hasNoEffect, isAccepted, removedIn, requiredFlags } from '../model/flag-table.js';
import { minorString, parseMinor } from '../model/version.js';
import { evidenceOf, rewriteFix } from './evidence.js';
import type { Finding, Text } from './types.js';

/**
 * The binary upgraded under old files: every flag of a component's command line that its
 * binary's version removed, does not have yet, never had, or ignores — and the flags that
 * version requires but the command line lacks. Pure. The flag table says when and why (the
 * version that removed a flag, its replacement); the binary's own word (its --help and a trial
 * parse) decides for a flag the table does not know, and names one the table thinks it takes
 * (a binary newer than the table).
 */
export interface FlagInput {
  component: Component;
  /** the flags as the unit and its EnvironmentFiles give them */
  flags: readonly GivenFlag[];
  /** the minor version of the component's binary */
  minor: number;
  /** the EnvironmentFile of the component's flags (where a missing flag belongs) */
  envFile: string | null;
  /** what the binary says of each flag (absent: it cannot tell) */
  takes?: ReadonlyMap<string, boolean>;
}

function dropFix(component: Component, flag: GivenFlag, replacement: string | null | undefined): Text {
  const where = { flag: flag.arg, file: flag.file, line: flag.line ?? '?', component };
  return replacement
    ? { key: 'doctor.fix.replaceFlag', params: { ...where, replacement } }
    : { key: 'doctor.fix.removeFlag', params: where };
}

function judge(input: FlagInput, flag: GivenFlag): Finding | null {
  const { component, minor } = input;
  const version = minorString(minor);
  const facts = flagFacts(component, flag.name);
  const base = { subject: component, evidence: [evidenceOf(flag)] };
  const takes = input.takes?.get(flag.name);
  if (!facts || (takes === false && isAccepted(component, flag.name, minor))) {
    // a flag of the person's own that the table does not know is fine when the binary takes it
    if (takes === true) return null;
    return {
      ...base,
      kind: 'flag-unknown',
      severity: 'error',
      what: {
        key: facts ? 'doctor.flag.notTaken' : 'doctor.flag.unknown',
        params: { component, flag: flag.name, version },
      },
      cause: { key: 'doctor.flag.cause.unknown' },
      fix: [dropFix(component, flag, null)],
    };
  }
  if (!isAccepted(component, flag.name, minor)) {
    const removed = removedIn(component, flag.name);
    const last = facts.to === null ? null : parseMinor(facts.to);
    if (removed !== null && last !== null && minor > last) {
      return {
        ...base,
        kind: 'flag-removed',
        severity: 'error',
        what: { key: 'doctor.flag.removed', params: { component, flag: flag.name, version, removed } },
        cause: { key: 'doctor.flag.cause.upgraded', params: { version } },
        fix: [dropFix(component, flag, facts.replacement), rewriteFix(version)],
      };
    }
    return {
      ...base,
      kind: 'flag-later',
      severity: 'error',
      what: { key: 'doctor.flag.later', params: { component, flag: flag.name, version, from: facts.from } },
      cause: { key: 'doctor.flag.cause.older', params: { version } },
      fix: [dropFix(component, flag, null), rewriteFix(version)],
    };
  }
  if (hasNoEffect(component, flag.name, minor)) {
    const removed = removedIn(component, flag.name);
    return {
      ...base,
      kind: 'flag-no-effect',
      severity: 'warning',
      what: {
        key: removed ? 'doctor.flag.noEffectUntil' : 'doctor.flag.noEffect',
        params: {
          component,
          flag: flag.name,
          version,
          since: facts.noEffectFrom ?? '',
          removed: removed ?? '',
        },
      },
      fix: [dropFix(component, flag, facts.replacement), rewriteFix(version)],
    };
  }
  return null;
}

export function flagFindings(input: FlagInput): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const flag of input.flags) {
    if (seen.has(flag.name)) continue;
    seen.add(flag.name);
    const f = judge(input, flag);
    if (f) findings.push(f);
  }
  const version = minorString(input.minor);
  for (const flag of requiredFlags(input.component, input.minor)) {
    if (seen.has(flag)) continue;
    findings.push({
      kind: 'flag-required',
      severity: 'error',
      subject: input.component,
      what: { key: 'doctor.flag.required', params: { component: input.component, flag, version } },
      cause: { key: 'doctor.flag.cause.upgraded', params: { version } },
      evidence: input.envFile ? [{ file: input.envFile, text: '' }] : [],
      fix: [rewriteFix(version, false)],
    });
  }
  return findings;
}
