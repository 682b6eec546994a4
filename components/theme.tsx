import { createContext, useContext } from 'react';

/**
 * Colours of the wizard. With NO_COLOR set (https://no-color.org) every colour is left out;
 * bold, dim and inverse stay, so the focus and the cursor are still visible.
 */
export interface Colors {
  accent?: string;
  ok?: string;
  warn?: string;
  bad?: string;
  add?: string;
  del?: string;
  hunk?: string;
}

export const FULL_COLORS: Colors = {
  accent: 'cyan',
  ok: 'green',
  warn: 'yellow',
  bad: 'red',
  add: 'green',
  del: 'red',
  hunk: 'cyan',
};

export const NO_COLORS: Colors = {};

export const ColorContext = createContext<Colors>(FULL_COLORS);

export function useColors(): Colors {
  return useContext(ColorContext);
}

/** A health (the status table, the components' checks): ok, bad, or warn when it cannot tell. */
export function healthColor(c: Colors, health: 'healthy' | 'unhealthy' | 'unknown'): string | undefined {
  return health === 'healthy' ? c.ok : health === 'unhealthy' ? c.bad : c.warn;
}

/** A klog severity: errors and fatal lines bad, warnings warn, the rest uncoloured. */
export function severityColor(c: Colors, severity: 'I' | 'W' | 'E' | 'F' | '-'): string | undefined {
  return severity === 'E' || severity === 'F' ? c.bad : severity === 'W' ? c.warn : undefined;
}

/** NO_COLOR set to anything but the empty string turns colour off. */
export function colorsFor(env: NodeJS.ProcessEnv): Colors {
  return env.NO_COLOR ? NO_COLORS : FULL_COLORS;
}
