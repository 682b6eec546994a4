// Builds the single-file CLI: dist/kmaster-wizard.mjs runs with a bare `node` >= 20 and no
// node_modules, so it can be copied to a master without internet.
import { chmod, readFile } from 'node:fs/promises';
import { build } from 'esbuild';

/**
 * Start-up cost, which decides how soon the wizard's first screen appears:
 * - Ink imports its React devtools bridge (and with it the `ws` package) behind a DEV=true
 *   check; the bundle gets an empty module instead, so nothing of it is parsed, and a
 *   bundled copy never tries to import a package that is not there.
 * - yoga-layout loads its WebAssembly from a base64 data: URL with fetch() when fetch exists,
 *   which makes Node load its whole HTTP client (undici) at start; decoding the same bytes
 *   directly takes no time. The patch is checked: the build fails if yoga's code changed.
 */
const startupPlugin = {
  name: 'kmw-startup',
  setup(b) {
    b.onResolve({ filter: /[/\\]devtools\.js$/ }, (args) =>
      /[/\\]ink[/\\]/.test(args.importer) ? { path: 'ink-devtools', namespace: 'kmw-empty' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'kmw-empty' }, () => ({ contents: 'export {};', loader: 'js' }));
    b.onLoad({ filter: /yoga-layout[/\\]dist[/\\]binaries[/\\]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const probe = '"function"!=typeof fetch';
      const count = text.split(probe).length - 1;
      if (count !== 2) throw new Error(`yoga-layout changed: expected 2 fetch checks, found ${count}`);
      return { contents: text.replaceAll(probe, '!0'), loader: 'js' };
    });
  },
};

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
  plugins: [startupPlugin],
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
