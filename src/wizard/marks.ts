import {
  ADVANCED_FIELDS,
  type AdvancedId,
  type Draft,
  fieldText,
  HA_IDS,
  isHaField,
  isMustChangeField,
} from './draft.js';
import type { State } from './state.js';
import type { ProblemMap, TriedStep } from './types.js';

/**
 * Which refused values the screens show: a field is marked (✗ and what is accepted) once it was
 * edited, once Continue was pressed on its screen, or when it came loaded with a value (a
 * profile, the adopted files). A field nobody has touched yet is not an error.
 */

export function isMarked(s: Pick<State, 'touched' | 'tried'>, field: string): boolean {
  if (s.touched.has(field)) return true;
  const step: TriedStep = isMustChangeField(field) ? 'mustChange' : isHaField(field) ? 'ha' : 'staysFixed';
  if (s.tried.has(step)) return true;
  // a problem of a whole list (the etcd servers, the masters) shows once one of its rows was edited
  return (
    (field === 'etcdServers' || field === 'ha.masters') &&
    [...s.touched].some((f) => f.startsWith(`${field}.`))
  );
}

/** The problems the screens show now. */
export function markedProblems(s: Pick<State, 'problems' | 'touched' | 'tried'>): ProblemMap {
  return new Map([...s.problems].filter(([field]) => isMarked(s, field)));
}

/** Fields that hold a value when the answers are loaded: they are judged at once. */
export function loadedFields(d: Draft): Set<string> {
  const out = new Set<string>();
  for (const id of ['advertiseAddress', 'bindAddress', 'securePort'] as const) if (d[id] !== '') out.add(id);
  d.etcdServers.forEach((v, i) => {
    if (v !== '') out.add(`etcdServers.${i}`);
  });
  for (const f of ADVANCED_FIELDS) if (fieldText(d, f.id as AdvancedId) !== '') out.add(f.id);
  d.ha.masters.forEach((v, i) => {
    if (v !== '') out.add(`ha.masters.${i}`);
  });
  for (const id of HA_IDS) if (id !== 'ha.masters' && d.ha.vip !== '' && fieldText(d, id) !== '') out.add(id);
  return out;
}
