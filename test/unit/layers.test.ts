import { describe, expect, it } from 'vitest';
import { cyclesOf, type Edge, edgesOf, sources } from './helpers/imports.js';

// The direction of imports the design fixes: only src/host (and the profile store, which
// keeps its own file through conf) touches the machine; the Ink views never reach it; the pure
// layers import nothing above them. Imports are read by TypeScript's own pre-processor, so a
// multi-line import, a re-export, an `import type` and a dynamic `import()` all count.

/** Modules that read or change the machine: files, processes, network, the system. */
const MACHINE = new Set([
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'dns/promises',
  'tls',
  'os',
  'execa',
  'write-file-atomic',
  'conf',
]);

const under = (prefixes: string[]) => (path: string) => prefixes.some((p) => path.startsWith(p));

interface Rule {
  name: string;
  files: string[];
  forbidden: (target: string) => boolean;
}

const ALL = [...sources('src'), ...sources('components')];

const RULES: Rule[] = [
  {
    name: 'only src/host and src/profiles import what touches the machine',
    files: ALL.filter((f) => !under(['src/host/', 'src/profiles/'])(f)),
    forbidden: (t) => MACHINE.has(t),
  },
  {
    name: 'views import no host code, no profile store, no front end and no pipeline runner',
    files: sources('components'),
    forbidden: under([
      'src/host/',
      'src/profiles/',
      'src/commands/',
      'src/apply/pipeline',
      'src/apply/runner',
      'src/apply/phases',
      'src/apply/wait',
      'src/apply/unit-watch',
      'src/apply/host',
      'src/wizard/mount',
      'src/wizard/host-view',
      'src/context',
    ]),
  },
  {
    name: 'the pure layers import nothing above or beside them',
    files: [
      ...sources('src/model'),
      ...sources('src/render'),
      ...sources('src/parse'),
      ...sources('src/format'),
    ],
    forbidden: under([
      'src/host/',
      'src/apply/',
      'src/commands/',
      'src/wizard/',
      'src/profiles/',
      'src/preflight/',
      'src/status/',
      'src/adopt/',
      'components/',
    ]),
  },
  {
    name: 'the wizard and the pipeline do not reach up into the commands',
    files: ALL.filter((f) => !f.startsWith('src/commands/') && f !== 'src/cli.ts' && f !== 'src/main.ts'),
    forbidden: under(['src/commands/', 'src/cli']),
  },
  {
    name: 'what every front end gets sits below them all',
    files: ['src/context.ts'],
    forbidden: (t) => t.startsWith('src/') && !t.startsWith('src/i18n/'),
  },
];

const offenders = (rule: Rule, edges: (file: string) => Edge[] = edgesOf) =>
  rule.files.flatMap((f) =>
    edges(f)
      .filter((e) => rule.forbidden(e.target))
      .map((e) => `${f}: ${e.specifier}`),
  );

describe('layers', () => {
  for (const rule of RULES) {
    it(rule.name, () => {
      expect(rule.files.length).toBeGreaterThan(0);
      expect(offenders(rule)).toEqual([]);
    });
  }

  it('has no import cycle', () => {
    expect(cyclesOf(ALL).map((c) => c.join(' → '))).toEqual([]);
  });

  describe('the guard itself', () => {
    const views = RULES[1]!;
    const machine = RULES[0]!;
    const footer = 'components/Footer.tsx';
    const planted = (text: string) => (file: string) => (file === footer ? edgesOf(footer, text) : []);

    it('catches a multi-line import of host code in a view', () => {
      const text = "import {\n  readText,\n  writeText,\n} from '../src/host/files.js';\n";
      expect(offenders(views, planted(text))).toEqual([`${footer}: ../src/host/files.js`]);
    });

    it('catches dynamic imports, re-exports and type imports', () => {
      const text = [
        "const host = await import('../src/host/systemd.js');",
        "export { readText } from '../src/host/files.js';",
        "export * from '../src/profiles/store.js';",
        "import type { Runner } from '../src/apply/pipeline.js';",
        "type T = import('../src/commands/context.js').CommandContext;",
      ].join('\n');
      expect(offenders(views, planted(text))).toHaveLength(5);
    });

    it('sees through a path that wanders before it reaches host code', () => {
      const text = "import { readText } from '../src/model/../host/./files.js';\n";
      expect(offenders(views, planted(text))).toEqual([`${footer}: ../src/model/../host/./files.js`]);
    });

    it('catches a machine module with or without node:, imported or required', () => {
      const text = "import fs from 'fs';\nconst cp = require('node:child_process');\nimport('execa');\n";
      expect(offenders({ ...machine, files: [footer] }, planted(text))).toHaveLength(3);
    });

    it('is not fooled by imports in comments or strings', () => {
      const text =
        "// import x from '../src/host/files.js';\nconst s = \"import y from '../src/host/files.js'\";\n";
      expect(offenders(views, planted(text))).toEqual([]);
    });
  });
});
