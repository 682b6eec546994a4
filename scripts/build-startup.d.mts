import type { Plugin } from 'esbuild';

export const SIMPLE_TEXT: string;
export const LAZY_SEGMENTER: string;
export const SEGMENTER_USERS: RegExp;
export function startupPlugin(projectRoot: string): Plugin;
