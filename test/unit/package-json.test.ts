import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// package.json as the product needs it: the single file carries every runtime dependency
// (bundled by scripts/build.mjs), so the package declares none; every script it names exists;
// every development dependency is used.
const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
};

const sources = ['src', 'components', 'test', 'scripts']
  .flatMap((d) =>
    readdirSync(join(ROOT, d), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|tsx|mjs)$/.test(e.name))
      .map((e) => join(e.parentPath, e.name)),
  )
  .concat(['vitest.config.ts', 'biome.json', 'tsconfig.json', '.ci/run'].map((f) => join(ROOT, f)));
const text = sources.map((f) => readFileSync(f, 'utf8')).join('\n');

describe('package.json', () => {
  it('declares no runtime dependency: they are bundled into the file it ships', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.files).toEqual(['dist/kmaster-wizard.mjs']);
  });

  it('every script file its scripts run exists', () => {
    const named = Object.values(pkg.scripts).flatMap((s) =>
      [...s.matchAll(/\bnode (\S+\.mjs)/g)].map((m) => m[1]!),
    );
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
  });

  it('every development dependency is imported or used by name', () => {
    // tools run by their command or read by the compiler
    const tools: Record<string, RegExp> = {
      '@biomejs/biome': /\bbiome\b/,
      typescript: /\btsc\b/,
      '@types/node': /"types": \["node"\]/,
    };
    const unused = Object.keys(pkg.devDependencies).filter((d) => {
      if (tools[d]) return !tools[d].test(text + JSON.stringify(pkg.scripts));
      if (d.startsWith('@types/')) return !new RegExp(`from '${d.slice(7)}'`).test(text);
      return !new RegExp(
        `(from |import |import\\(|require\\()'${d.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/[^']*)?'`,
      ).test(text);
    });
    expect(unused).toEqual([]);
  });
});
