/**
 * cli/bin/myelin.js in a checkout: when a source file (src/ or cli/, not a test) is newer than the
 * built CLI, one stderr line says the build is stale and the CLI still runs; otherwise nothing.
 * Runs a copy of the launcher in a temporary tree whose dist/cli/main.js is a stub.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../harness/cli.js';

test('the launcher notes a stale build in one line and runs anyway', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myelin-stale-'));
  try {
    for (const d of ['cli/bin', 'dist/cli', 'src/nn']) mkdirSync(join(dir, d), { recursive: true });
    copyFileSync(join(ROOT, 'cli/bin/myelin.js'), join(dir, 'cli/bin/myelin.js'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const main = join(dir, 'dist/cli/main.js');
    writeFileSync(main, 'export async function main(args) { console.log("ran " + args.join(" ")); }\n');
    const [source, spec] = [join(dir, 'src/nn/layer.ts'), join(dir, 'src/nn/layer.test.ts')];
    writeFileSync(source, '');
    writeFileSync(spec, '');
    const at = (path: string, seconds: number): void => utimesSync(path, seconds, seconds);
    const run = (): { out: string; err: string } => {
      const r = spawnSync(process.execPath, [join(dir, 'cli/bin/myelin.js'), 'x'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return { out: r.stdout.trim(), err: r.stderr.trim() };
    };
    at(source, 1000);
    at(spec, 3000);
    at(main, 2000);
    assert.deepEqual(run(), { out: 'ran x', err: '' }, 'built after the sources (a newer test file does not count)');
    at(source, 3000);
    const stale = run();
    assert.equal(stale.out, 'ran x');
    assert.match(stale.err, /^myelin: note: src\/ or cli\/ changed after the last build; run `npm run build`/);
    assert.equal(stale.err.split('\n').length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
