import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

// The import graph of the sources, read with TypeScript's own pre-processor: multi-line imports,
// `export … from`, `import type`, dynamic `import()`, `require()` and `import('x').T` types are
// all seen; comments and strings are not mistaken for imports.

export const ROOT = new URL('../../../', import.meta.url).pathname;

/** Every module specifier the text imports or re-exports, in order. */
export function specifiersOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

export interface Edge {
  /** The specifier as written. */
  specifier: string;
  /** A repository path (`src/host/files.ts`) for relative imports; the package or builtin name otherwise. */
  target: string;
}

/** The `.ts`/`.tsx` files under `dir`, as repository paths. */
export function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .sort();
}

/** `node:fs/promises` and `fs/promises` are one module; `@scope/pkg/sub` is `@scope/pkg/sub`. */
const bare = (specifier: string) => specifier.replace(/^node:/, '');

function resolveRelative(from: string, specifier: string): string {
  const base = join(dirname(from), specifier);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    `${base}.ts`,
    `${base}.tsx`,
  ];
  candidates.push(join(base, 'index.ts'), join(base, 'index.tsx'));
  return candidates.find((c) => /\.(tsx?|json)$/.test(c) && existsSync(join(ROOT, c))) ?? base;
}

export function edgesOf(file: string, text = readFileSync(join(ROOT, file), 'utf8')): Edge[] {
  return specifiersOf(text).map((specifier) => ({
    specifier,
    target: specifier.startsWith('.') ? resolveRelative(file, specifier) : bare(specifier),
  }));
}

/** Import cycles among `files` (each as the list of files around it), found by depth-first search. */
export function cyclesOf(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, edgesOf(f).map((e) => e.target)]));
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    path.push(f);
    for (const next of graph.get(f) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return cycles;
}
