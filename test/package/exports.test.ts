/**
 * The package works by name: a plain ES-module script inside the repo imports 'myelin' (the
 * built dist/ through package.json "exports", with typings) and trains one step. npm test builds
 * dist/ first, and `npm ci` builds it through the prepare script.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('dist has the entry point and its typings', () => {
  assert.ok(existsSync(join(ROOT, 'dist/index.js')), 'dist/index.js missing: run npm run build');
  assert.ok(existsSync(join(ROOT, 'dist/index.d.ts')), 'dist/index.d.ts missing');
});

test("a script inside the repo can `import ... from 'myelin'`", () => {
  const dir = mkdtempSync(join(ROOT, 'tmp-exports-'));
  try {
    const script = join(dir, 'use.mjs');
    writeFileSync(script, [
      "import { tensor, ShapeError } from 'myelin';",
      'const w = tensor([1, 2], { requiresGrad: true });',
      'w.mul(w).sum().backward();',
      'let shapeErr = false;',
      'try { tensor([1, 2]).add(tensor([1, 2, 3])); } catch (e) { shapeErr = e instanceof ShapeError; }',
      'console.log(JSON.stringify({ grad: w.grad.toArray(), shapeErr }));',
    ].join('\n'));
    const out = execFileSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), { grad: [2, 4], shapeErr: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
