import { getAsset } from 'node:sea';
import { pathToFileURL } from 'node:url';
import { type CodeCacheStore, codeCacheDir, fileStore, runProgram } from './host/code-cache.js';

// The main script of the single executable (dist/kmaster-wizard-linux-x64, built by
// scripts/build-exe.mjs): the program and the code cache of its start, made when the
// executable was built by the Node inside it, are assets of the executable. The cache in the
// user's cache directory is read first and written only if V8 refuses the shipped one.
const code = getAsset('program.js', 'utf8');
const hash = getAsset('program.hash', 'utf8');
const shipped: CodeCacheStore = {
  read: () => Buffer.from(getAsset('code-cache.bin')),
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
