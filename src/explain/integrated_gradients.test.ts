import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linear, ReLU, Sequential, Sigmoid, Tanh, assign_, manualSeed, randn, tensor, type Tensor } from '../index.js';
import { IG_TOLERANCE, completenessLine, integratedGradients } from './index.js';

function assertClose(actual: number[], expected: number[], tol = 1e-5): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) <= tol * Math.max(1, Math.abs(expected[i]!)), `[${i}]: ${a} vs ${expected[i]}`));
}

test('IG of a linear model is w_i·x_i for a zero baseline, (x_i − b_i)·w_i otherwise, for any step count', () => {
  const w = [[1, -2, 3, 0.5], [0, 1, -1, 2]];
  const model = new Linear(4, 2);
  assign_(model.weight, tensor(w));
  assign_(model.bias!, tensor([0.7, -0.3]));
  manualSeed(5);
  const x = randn([3, 4]);
  const xs = x.toArray() as number[][];
  for (const steps of [1, 7, 50]) {
    const r = integratedGradients(model, x, { target: 0, steps });
    assertClose(r.attributions.toFlatArray(), xs.flatMap((row) => row.map((v, j) => v * w[0]![j]!)), 1e-5);
    assert.ok(r.completeness.ok, completenessLine(r.completeness));
    assert.ok(r.completeness.relativeError < 1e-4);
    assert.deepEqual(r.targets, [0, 0, 0]);
  }
  const b = tensor([1, 1, -1, 0]);
  const r = integratedGradients(model, x, { target: 1, baseline: b });
  assertClose(r.attributions.toFlatArray(), xs.flatMap((row) => row.map((v, j) => (v - [1, 1, -1, 0][j]!) * w[1]![j]!)), 1e-5);
  // Σ attributions = f(x) − f(b) (the bias cancels)
  const fx = (model.call(x).toArray() as number[][]).map((row) => row[1]!);
  const fb = (model.call(b.reshape([1, 4])).toArray() as number[][])[0]![1]!;
  assertClose(r.completeness.expected, fx.map((v) => v - fb), 1e-5);
});

test(`IG completeness on a nonlinear MLP holds within the stated tolerance (${IG_TOLERANCE})`, () => {
  manualSeed(11);
  const net = new Sequential(new Linear(6, 32), new Tanh(), new Linear(32, 32), new ReLU(), new Linear(32, 16), new Sigmoid(), new Linear(16, 4));
  const x = randn([4, 6]).mul(2);
  const r = integratedGradients(net, x);
  assert.equal(r.completeness.tolerance, IG_TOLERANCE);
  assert.ok(r.completeness.ok, completenessLine(r.completeness));
  assert.ok(r.completeness.relativeError <= IG_TOLERANCE);
  r.delta.forEach((d, i) => assert.ok(Math.abs(d - (r.completeness.sum[i]! - r.completeness.expected[i]!)) < 1e-6));
  // expected = f(x) − f(0) for the argmax class
  const fx = net.call(x).toArray() as number[][];
  const f0 = net.call(x.mul(0)).toArray() as number[][];
  assertClose(r.completeness.expected, r.targets.map((t, i) => fx[i]![t]! - f0[i]![t]!), 1e-4);
  assert.deepEqual(r.targets, fx.map((row) => row.indexOf(Math.max(...row))));
  // more steps: a smaller error; batching does not change the result
  const fine = integratedGradients(net, x, { steps: 200 });
  assert.ok(fine.completeness.relativeError <= r.completeness.relativeError + 1e-6);
  assertClose(integratedGradients(net, x, { batchSize: 7 }).attributions.toFlatArray(), r.attributions.toFlatArray(), 1e-4);
});

test('a coarse path on a curved function fails the check, and says so', () => {
  const f = (x: Tensor): Tensor => x.exp().sum(1, true).mul(x.sum(1, true).sin().add(2));
  const r = integratedGradients(f, tensor([[2, 1.5]]), { steps: 1 });
  assert.equal(r.completeness.ok, false);
  assert.match(completenessLine(r.completeness), /NOT within tolerance: use more steps/);
  assert.ok(integratedGradients(f, tensor([[2, 1.5]]), { steps: 100 }).completeness.ok);
  assert.throws(() => integratedGradients(f, tensor([[1, 2]]), { baseline: tensor([1, 2, 3]) }), /baseline \[3\] does not broadcast/);
});
