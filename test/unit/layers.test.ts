import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The direction of imports the design fixes: only src/host (and the profile store, which
// keeps its own file through conf) touches the machine; the Ink views never reach it.
const ROOT = new URL('../../', import.meta.url).pathname;
const MACHINE =
  /from '(node:(fs|fs\/promises|child_process|net|http|https|dgram|tls)|execa|write-file-atomic)'/;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

const importsOf = (file: string) =>
  readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => /^(import|export) .* from '/.test(line));

describe('layers', () => {
  it('only src/host and src/profiles import what touches the machine', () => {
    const offenders = [...sources('src'), ...sources('components')]
      .filter((f) => !f.startsWith('src/host/') && !f.startsWith('src/profiles/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((l) => MACHINE.test(l))
          .map((l) => `${f}: ${l}`),
      );
    expect(offenders).toEqual([]);
  });

  it('views import no host code, no profile store and no pipeline runner', () => {
    const offenders = sources('components').flatMap((f) =>
      importsOf(f)
        .filter((l) => /from '\.\.\/src\/(host|profiles|apply\/(pipeline|run|host))/.test(l))
        .map((l) => `${f}: ${l}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the pure layers import nothing above or beside them', () => {
    const offenders = [...sources('src/model'), ...sources('src/render'), ...sources('src/parse')].flatMap(
      (f) =>
        importsOf(f)
          .filter((l) => /from '\.\.\/(host|apply|commands|wizard|profiles|preflight|status|adopt)\//.test(l))
          .map((l) => `${f}: ${l}`),
    );
    expect(offenders).toEqual([]);
  });
});
