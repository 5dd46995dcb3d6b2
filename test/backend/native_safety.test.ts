/**
 * Bad calls never reach native memory: the TypeScript side rejects invalid views with an
 * ArgumentError, and the addon itself rejects (with a thrown Error, never a crash) any meta that
 * would address memory outside an array, even when called directly. Also: the generated
 * elementwise kernels are current with the primitives' formulas.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArgumentError, type View } from '../../src/index.js';
import { tryAddon } from '../../src/backend/native/addon.js';
import { native, skip } from './native_helpers.js';

const f32 = (n: number): Float32Array => new Float32Array(n);
const view = (data: View['data'], shape: number[], strides: number[], offset = 0): View => ({ data, shape, strides, offset });

test('invalid views are rejected before native code runs', { skip }, () => {
  const out = view(f32(4), [4], [1]);
  const bad: [string, View][] = [
    ['past the end', view(f32(4), [5], [1])],
    ['offset past the end', view(f32(4), [4], [1], 1)],
    ['negative reach', view(f32(4), [4], [-1], 2)],
    ['fractional shape', view(f32(4), [2.5], [1])],
    ['NaN stride', view(f32(4), [4], [NaN])],
    ['strides length', view(f32(4), [4], [])],
    ['negative offset', view(f32(4), [2], [1], -1)],
    ['huge stride', view(f32(4), [2, 2], [2 ** 60, 1])],
  ];
  for (const [what, x] of bad) {
    assert.throws(() => native!.kernels.exp(x, out), ArgumentError, what);
    assert.throws(() => native!.kernels.sum(x, [0], view(f32(1), [1], [1])), ArgumentError, what);
  }
  assert.throws(() => native!.kernels.add(view(f32(4), [4], [1]), view(f32(2), [4], [1]), out), ArgumentError);
  // a view whose every element is in range is fine, even with odd strides
  native!.kernels.exp(view(f32(8), [4], [-2], 7), out);
});

test('the addon rejects bad meta on its own, without crashing', { skip }, () => {
  const addon = tryAddon()!;
  const x = f32(4);
  const o = f32(4);
  // writes the views' description into the addon's meta array (NaN after it: a truncated meta)
  const meta = (...v: number[]): void => {
    addon.meta.fill(NaN);
    addon.meta.set(v);
  };
  const ok = [2, 1, 4, 0, 1, 1, 4, 0, 1];
  meta(...ok);
  addon.unary(3, x, o); // exp: fine
  const cases: [string, () => void][] = [
    ['out of bounds', () => (meta(2, 1, 5, 0, 1, 1, 4, 0, 1), addon.unary(3, x, o))],
    ['negative reach', () => (meta(2, 1, 4, 0, -1, 1, 4, 0, 1), addon.unary(3, x, o))],
    ['too many dims', () => (meta(2, 17), addon.unary(3, x, o))],
    ['wrong view count', () => (meta(3, 1, 4, 0, 1, 1, 4, 0, 1), addon.unary(3, x, o))],
    ['truncated meta', () => (meta(2, 1, 4, 0), addon.unary(3, x, o))],
    ['fractional', () => (meta(2, 1, 4, 0.5, 1, 1, 4, 0, 1), addon.unary(3, x, o))],
    ['overflowing stride', () => (meta(2, 2, 3, 3, 0, 2 ** 52, 2 ** 52, 2, 3, 3, 0, 3, 1), addon.unary(3, f32(9), f32(9)))],
    ['unknown op', () => (meta(...ok), addon.unary(99, x, o))],
    ['unsupported dtypes', () => (meta(...ok), addon.unary(3, new Int32Array(4), new Int32Array(4)))],
    ['mixed dtypes', () => (meta(3, 1, 4, 0, 1, 1, 4, 0, 1, 1, 4, 0, 1), addon.binary(0, x, new Float64Array(4), o))],
    ['not a typed array', () => (meta(...ok), addon.unary(3, [1, 2, 3, 4] as unknown as Float32Array, o))],
    ['a DataView', () => (meta(...ok), addon.unary(3, new DataView(x.buffer) as unknown as Float32Array, o))],
    ['missing array', () => (meta(...ok), (addon.unary as (op: number, x: Float32Array) => void)(3, x))],
    ['gather index out of range', () => (meta(3, 1, 4, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 0), addon.gather(x, Int32Array.of(1, 9), f32(2)))],
    ['scatter index out of range', () => (meta(4, 1, 4, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 4, 0, 1, 0, 0), addon.scatter(x, Int32Array.of(-1), f32(1), f32(4)))],
    ['im2col bad window', () => (meta(2, 4, 1, 1, 2, 2, 0, 4, 4, 2, 1, 3, 1, 1, 4, 0, 4, 4, 1, 0, 0, 0, 0, 0, 1, 1, 0), addon.im2col(x, o))],
    ['col2im shape mismatch', () => (meta(2, 3, 1, 3, 1, 0, 3, 1, 1, 4, 1, 1, 2, 2, 0, 4, 4, 2, 1, 2, 2, 1, 1, 0, 0, 1, 1), addon.col2im(x, o))],
    ['reduce bad flags', () => (meta(2, 1, 4, 0, 1, 1, 1, 0, 1, 7), addon.reduce(0, x, f32(1)))],
    ['argmax bad dim', () => (meta(2, 1, 4, 0, 1, 1, 1, 0, 1, 3), addon.argmax(x, new Int32Array(1)))],
  ];
  for (const [what, call] of cases) assert.throws(call, /\[myelin native\]/, what);
  assert.throws(() => addon.setNumThreads(0), /setNumThreads/);
});

test('native/src/generated/elementwise.inc is current with the primitives (npm run codegen)', async () => {
  const { generate } = (await import('../../tools/codegen/elementwise.mjs')) as { generate: () => Promise<string> };
  const committed = readFileSync(fileURLToPath(new URL('../../native/src/generated/elementwise.inc', import.meta.url)), 'utf8');
  assert.equal(committed, await generate(), 'stale: run npm run codegen and commit native/src/generated/elementwise.inc');
});
