import type { Plugin } from 'esbuild';

export const SIMPLE_TEXT: string;
export const LAZY_SEGMENTER: string;
export const SEGMENTER_USERS: RegExp;
export function startupPlugin(projectRoot: string): Plugin;
export const NARROW_TEXT: string;
export const STYLED_CELLS: RegExp;
export function patchStyledCells(file: string, text: string): string;
export const CATALOGS: RegExp;
export function lazyCatalog(file: string, text: string): Promise<string>;
