/** The measuring loops: statistics against hand-computed values, per-unit firing, the sliding window. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor, zeros } from '../index.js';
import { ActivationProbe, DeadUnitWindow, paramSums, snapshot, sumSquares } from './probe.js';

test('sumSquares, snapshot and paramSums read views and copies alike', () => {
  const x = tensor([[1, 2], [3, 4]]);
  assert.equal(sumSquares(x), 30);
  assert.equal(sumSquares(x.transpose(0, 1)), 30);
  const before = snapshot(x, undefined);
  assert.deepEqual([...before], [1, 2, 3, 4]);
  assert.equal(snapshot(x, before), before, 'a buffer of the right size is reused');
  assert.deepEqual(paramSums(tensor([[1, 2], [3, 6]]), before, null), { weight: 50, change: 4, before: 30, grad: null });
  assert.deepEqual(paramSums(tensor([[1, 3], [2, 4]]).transpose(0, 1), before, tensor([[1, 1], [1, 2]])), { weight: 30, change: 0, before: 30, grad: 7 });
});

test('ActivationProbe: mean, std, saturation; several calls in a step add up', () => {
  const p = new ActivationProbe('sigmoid');
  p.add(tensor([[0.005, 0.5], [0.995, 0.5]]));
  p.add(tensor([[0.5, 0.5]]));
  assert.equal(p.samples, 3);
  assert.ok(Math.abs(p.mean! - 3.0 / 6) < 1e-6);
  assert.ok(Math.abs(p.saturatedFraction! - 2 / 6) < 1e-12);
  const t = new ActivationProbe('tanh');
  t.add(tensor([-0.999, 0, 0.5, 1]));
  assert.equal(t.saturatedFraction, 0.5);
  const o = new ActivationProbe('other');
  o.add(tensor([1, 3]));
  assert.equal(o.mean, 2);
  assert.equal(o.std, 1);
  assert.equal(o.saturatedFraction, null);
  o.reset();
  assert.equal(o.mean, null);
});

test('ActivationProbe: a unit is a feature of (N, F) and a channel of (N, C, H, W)', () => {
  const p = new ActivationProbe('relu');
  p.add(tensor([[0, 1, 0], [0, 0, -2]]));
  assert.deepEqual([...p.fired!], [0, 1, 0]);
  const c = new ActivationProbe('relu');
  const y = zeros([2, 3, 2, 2]).toFlatArray();
  y[1 * 12 + 2 * 4 + 3] = 0.5; // sample 1, channel 2, last pixel
  c.add(tensor(y).reshape([2, 3, 2, 2]));
  assert.deepEqual([...c.fired!], [0, 0, 1]);
  // a non-contiguous (permuted) output is read in its logical order
  const v = new ActivationProbe('relu');
  v.add(tensor([[1, 0], [0, 0], [1, 0]]).transpose(0, 1)); // (2, 3): unit 0 fired, units 1 and 2 not
  assert.deepEqual([...v.fired!], [1, 0, 1]);
});

test('ActivationProbe: NaN or Inf makes the statistics null', () => {
  const p = new ActivationProbe('relu');
  p.add(tensor([[1, NaN]]));
  assert.ok(p.isNonFinite);
  assert.equal(p.mean, null);
  const q = new ActivationProbe('other');
  q.add(tensor([Infinity, 1]));
  assert.ok(q.isNonFinite);
});

test('DeadUnitWindow: dead = silent over the last `window` samples, or never fired', () => {
  const w = new DeadUnitWindow(100);
  assert.equal(w.deadFraction(), null);
  w.update(Uint8Array.from([1, 0, 0, 0]), 50);
  assert.equal(w.deadFraction(), 0.75);
  w.update(Uint8Array.from([0, 1, 0, 0]), 50);
  assert.equal(w.deadFraction(), 0.5, 'unit 0 fired 50 samples ago: alive');
  w.update(Uint8Array.from([0, 0, 0, 0]), 50);
  assert.equal(w.deadFraction(), 0.75, 'unit 0 last fired 100 samples ago: dead');
  const copy = new DeadUnitWindow(100);
  copy.load(JSON.parse(JSON.stringify(w.state())));
  assert.equal(copy.deadFraction(), 0.75);
  assert.equal(copy.seen, 150);
});
