#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build`, which `npm install` runs as `prepare`).
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist')) throw err;
  process.stderr.write('juesuan: not built (no dist/): run `npm install` or `npm run build` in the juesuan folder\n');
  process.exit(70);
}
await cli.run(process.argv.slice(2));
