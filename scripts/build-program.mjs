// The program as one script, and the launchers that run it from V8's code cache
// (src/host/code-cache.ts): used by build.mjs (the single file) and build-exe.mjs (the executable).
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build } from 'esbuild';

import { startupPlugin } from './build-startup.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

/** The parameters the program is called with: what an ESM bundle's banner would define. */
export const PROGRAM_PARAMETERS = ['require', '__filename', '__dirname', '__kmwUrl'];

// Node 20 understands every regular expression feature; left as literals they are compiled
// when first used, instead of in `new RegExp(…)` calls when their module loads (string-width's
// /^\p{RGI_Emoji}$/v alone takes 20-30 ms to build)
const supported = {
  'regexp-unicode-property-escapes': true,
  'regexp-set-notation': true,
  'regexp-lookbehind-assertions': true,
  'regexp-named-capture-groups': true,
  'regexp-match-indices': true,
  'regexp-dot-all-flag': true,
  'regexp-sticky-and-unicode-flags': true,
};

/**
 * One character outside ASCII (zod keeps an em dash inside a template it compiles) would make
 * V8 hold and scan the whole source as two-byte text; every such character is escaped.
 */
const toAscii = (text) =>
  text.replace(/[^\u0000-\u007f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * src/main.ts and everything it uses as the body of one async function, so that vm.Script can
 * compile it with a code cache (an ES module cannot be, on Node 20): the bundle is ESM (Ink and
 * yoga-layout use top-level await, which a function body allows), `import.meta.url` becomes a
 * parameter, and Node built-ins, dynamically imported ones too, come from `require`. The build
 * fails if any import is left, since a script has no `import`.
 */
export async function buildProgram() {
  const result = await build({
    entryPoints: [`${ROOT}src/main.ts`],
    outfile: `${ROOT}dist/program.js`,
    write: false,
    metafile: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    supported,
    legalComments: 'none',
    jsx: 'automatic',
    // Ink loads the React devtools only when DEV=true; they are not part of the product.
    external: ['react-devtools-core'],
    plugins: [
      startupPlugin(ROOT),
      {
        name: 'kmw-dynamic-builtins',
        setup(b) {
          b.onResolve({ filter: /^node:/ }, (args) =>
            args.kind === 'dynamic-import' ? { path: args.path, namespace: 'kmw-builtin' } : undefined,
          );
        },
      },
    ],
    define: {
      __KMW_VERSION__: JSON.stringify(pkg.version),
      'process.env.NODE_ENV': '"production"',
      'import.meta.url': '__kmwUrl',
    },
    logLevel: 'warning',
  });
  const left = Object.values(result.metafile.outputs).flatMap((o) =>
    o.imports.filter((i) => i.kind !== 'require-call').map((i) => `${i.kind} ${i.path}`),
  );
  if (left.length > 0) throw new Error(`the program still imports: ${left.join(', ')}`);
  const body = toAscii(result.outputFiles[0].text.replace(/^#!.*\n/, ''));
  if (/^\s*(import|export)\b[\s{*]/m.test(body))
    throw new Error('the program has an import or export statement');
  const code = `(async function (${PROGRAM_PARAMETERS.join(', ')}) {\n${body}\n})`;
  return { code, hash: createHash('sha256').update(code).digest('hex').slice(0, 16), version: pkg.version };
}

/**
 * A launcher (src/launch.ts or src/launch-exe.ts) bundled on its own; `__KMW_PROGRAM__` and
 * `__KMW_PROGRAM_HASH__` in it are replaced by the program's text and digest when given.
 */
export async function buildLauncher(entry, format, program) {
  const result = await build({
    entryPoints: [`${ROOT}${entry}`],
    outfile: `${ROOT}dist/launcher.js`,
    write: false,
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  let text = result.outputFiles[0].text;
  if (program) {
    for (const [name, value] of [
      ['__KMW_PROGRAM_HASH__', program.hash],
      ['__KMW_PROGRAM__', program.code],
    ]) {
      const parts = text.split(new RegExp(`\\b${name}\\b`));
      if (parts.length !== 2)
        throw new Error(`${entry}: expected ${name} once, found it ${parts.length - 1} times`);
      text = parts.join(JSON.stringify(value));
    }
  }
  return toAscii(text);
}

/** Writes beside and renames into place: whoever runs the file meanwhile sees all of the old or all of the new. */
export async function writeAtomic(file, data, mode = 0o644) {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data, { mode });
  await chmod(temporary, mode);
  await rename(temporary, file);
}
