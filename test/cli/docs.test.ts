/**
 * The guides' TypeScript blocks (docs/concepts.md and the PyTorch and Keras cheat sheets) run as
 * written, with Myelin's exports in scope (the `import … from 'myelin'` lines are dropped; node:
 * imports become dynamic imports).
 * Blocks may `await` (fit is async). Lines `console.log(x); // true` must print true.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import * as myelin from '../../src/index.js';

const DOCS = ['docs/concepts.md', 'docs/pytorch_cheatsheet.md', 'docs/keras_cheatsheet.md'];
const names = Object.keys(myelin).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
const values = names.map((k) => (myelin as Record<string, unknown>)[k]);
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;

for (const doc of DOCS) {
  const text = readFileSync(fileURLToPath(new URL(`../../${doc}`, import.meta.url)), 'utf8');
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  test(`${doc} has TypeScript examples`, () => assert.ok(blocks.length >= 2));
  blocks.forEach((block, i) => {
    test(`${doc} block ${i + 1} runs`, async () => {
      const logged: unknown[][] = [];
      const body = block
        .replace(/^import [^;]* from 'myelin';$/gm, '')
        .replace(/^import \{([^}]*)\} from '(node:[a-z/]+)';$/gm, "const {$1} = await import('$2');");
      const js = transformSync(`${body}\n;export {}`, { loader: 'ts', format: 'esm' }).code.replace(/^export \{\s*\};?$/m, '');
      const fn = new AsyncFunction('console', ...names, js);
      await fn({ log: (...a: unknown[]) => logged.push(a) }, ...values);
      assert.ok(logged.length > 0, 'the block printed nothing');
      const expects = block.split('\n').filter((l) => l.includes('console.log(')).map((l) => /\/\/\s*(true)\b/.exec(l)?.[1]);
      if (expects.length !== logged.length) return;
      expects.forEach((want, k) => {
        if (want === 'true') assert.equal(logged[k]!.at(-1), true, `${doc} block ${i + 1}, log ${k + 1}`);
      });
    });
  });
}
