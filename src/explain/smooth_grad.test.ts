import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Generator, Linear, ReLU, Sequential, Tanh, assign_, manualSeed, randn, tensor } from '../index.js';
import { saliency, smoothGrad } from './index.js';

function assertClose(actual: number[], expected: number[], tol = 1e-5): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) <= tol * Math.max(1, Math.abs(expected[i]!)), `[${i}]: ${a} vs ${expected[i]}`));
}

test('SmoothGrad of a linear model equals its gradient', () => {
  const model = new Linear(4, 3);
  assign_(model.weight, tensor([[1, -2, 3, 0.5], [0, 1, -1, 2], [-3, 0.25, 0, 1]]));
  manualSeed(1);
  const x = randn([3, 4]);
  for (const target of [0, 2]) {
    const sg = smoothGrad(model, x, { target, samples: 10, noiseLevel: 0.3 }).toFlatArray();
    assertClose(sg, saliency(model, x, { target }).toFlatArray(), 1e-5);
  }
});

test('SmoothGrad is seeded, batched transparently, and reduces to saliency without noise', () => {
  manualSeed(2);
  const net = new Sequential(new Linear(3, 12), new Tanh(), new Linear(12, 12), new ReLU(), new Linear(12, 2));
  const x = randn([2, 3]);
  const a = smoothGrad(net, x, { samples: 8, seed: 7 }).toFlatArray();
  assertClose(smoothGrad(net, x, { samples: 8, seed: 7, batchSize: 3 }).toFlatArray(), a, 1e-5);
  assertClose(smoothGrad(net, x, { samples: 8, generator: new Generator(7) }).toFlatArray(), a, 1e-5);
  const other = smoothGrad(net, x, { samples: 8, seed: 8 }).toFlatArray();
  assert.ok(other.some((v, i) => Math.abs(v - a[i]!) > 1e-6), 'another seed gives other noise');
  assertClose(smoothGrad(net, x, { samples: 3, noiseLevel: 0 }).toFlatArray(), saliency(net, x).toFlatArray(), 1e-5);
  const sq = smoothGrad(net, x, { samples: 8, squared: true }).toFlatArray();
  assert.ok(sq.every((v) => v >= 0));
  assert.throws(() => smoothGrad(net, x, { samples: 0 }), /samples must be an integer ≥ 1/);
  assert.throws(() => smoothGrad(net, x, { noiseLevel: -1 }), /noiseLevel/);
});

test('SmoothGrad keeps the input shape for image batches', () => {
  manualSeed(4);
  const f = (x: ReturnType<typeof randn>): ReturnType<typeof randn> => x.mul(x).sum([1, 2, 3]).reshape([-1, 1]);
  const x = randn([2, 1, 3, 3]);
  const sg = smoothGrad(f, x, { samples: 50, noiseLevel: 0.1, seed: 1 });
  assert.deepEqual(sg.shape, [2, 1, 3, 3]);
  // E[2(x + ε)] = 2x: the mean of 50 samples is near it
  assertClose(sg.toFlatArray(), x.mul(2).toFlatArray(), 0.5);
});
