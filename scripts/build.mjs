// Builds the single-file CLI: dist/kmaster-wizard.mjs runs with a bare `node` (20, 22, 24) and
// no node_modules, so it can be copied to a master without internet. It is a small launcher
// (src/launch.ts) followed by the whole program as one string, which the launcher compiles
// with V8's code cache kept under the user's cache directory (src/host/code-cache.ts).
import { buildLauncher, buildProgram, writeAtomic } from './build-program.mjs';

const outfile = new URL('../dist/kmaster-wizard.mjs', import.meta.url).pathname;
const program = await buildProgram();
// the entry's own #!/usr/bin/env node line is kept first by esbuild
await writeAtomic(outfile, await buildLauncher('src/launch.ts', 'esm', program), 0o755);
