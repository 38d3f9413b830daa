#!/usr/bin/env node
// The `riktning` command. `npm run build` (also run by `npm start` and scripts/install-production.sh) compiles the TypeScript
// sources to dist/ and bundles them into dist/bundle/riktning.js, which loads much faster; the
// compiled files are used when the bundle is missing or older than they are (only tsc was run).
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// The embedded database is PostgreSQL compiled to WebAssembly. By default V8 recompiles every
// function that has run a little with its optimising compiler, and opening the database runs a
// great deal once: at start that recompiles more than a second of CPU on other threads, competing
// with the start itself on a small machine. Ten times the default budget keeps the optimising
// compiler for the code that stays hot (queries) and off the code that runs once (the default
// budget is 1 800 000 in Node 20's V8).
setFlagsFromString('--wasm-tiering-budget=18000000');

const modified = (file) => {
  try {
    return statSync(new URL(file, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundled = modified('../dist/bundle/riktning.js');
const entry =
  bundled >= 0 && bundled >= modified('../dist/cli/main.js')
    ? '../dist/bundle/riktning.js'
    : '../dist/cli/main.js';

let cli;
try {
  cli = await import(entry);
} catch (err) {
  if (
    err &&
    err.code === 'ERR_MODULE_NOT_FOUND' &&
    String(err.message).includes(entry.replace('../', ''))
  ) {
    console.error(
      'Riktning är inte byggt. Kör `npm run build` (eller `npm start`) först. / Not built: run `npm run build` first.',
    );
    process.exit(1);
  }
  throw err;
}
process.exitCode = await cli.main(process.argv.slice(2));
