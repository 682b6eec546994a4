#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { codeCacheDir, fileStore, runProgram } from './host/code-cache.js';

// The start of dist/kmaster-wizard.mjs: the program (src/main.ts, bundled by
// scripts/build-program.mjs) is the string below, compiled with the code cache of an
// earlier run when there is one.
declare const __KMW_PROGRAM__: string;
declare const __KMW_PROGRAM_HASH__: string;

const hash = __KMW_PROGRAM_HASH__;
const filename = fileURLToPath(import.meta.url);
const dir = codeCacheDir();
runProgram(
  { code: __KMW_PROGRAM__, hash, filename, url: import.meta.url },
  dir ? [fileStore(dir, hash)] : [],
).done.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
