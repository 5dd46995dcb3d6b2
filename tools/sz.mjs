#!/usr/bin/env node
// Line budget (STYLE.md §1.6, §8): prints the line count of src/ by folder and fails when a
// TypeScript file under src/, test/, examples/ or bench/ exceeds 400 lines or is not snake_case.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const LIMIT = 400;
const problems = [];
const byDir = new Map();

function walk(dir, visit) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, visit);
    else if (name.endsWith('.ts')) visit(p, name);
  }
}

for (const root of ['src', 'test', 'examples', 'bench']) {
  walk(root, (p, name) => {
    const lines = readFileSync(p, 'utf8').split('\n').length;
    if (lines > LIMIT) problems.push(`${p}: ${lines} lines (limit ${LIMIT})`);
    if (!/^[a-z0-9_]+(\.test)?(\.d)?\.ts$/.test(name)) problems.push(`${p}: file names are snake_case`);
    if (root === 'src' && !name.endsWith('.test.ts')) {
      const dir = relative('src', p).split('/').slice(0, -1).slice(0, 2).join('/') || '.';
      byDir.set(dir, (byDir.get(dir) ?? 0) + lines);
    }
  });
}

let total = 0;
for (const [dir, n] of [...byDir].sort()) {
  total += n;
  console.log(`${String(n).padStart(6)}  src/${dir}`);
}
console.log(`${String(total).padStart(6)}  src total`);
if (problems.length) {
  console.error(`\nsz: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
