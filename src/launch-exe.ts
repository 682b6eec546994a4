import { getAsset, getRawAsset } from 'node:sea';
import { pathToFileURL } from 'node:url';
import { type CodeCacheStore, codeCacheDir, fileStore, runProgram } from './host/code-cache.js';

// The main script of the single executable (dist/kmaster-wizard-linux-x64, built by
// scripts/build-exe.mjs): the program and the code cache of its start, made when the
// executable was built by the Node inside it, are assets of the executable. The cache in the
// user's cache directory is read first and written only if V8 refuses the shipped one.
// the program is ASCII (scripts/build-program.mjs escapes every other character), so its bytes
// are read as Latin-1, a copy, instead of being decoded and checked as UTF-8; the cache is read
// where it lies in the executable, without a copy (V8 only reads it)
const code = Buffer.from(getRawAsset('program.js') as ArrayBuffer).toString('latin1');
const hash = getAsset('program.hash', 'utf8');
const shipped: CodeCacheStore = {
  read: () => Buffer.from(getRawAsset('code-cache.bin') as ArrayBuffer),
  write: () => {},
};
const dir = codeCacheDir();
runProgram(
  { code, hash, filename: process.execPath, url: pathToFileURL(process.execPath).href },
  // NODE_DISABLE_COMPILE_CACHE turns every cache off, the shipped one too; without a home
  // directory there is only the shipped one
  process.env.NODE_DISABLE_COMPILE_CACHE ? [] : dir ? [fileStore(dir, hash), shipped] : [shipped],
).done.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
