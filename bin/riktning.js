#!/usr/bin/env node
// The `riktning` command. The TypeScript sources are compiled to dist/ by `npm ci` (prepare).
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (err) {
  if (
    err &&
    err.code === 'ERR_MODULE_NOT_FOUND' &&
    String(err.message).includes('dist/cli/main.js')
  ) {
    console.error('Riktning är inte byggt. Kör `npm ci` eller `npm run build` först.');
    process.exit(1);
  }
  throw err;
}
process.exitCode = await cli.main(process.argv.slice(2));
