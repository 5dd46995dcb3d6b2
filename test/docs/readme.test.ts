/**
 * The README's TypeScript blocks must run as written (imports of 'myelin' are served from src/).
 * Lines of the form `console.log(expr); // value` are checked against their comment when the
 * comment parses as JSON-like data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import * as myelin from '../../src/index.js';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

test('README has TypeScript examples', () => assert.ok(blocks.length >= 3));

const names = Object.keys(myelin).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
const values = names.map((k) => (myelin as Record<string, unknown>)[k]);

blocks.forEach((block, i) => {
  test(`README block ${i + 1} runs`, async () => {
    const logged: unknown[][] = [];
    const body = block.replace(/^import .* from 'myelin';$/gm, '');
    const js = transformSync(body, { loader: 'ts' }).code;
    // an async function body, so blocks may use top-level await as in an ES module
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...a: string[]) => (...v: unknown[]) => Promise<void>;
    const fn = new AsyncFunction('console', ...names, js);
    await fn({ log: (...a: unknown[]) => logged.push(a) }, ...values);
    assert.ok(logged.length > 0, 'the block printed nothing');
    // compare `console.log(...); // [ 6, 15 ]` comments that are plain data
    const expects = block.split('\n').filter((l) => l.includes('console.log(')).map((l) => /\/\/\s*(.*)$/.exec(l)?.[1]);
    if (expects.length !== logged.length) return; // a log inside a loop: nothing to line up
    expects.forEach((c, k) => {
      const data = c ? /^\[[\d\s,.\-[\]]*\]/.exec(c) : null;
      if (!data) {
        if (c === 'true' || c === 'false') assert.equal(logged[k]?.[0], c === 'true', `README block ${i + 1}, log ${k + 1}`);
        return;
      }
      const want = JSON.parse(data[0].replace(/\s/g, '')) as unknown;
      const got = logged[k]?.[0];
      assert.deepEqual(JSON.parse(JSON.stringify(got)), want, `README block ${i + 1}, log ${k + 1}`);
    });
  });
});
