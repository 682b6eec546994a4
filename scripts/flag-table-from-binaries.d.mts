export const TABLE_PATH: string;
export const COMPONENTS: string[];
export interface Probe {
  versionLine: string;
  listed: Map<string, { bool: boolean }>;
  hidden: Map<string, { deprecated: boolean }>;
  rejected: Set<string>;
}
export interface Disagreement {
  flag: string;
  table: boolean;
  binary: boolean;
  missing?: boolean;
  bool?: { table: boolean; binary: boolean };
}
// biome-ignore lint/suspicious/noExplicitAny: the table's JSON shape
export type Table = any;
export function readTable(): Table;
export function probeRelease(version: string, table: Table): Promise<Record<string, Probe>>;
export function disagreements(table: Table, component: string, minor: number, probe: Probe): Disagreement[];
export function refreshComponent(table: Table, component: string, version: string, probe: Probe): string[];
export function extendMinors(table: Table, minor: number): void;
export function formatTable(table: Table): string;
export function cachedVersions(): string[];
export function tableAccepts(facts: unknown, minor: number): boolean;
export function sourceKey(version: string): string;
