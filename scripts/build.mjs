// Builds the single-file CLI: dist/kmaster-wizard.mjs runs with a bare `node` >= 20 and no
// node_modules, so it can be copied to a master without internet.

import { chmod, readFile, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

import { startupPlugin } from './build-startup.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const outfile = new URL('../dist/kmaster-wizard.mjs', import.meta.url).pathname;

await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  // Node 20 understands every regular expression feature; left as literals they are compiled
  // when first used, instead of in `new RegExp(…)` calls when their module loads (string-width's
  // /^\p{RGI_Emoji}$/v alone takes 20-30 ms to build)
  supported: {
    'regexp-unicode-property-escapes': true,
    'regexp-set-notation': true,
    'regexp-lookbehind-assertions': true,
    'regexp-named-capture-groups': true,
    'regexp-match-indices': true,
    'regexp-dot-all-flag': true,
    'regexp-sticky-and-unicode-flags': true,
  },
  legalComments: 'none',
  jsx: 'automatic',
  // Ink loads the React devtools only when DEV=true; they are not part of the product.
  external: ['react-devtools-core'],
  plugins: [startupPlugin(new URL('..', import.meta.url).pathname)],
  define: {
    __KMW_VERSION__: JSON.stringify(pkg.version),
    'process.env.NODE_ENV': '"production"',
  },
  // the entry's own #!/usr/bin/env node line is kept first by esbuild
  banner: {
    js: [
      "import { createRequire as __kmwCreateRequire } from 'node:module';",
      'const require = __kmwCreateRequire(import.meta.url);',
      // CommonJS dependencies bundled into ESM still read these (write-file-atomic names its temp files with __filename)
      "import { fileURLToPath as __kmwFileURLToPath } from 'node:url';",
      'const __filename = __kmwFileURLToPath(import.meta.url);',
      "const __dirname = __kmwFileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
  logLevel: 'warning',
});
// One character outside ASCII (zod keeps an em dash inside a template it compiles) would make
// V8 hold and scan the whole source as two-byte text; escape every such character.
const out = await readFile(outfile, 'utf8');
const ascii = out.replace(
  /[^\u0000-\u007f]/g,
  (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
);
if (ascii !== out) await writeFile(outfile, ascii);
await chmod(outfile, 0o755);
