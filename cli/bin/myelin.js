#!/usr/bin/env node
// The `myelin` executable (package.json "bin"): runs the compiled CLI, dist/cli/main.js, which
// `npm ci` / `npm run build` produce. Plain JavaScript so it runs without a TypeScript loader.
import { existsSync } from 'node:fs';

const main = new URL('../../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('myelin: the CLI is not built (dist/cli/main.js is missing); run `npm run build` first');
  process.exit(1);
}
const { main: runMain } = await import(main.href);
await runMain(process.argv.slice(2));
