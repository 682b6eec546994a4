// Builds the single-file CLI: dist/kmaster-wizard.mjs runs with a bare `node` >= 20 and no
// node_modules, so it can be copied to a master without internet.
import { chmod, readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const outfile = new URL('../dist/kmaster-wizard.mjs', import.meta.url).pathname;

await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  jsx: 'automatic',
  // Ink loads the React devtools only when DEV=true; they are not part of the product.
  external: ['react-devtools-core'],
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
await chmod(outfile, 0o755);
