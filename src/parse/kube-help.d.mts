export function parseHelp(text: string): Map<string, { bool: boolean }>;
export interface Trial {
  /** the version was printed: every flag given exists */
  ok: boolean;
  /** the flag named in `unknown flag: --x` */
  unknown: string | null;
  /** the flag named in `invalid argument "v" for "--x" flag` (it exists) */
  invalid: string | null;
  /** flags that printed `Flag --x has been deprecated` */
  deprecated: string[];
  output: string;
}
export function readTrial(stdout: string, stderr: string): Trial;
