#!/usr/bin/env node
// The `myelin` executable (package.json "bin"): runs the compiled CLI, dist/cli/main.js, which
// `npm ci` / `npm run build` produce. Plain JavaScript so it runs without a TypeScript loader.
import { existsSync, readdirSync, statSync } from 'node:fs';

const main = new URL('../../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('myelin: the CLI is not built (dist/cli/main.js is missing); run `npm run build` first');
  process.exit(1);
}

// In a checkout (src/ and cli/ beside dist/), a source file newer than the build means dist/ is
// stale: say so in one line (a stale build can expect another native addon ABI and run on js).
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = new URL(e.name + (e.isDirectory() ? '/' : ''), dir);
    const source = e.name.endsWith('.ts') && !e.name.endsWith('.test.ts');
    t = Math.max(t, e.isDirectory() ? newest(p) : source ? statSync(p).mtimeMs : 0);
  }
  return t;
}
const src = new URL('../../src/', import.meta.url);
if (existsSync(src)) {
  const edited = Math.max(newest(src), newest(new URL('../', import.meta.url)));
  if (edited > statSync(main).mtimeMs) console.error('myelin: note: src/ or cli/ changed after the last build; run `npm run build` to use the changes');
}
const { main: runMain } = await import(main.href);
await runMain(process.argv.slice(2));
