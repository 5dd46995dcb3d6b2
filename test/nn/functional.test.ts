/**
 * nn.functional (src/nn/functional/): PyTorch parity of the norms with weights as inputs, float64
 * gradient checks (first order, and second order for the norms), dropout statistics and seeding,
 * BatchNorm running statistics over several steps, and Embedding's padding row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../src/index.js';
import { opCase } from '../harness/op_cases.js';
import { assertClose } from '../harness/fixtures.js';

const { functional: F, randn, tensor, ones } = m;
type T = m.Tensor;
const nn = (...cases: string[]) => ({ family: 'nn', cases, tol: { rtol: 1e-4, atol: 1e-5 } });

opCase({
  name: 'functional.batchNorm(training)', fn: (x, w, b) => F.batchNorm(x!, null, null, { weight: w!, bias: b!, training: true }),
  torch: nn('functional/batch_norm_train'), grad: () => [[randn([3, 2, 4]), randn([2]), randn([2])], [randn([4, 3]), randn([3]), randn([3])]],
});
opCase({
  name: 'functional.batchNorm(eval, running stats)',
  fn: (x, rm, rv, w) => F.batchNorm(x!, rm!, rv!, { weight: w!, training: false, eps: 1e-3 }),
  grad: () => [[randn([3, 2, 2]), randn([2]), m.rand([2]).add(0.5), randn([2])]],
});
opCase({
  name: 'functional.layerNorm', fn: (x, w, b) => F.layerNorm(x!, [4], w, b), torch: nn('functional/layer_norm'),
  grad: () => [[randn([3, 4]), randn([4]), randn([4])], [randn([2, 2, 4]), randn([4]), randn([4])]],
});
opCase({ name: 'functional.layerNorm(2 dims, no affine)', fn: (x) => F.layerNorm(x!, [2, 3]), grad: () => [[randn([2, 2, 3])]] });
opCase({
  name: 'functional.groupNorm', fn: (x, w, b) => F.groupNorm(x!, 2, w, b), torch: nn('functional/group_norm'),
  grad: () => [[randn([2, 4, 3]), randn([4]), randn([4])], [randn([1, 6, 2, 2]), randn([6]), randn([6])]],
});
opCase({ name: 'functional.linear', fn: (x, w, b) => F.linear(x!, w!, b), grad: () => [[randn([2, 3, 4]), randn([5, 4]), randn([5])]] });
opCase({ name: 'functional.bilinear', fn: (a, b, w, c) => F.bilinear(a!, b!, w!, c), grad: () => [[randn([3, 2]), randn([3, 4]), randn([5, 2, 4]), randn([5])]] });
opCase({ name: 'functional.prelu', fn: (x, w) => F.prelu(x!, w!), grad: () => [[randn([2, 3, 4]), randn([3])], [randn([5]), randn([1])]] });
opCase({
  name: 'functional.embedding(weight grad)', fn: (w) => F.embedding(tensor([[1, 0, 1]], { dtype: 'int32' }), w!),
  grad: () => [[randn([3, 2])]], strided: false,
});
// second derivatives of the norms: the gradient of a weighted sum, differentiated again
for (const [name, f] of [
  ['batchNorm', (x: T) => F.batchNorm(x, null, null, { training: true })],
  ['layerNorm', (x: T) => F.layerNorm(x, [3])],
  ['groupNorm', (x: T) => F.groupNorm(x, 2)],
] as const) {
  opCase({ name: `functional.${name} second derivative`, fn: (x, c) => m.grad((xi: T) => m.sum(m.mul(f(xi), c!)))(x!), grad: () => [[randn([2, 4, 3]), randn([2, 4, 3])]] });
}

test('batchNorm training: running statistics follow PyTorch\'s update over several steps', () => {
  const bn = new m.BatchNorm1d(2, { momentum: 0.2 });
  let mean = [0, 0];
  let variance = [1, 1];
  for (let step = 0; step < 3; step++) {
    const x = randn([5, 2], { dtype: 'float32' }).mul(step + 1).add(step);
    bn.call(x);
    const bm = m.mean(x, 0).toFlatArray();
    const bv = m.variance(x, 0, true).toFlatArray(); // unbiased
    mean = mean.map((v, i) => 0.8 * v + 0.2 * bm[i]!);
    variance = variance.map((v, i) => 0.8 * v + 0.2 * bv[i]!);
  }
  assertClose(bn.running_mean!, tensor(mean), { rtol: 1e-5 });
  assertClose(bn.running_var!, tensor(variance), { rtol: 1e-5 });
  assert.equal(bn.num_batches_tracked!.item(), 3);
  const cumulative = new m.BatchNorm1d(1, { momentum: null });
  const xs = [tensor([[1], [3]]), tensor([[5], [9]]), tensor([[0], [2]])];
  for (const x of xs) cumulative.call(x);
  assertClose(cumulative.running_mean!, tensor([(2 + 7 + 1) / 3])); // a plain average of the batch means
  cumulative.resetRunningStats();
  assert.deepEqual([cumulative.running_mean!.item(), cumulative.running_var!.item(), cumulative.num_batches_tracked!.item()], [0, 1, 0]);
});

test('batchNorm needs more than one value per channel in training; eval needs running statistics', () => {
  assert.throws(() => new m.BatchNorm1d(3).call(randn([1, 3])), /expected more than 1 value per channel when training, got input \[1,3\]/);
  assert.deepEqual(new m.BatchNorm1d(3).eval().call(randn([1, 3])).shape, [1, 3]);
  assert.throws(() => F.batchNorm(randn([2, 3]), null, null), /running statistics are needed outside training/);
  assert.throws(() => F.batchNorm(randn([2, 3]), m.zeros([2]), null, { training: true }), /runningMean must be \[3\]/);
});

test('dropout: drops about p of the elements, scales the rest by 1/(1 − p), is seeded, and is the identity when off', () => {
  const x = ones([100, 100]);
  m.manualSeed(1);
  const y = F.dropout(x, 0.3);
  const vals = y.toFlatArray();
  const dropped = vals.filter((v) => v === 0).length / vals.length;
  assert.ok(Math.abs(dropped - 0.3) < 0.02, `dropped ${dropped}`);
  assert.ok(vals.every((v) => v === 0 || Math.abs(v - 1 / 0.7) < 1e-6));
  m.manualSeed(1);
  assert.deepEqual(F.dropout(x, 0.3).toFlatArray(), vals);
  assert.deepEqual(F.dropout(x, 0.3, { generator: new m.Generator(9) }).toFlatArray(), F.dropout(x, 0.3, { generator: new m.Generator(9) }).toFlatArray());
  assert.equal(F.dropout(x, 0.3, { training: false }), x);
  assert.equal(F.dropout(x, 0), x);
  assert.equal(F.dropout(x, 1).abs().sum().item(), 0);
  assert.throws(() => F.dropout(x, 1.5), /dropout probability has to be between 0 and 1, but got 1.5/);
});

test('dropout: the gradient flows through the kept elements only, scaled', () => {
  const x = randn([50]).requiresGrad_();
  const y = F.dropout(x, 0.5);
  m.sum(y).backward();
  const g = x.grad!.toFlatArray();
  y.toFlatArray().forEach((v, i) => assert.equal(g[i], v === 0 ? 0 : 2));
});

test('dropout2d zeroes whole channels; the modules follow train/eval and take a generator', () => {
  m.manualSeed(4);
  const y = F.dropout2d(ones([8, 16, 3, 3]), 0.5);
  const perChannel = m.amax(y.reshape(8, 16, 9), 2).toFlatArray();
  const sums = m.sum(y.reshape(8, 16, 9), 2).toFlatArray();
  sums.forEach((s, i) => assert.ok(s === 0 || (s === 18 && perChannel[i] === 2)));
  assert.ok(sums.some((s) => s === 0) && sums.some((s) => s === 18));
  assert.deepEqual(F.dropout2d(ones([2, 3, 3]), 0.5, { generator: new m.Generator(1) }).shape, [2, 3, 3]);
  const d = new m.Dropout(0.5, { generator: new m.Generator(3) });
  const x = ones([4, 4]);
  assert.notDeepEqual(d.call(x).toFlatArray(), x.toFlatArray());
  assert.equal(d.eval().call(x), x);
  assert.equal(new m.Dropout2d(0.2).eval().call(ones([1, 2, 2, 2])).sum().item(), 8);
  assert.throws(() => new m.Dropout2d().call(ones([2, 2])), /^ShapeError: Dropout2d: expected input \[N, C, H, W\] or \[C, H, W\], got \[2, 2\]/);
});

test('Embedding: the padding row starts at zero and never gets a gradient, even when set to non-zero', () => {
  const emb = new m.Embedding(5, 3, { paddingIdx: -1 });
  assert.equal(emb.paddingIdx, 4);
  assert.deepEqual(emb.weight.toFlatArray().slice(12), [0, 0, 0]);
  m.assign_(emb.weight, ones([5, 3]));
  const ids = tensor([[4, 1], [1, 4]], { dtype: 'int32' });
  const y = emb.call(ids);
  assert.deepEqual(y.shape, [2, 2, 3]);
  assert.deepEqual(y.toFlatArray().slice(0, 3), [1, 1, 1]); // the forward still reads the row
  m.sum(y).backward();
  assert.deepEqual(emb.weight.grad!.toArray(), [[0, 0, 0], [2, 2, 2], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  assert.throws(() => emb.call(tensor([5], { dtype: 'int32' })), /IndexError: embedding: index 5 is out of range for 5 embeddings/);
  assert.throws(() => emb.call(tensor([1])), /^DTypeError: Embedding: expected int32 ids, got float32 \[1\]/);
  assert.throws(() => new m.Embedding(3, 2, { paddingIdx: 3 }), /paddingIdx must be within \[-3, 3\)/);
});
