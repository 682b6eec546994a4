import { COMPONENT_FILES, COMPONENTS, type Component } from '../model/components.js';
import type { PhaseId } from './events.js';
import { changedComponents, type PlannedFile } from './plan.js';

/** The phases of a run in order: write, daemon-reload, then enable/start/wait per component. */
export function phasesOf(): PhaseId[] {
  return [
    { name: 'write' },
    { name: 'daemon-reload' },
    ...COMPONENTS.flatMap((component) =>
      (['enable', 'start', 'wait'] as const).map((name) => ({ name, component })),
    ),
  ];
}

/**
 * How each component is started: restarted when one of its files changed (so a running
 * unit picks them up), started otherwise (a no-op for a unit already running).
 */
export function startActions(planned: PlannedFile[]): Record<Component, 'restart' | 'start'> {
  const changed = changedComponents(planned);
  return Object.fromEntries(COMPONENTS.map((c) => [c, changed.has(c) ? 'restart' : 'start'])) as Record<
    Component,
    'restart' | 'start'
  >;
}

export function unitOf(component: Component): string {
  return COMPONENT_FILES[component].unit;
}
