import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dropout, Linear, Sequential, Tanh, assign_, manualSeed, randn, tensor, type Tensor } from '../index.js';
import { gradientXInput, saliency } from './index.js';

function assertClose(actual: number[], expected: number[], tol = 1e-5, what = ''): void {
  assert.equal(actual.length, expected.length, `${what} length`);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) <= tol * Math.max(1, Math.abs(expected[i]!)), `${what}[${i}]: ${a} vs ${expected[i]}`));
}

/** A 3-class linear model with known weights: f(x) = x·Wᵀ + b. */
function linearModel(): { model: Linear; w: number[][] } {
  const w = [[1, -2, 3, 0.5], [0, 1, -1, 2], [-3, 0.25, 0, 1]];
  const model = new Linear(4, 3);
  assign_(model.weight, tensor(w));
  assign_(model.bias!, tensor([0.1, -0.2, 0.3]));
  return { model, w };
}

test('saliency of a linear model is the target row of W; the default target is the argmax', () => {
  const { model, w } = linearModel();
  const x = tensor([[1, 0, 0, 0], [0, 0, 0, 1], [0, 2, -1, 0]]); // argmax: class 0, 1, 1
  const logits = model.call(x).toArray() as number[][];
  const argmax = logits.map((r) => r.indexOf(Math.max(...r)));
  const g = saliency(model, x).toArray() as number[][];
  g.forEach((row, i) => assertClose(row, w[argmax[i]!]!, 1e-6, `sample ${i}`));
  const g2 = saliency(model, x, { target: [2, 0, 1] }).toArray() as number[][];
  assertClose(g2.flat(), [...w[2]!, ...w[0]!, ...w[1]!], 1e-6);
  assertClose(saliency(model, x, { target: 1, batchSize: 1 }).toFlatArray(), [...w[1]!, ...w[1]!, ...w[1]!], 1e-6);
});

test('gradient × input of a linear model is w_i·x_i exactly', () => {
  const { model, w } = linearModel();
  manualSeed(3);
  const x = randn([5, 4]);
  const a = gradientXInput(model, x, { target: 2 }).toArray() as number[][];
  const xs = x.toArray() as number[][];
  a.forEach((row, i) => assertClose(row, w[2]!.map((wi, j) => wi * xs[i]![j]!), 1e-6, `sample ${i}`));
});

test('the model runs in eval mode (dropout off) and its mode is restored', () => {
  manualSeed(0);
  const net = new Sequential(new Linear(4, 16), new Tanh(), new Dropout(0.9), new Linear(16, 2));
  const x = randn([3, 4]);
  assert.equal(net.training, true);
  const a = saliency(net, x, { target: 0 }).toFlatArray();
  const b = saliency(net, x, { target: 0 }).toFlatArray();
  assert.deepEqual(a, b);
  assert.equal(net.training, true);
  assert.equal([...net.modules()].every((m) => m.training), true);
});

test('plain functions work, and bad targets and inputs are rejected', () => {
  const f = (x: Tensor): Tensor => x.mul(x).sum(1, true); // one output: d/dx = 2x
  assertClose(saliency(f, tensor([[1, -2], [3, 0.5]])).toFlatArray(), [2, -4, 6, 1]);
  const { model } = linearModel();
  assert.throws(() => saliency(model, tensor([[1, 2, 3, 4]]), { target: 3 }), /target 3 is out of range for 3 outputs/);
  assert.throws(() => saliency(model, tensor([[1, 2, 3, 4]]), { target: [0, 1] }), /2 targets for 1 samples/);
  assert.throws(() => saliency(model, tensor([[1, 2, 3, 4]], { dtype: 'int32' })), /float32 or float64/);
});
