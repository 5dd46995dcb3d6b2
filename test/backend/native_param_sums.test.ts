/**
 * The native one-pass parameter sums (src/backend/native/sums.ts) against the diagnostics'
 * JS loops (src/diagnostics/probe.ts on the js backend, the reference): odd lengths (the
 * vector loop's tail), NaN/±Inf propagation, null arrays, views, and bad arguments, which throw.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Tensor, tensor } from '../../src/index.js';
import { tryAddon } from '../../src/backend/native/addon.js';
import { nativeParamSums } from '../../src/backend/native/sums.js';
import { paramSums, sumSquares } from '../../src/diagnostics/probe.js';
import { onBackend, rng, skip } from './native_helpers.js';


/** Equal up to summation order: same NaN-ness, same infinities, else within 1e-12 relative. */
function close(a: number | null, b: number | null, what: string): void {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return assert.equal(a, b, what);
  assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

function f32(n: number, seed: number, special: Record<number, number> = {}): Float32Array {
  const r = rng(seed);
  const a = Float32Array.from({ length: n }, () => (r() - 0.5) * 4);
  for (const [i, v] of Object.entries(special)) a[Number(i)] = v;
  return a;
}

const t = (a: Float32Array): Tensor => tensor(a);

test('native paramSums and sumSquares match the JS loops', { skip }, () => {
  const cases: [string, number, Record<number, number>, Record<number, number>, Record<number, number>][] = [
    ['empty', 0, {}, {}, {}],
    ['one', 1, {}, {}, {}],
    ['odd', 1003, {}, {}, {}],
    ['exact lanes', 64, {}, {}, {}],
    ['NaN weight', 37, { 5: NaN }, {}, {}],
    ['Inf before', 41, {}, { 40: Infinity }, {}],
    ['Inf − Inf', 19, { 18: Infinity }, { 18: Infinity }, {}],
    ['NaN grad in the tail', 23, {}, {}, { 22: NaN }],
    ['-Inf grad', 9, {}, {}, { 0: -Infinity }],
  ];
  for (const [name, n, ws, bs, gs] of cases) {
    const [w, b, g] = [f32(n, 1, ws), f32(n, 2, bs), f32(n, 3, gs)];
    for (const grad of [t(g), null]) {
      const ref = onBackend('js', () => paramSums(t(w), b, grad));
      const got = onBackend('native', () => paramSums(t(w), b, grad));
      for (const k of ['weight', 'change', 'before', 'grad'] as const) close(got[k], ref[k], `${name} ${k}${grad ? '' : ' (no grad)'}`);
    }
    close(onBackend('native', () => sumSquares(t(g))), onBackend('js', () => sumSquares(t(g))), `${name} sumSquares`);
  }
  // views: an offset subarray (native, in place) and a transposed one (the JS loop)
  const big = f32(30, 4);
  const sub = tensor(big).narrow(0, 3, 20);
  close(onBackend('native', () => sumSquares(sub)), onBackend('js', () => sumSquares(sub)), 'narrowed');
  const tr = tensor(big).reshape([5, 6]).transpose(0, 1);
  const before = f32(30, 5);
  const [a, r] = [onBackend('native', () => paramSums(tr, before, tr)), onBackend('js', () => paramSums(tr, before, tr))];
  for (const k of ['weight', 'change', 'before', 'grad'] as const) close(a[k], r[k], `transposed ${k}`);
  // a gradient of another size: its own sum
  const other = onBackend('native', () => paramSums(t(big), before, t(f32(7, 6))));
  close(other.grad, onBackend('js', () => sumSquares(t(f32(7, 6)))), 'mismatched grad');
});

test('nativeParamSums declines what it cannot read; the addon throws on bad arguments', { skip }, () => {
  onBackend('native', () => {
    assert.equal(nativeParamSums(new Float64Array(3), null, null), undefined);
    assert.equal(nativeParamSums(new Float32Array(3), new Float32Array(2), null), undefined);
    assert.equal(nativeParamSums(new Float32Array(3), null, new Float64Array(3)), undefined);
  });
  assert.equal(onBackend('js', () => nativeParamSums(new Float32Array(3), null, null)), undefined);
  const addon = tryAddon()!;
  const out = new Float64Array(4);
  const f = addon.paramSums!.bind(addon) as (...args: unknown[]) => void;
  for (const args of [
    [], [new Float32Array(2), null, null], [new Float32Array(2), new Float32Array(3), null, out],
    [new Float32Array(2), null, new Int32Array(2), out], [new Float32Array(2), null, null, new Float64Array(3)],
    [new Float32Array(2), null, null, new Float32Array(4)], [null, null, null, out], [new Float32Array(2), 1, null, out],
  ]) {
    assert.throws(() => f(...args), /paramSums/);
  }
});
