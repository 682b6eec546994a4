import { SEED } from './seed.js';
import { parseMinor, renderMinor } from './version.js';

/** The seed's minor version (1.13): what answers stand for when nothing names a version. */
export const SEED_MINOR = parseMinor(SEED.kubernetesVersion)!;

/**
 * The minor to render a version string for (a minor newer than the newest known renders as
 * the newest known); the seed's when the string names no supported version. The commands ask
 * the host's kube-apiserver before they fall back on this (commands/resolve.ts); the wizard
 * starts from that binary's version, else the seed's.
 */
export function minorFor(version: string | undefined): number {
  return renderMinor(version ?? '') ?? SEED_MINOR;
}
