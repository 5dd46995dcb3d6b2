/**
 * Op cases for the 'reduce' composite family (test/fixtures/torch/reduce.json): PyTorch parity and
 * float64 gradient checks, plus the error paths and a few properties fixtures cannot show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../src/index.js';
import { opCase } from '../harness/op_cases.js';
import { assertClose } from '../harness/fixtures.js';

const { randn, rand, tensor } = m;
const tol = { rtol: 1e-4 };
const reduce = (...cases: string[]) => ({ family: 'reduce', cases, tol });
/** Values in ±[0.5, 1.5): away from 0, where |x|^p and finite differences misbehave. */
const awayFromZero = (shape: number[]) => m.mul(m.add(rand(shape, { dtype: 'float64' }), 0.5), m.sign(randn(shape)));

opCase({ name: 'mean()', fn: (x) => m.mean(x!), torch: reduce('mean/all'), grad: () => [[randn([3, 4])], [randn([])]] });
opCase({ name: 'mean(dim)', fn: (x) => m.mean(x!, 1), torch: reduce('mean/dim', 'mean/empty', 'mean/nan_inf'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'mean(0)', fn: (x) => m.mean(x!, 0), torch: reduce('mean/large') });
opCase({ name: 'mean(-1,0,keep)', fn: (x) => m.mean(x!, [-1, 0], true), torch: reduce('mean/dims_neg_keep'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'mean([])', fn: (x) => m.mean(x!, []), torch: reduce('mean/dim_list_empty') });
opCase({ name: 'var()', fn: (x) => m.variance(x!), torch: reduce('var/all'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'var(dim,biased)', fn: (x) => m.variance(x!, 1, false), torch: reduce('var/dim_biased'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'var(dims,keep)', fn: (x) => m.variance(x!, [0, -1], true, true), torch: reduce('var/dims_neg_keep'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'var(dim)', fn: (x) => m.variance(x!, 1), torch: reduce('var/single', 'var/empty') });
// NOTE: around 1000 a float32 ulp is 6e-5, so x − mean (and the gradient) carries that absolute error in any float32 implementation
opCase({ name: 'var(0)', fn: (x) => m.variance(x!, 0), torch: { ...reduce('var/offset'), gradTol: { rtol: 1e-4, atol: 1e-4 } }, grad: () => [[m.add(randn([6, 2]), 1000)]] });
opCase({ name: 'std()', fn: (x) => m.std(x!), torch: reduce('std/all'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'std(-1,biased,keep)', fn: (x) => m.std(x!, -1, false, true), torch: reduce('std/dim_biased_keep'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'std(dim)', fn: (x) => m.std(x!, 1), torch: reduce('std/constant', 'std/single') });
opCase({ name: 'max()', fn: (x) => m.max(x!), torch: reduce('max/all', 'max/all_ties', 'max/all_nan'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'max(dim).values', fn: (x) => m.max(x!, 1).values, torch: reduce('max/dim_values'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'max(dim).indices', fn: (x) => m.max(x!, 1).indices, torch: reduce('max/dim_indices') });
opCase({ name: 'max(-2,keep).values', fn: (x) => m.max(x!, -2, true).values, torch: reduce('max/neg_dim_keep_values'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'max(-2,keep).indices', fn: (x) => m.max(x!, -2, true).indices, torch: reduce('max/neg_dim_keep_indices') });
opCase({ name: 'min()', fn: (x) => m.min(x!), torch: reduce('min/all', 'min/all_ties'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'min(dim).values', fn: (x) => m.min(x!, 0).values, torch: reduce('min/dim_values'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'min(dim).indices', fn: (x) => m.min(x!, 0).indices, torch: reduce('min/dim_indices') });
opCase({ name: 'amin(0,2)', fn: (x) => m.amin(x!, [0, 2]), torch: reduce('amin/dims'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'amin(-1,keep)', fn: (x) => m.amin(x!, -1, true), torch: reduce('amin/ties_keep'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'amin(dim)', fn: (x) => m.amin(x!, 1), torch: reduce('amin/nan') });
opCase({ name: 'argmin(dim)', fn: (x) => m.argmin(x!, 1), torch: reduce('argmin/dim') });
opCase({ name: 'argmin()', fn: (x) => m.argmin(x!), torch: reduce('argmin/all') });
opCase({ name: 'argmin(0,keep)', fn: (x) => m.argmin(x!, 0, true), torch: reduce('argmin/keep') });
opCase({ name: 'logsumexp(dim)', fn: (x) => m.logsumexp(x!, 1), torch: reduce('logsumexp/dim', 'logsumexp/large', 'logsumexp/inf', 'logsumexp/empty'), grad: () => [[randn([3, 4])], [m.mul(randn([2, 3]), 500)]] });
opCase({ name: 'logsumexp(dims,keep)', fn: (x) => m.logsumexp(x!, [0, -1], true), torch: reduce('logsumexp/dims_keep'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'norm()', fn: (x) => m.norm(x!), torch: reduce('norm/p2_all'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'norm(2,-1,keep)', fn: (x) => m.norm(x!, 2, -1, true), torch: reduce('norm/p2_neg_dim_keep'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: "norm('fro',dims)", fn: (x) => m.norm(x!, 'fro', [0, 2]), torch: reduce('norm/fro_dims'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'norm(2,dim)', fn: (x) => m.norm(x!, 2, 1), torch: reduce('norm/p2_zero', 'norm/large') });
opCase({ name: 'norm(1,dim)', fn: (x) => m.norm(x!, 1, 1), torch: reduce('norm/p1'), grad: () => [[awayFromZero([3, 4])]] });
opCase({ name: 'norm(inf,dim)', fn: (x) => m.norm(x!, Infinity, 1), torch: reduce('norm/pinf'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'norm(-inf,dim)', fn: (x) => m.norm(x!, -Infinity, 1), torch: reduce('norm/pneginf'), grad: () => [[awayFromZero([3, 4])]] });
opCase({ name: 'norm(3,0)', fn: (x) => m.norm(x!, 3, 0), torch: reduce('norm/p3'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'norm(0.5,dim)', fn: (x) => m.norm(x!, 0.5, 1), torch: reduce('norm/p05_zeros'), grad: () => [[awayFromZero([3, 4])]] });
opCase({ name: 'norm(0,dim)', fn: (x) => m.norm(x!, 0, 1), torch: reduce('norm/p0') });
opCase({ name: 'softmax(1)', fn: (x) => m.softmax(x!, 1), torch: reduce('softmax/dim1', 'softmax/large', 'softmax/inf', 'softmax/empty'), grad: () => [[randn([3, 4])], [m.mul(randn([2, 3]), 500)]] });
opCase({ name: 'softmax(-3)', fn: (x) => m.softmax(x!, -3), torch: reduce('softmax/neg_dim'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'logSoftmax(1)', fn: (x) => m.logSoftmax(x!, 1), torch: reduce('log_softmax/dim1', 'log_softmax/large', 'log_softmax/inf'), grad: () => [[randn([3, 4])], [m.mul(randn([2, 3]), 500)]] });
opCase({ name: 'logSoftmax(-2)', fn: (x) => m.logSoftmax(x!, -2), torch: reduce('log_softmax/neg_dim'), grad: () => [[randn([2, 3, 4])]] });
opCase({
  name: 'matmul',
  fn: (a, b) => m.matmul(a!, b!),
  torch: reduce(...['mm', 'dot', 'vec_mat', 'mat_vec', 'batch_mat', 'mat_batch', 'vec_batch', 'batch_vec', 'broadcast_batch', 'broadcast_both'].map((c) => `matmul/${c}`),
    'matmul/empty_k', 'matmul/empty_batch', 'matmul/nan_inf', 'matmul/large', 'matmul/float64'),
  grad: () => [
    [randn([3, 4]), randn([4, 5])], [randn([4]), randn([4])], [randn([4]), randn([4, 2])], [randn([3, 4]), randn([4])],
    [randn([2, 3, 4]), randn([4, 5])], [randn([3, 4]), randn([2, 4, 5])], [randn([4]), randn([2, 4, 3])], [randn([2, 3, 4]), randn([4])],
    [randn([2, 1, 3, 4]), randn([5, 4, 2])], [randn([3, 1, 2, 4]), randn([1, 2, 4, 3])],
  ],
});
opCase({ name: 'matmul(transposed batch)', fn: (a, b) => m.matmul(m.transpose(a!, 0, 1), b!), grad: () => [[randn([3, 2, 4]), randn([4, 5])], [randn([3, 2, 4]), randn([2, 4, 5])]] });
opCase({ name: 'mm', fn: (a, b) => m.mm(a!, b!), torch: reduce('mm/basic'), grad: () => [[randn([2, 3]), randn([3, 4])]] });
opCase({ name: 'mv', fn: (a, v) => m.mv(a!, v!), torch: reduce('mv/basic'), grad: () => [[randn([3, 4]), randn([4])]] });
opCase({ name: 'dot', fn: (a, b) => m.dot(a!, b!), torch: reduce('dot/basic'), grad: () => [[randn([5]), randn([5])]] });
opCase({ name: 'outer', fn: (a, b) => m.outer(a!, b!), torch: reduce('outer/basic'), grad: () => [[randn([3]), randn([4])]] });

/** Asserts that `fn` throws an instance of `cls` whose message starts with `op + ':'`. */
function throwsFrom(op: string, cls: new (msg: string) => Error, fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.ok(e.message.startsWith(`${op}:`), `message should start with '${op}:': ${e.message}`);
    return true;
  });
}

const ints = tensor([1, 2, 3], { dtype: 'int32' });

test('reductions: error paths name the op', () => {
  throwsFrom('mean', m.DTypeError, () => m.mean(ints));
  throwsFrom('var', m.DTypeError, () => m.variance(ints));
  throwsFrom('std', m.DTypeError, () => m.std(ints));
  throwsFrom('std', m.IndexError, () => m.std(randn([2, 3]), 2));
  throwsFrom('mean', m.IndexError, () => m.mean(randn([2, 3]), [0, -2]));
  throwsFrom('max', m.ArgumentError, () => m.max(m.zeros([0, 3])));
  throwsFrom('max', m.ArgumentError, () => m.max(m.zeros([0, 3]), 0));
  throwsFrom('max', m.IndexError, () => m.max(randn([2, 3]), 2));
  throwsFrom('min', m.ArgumentError, () => m.min(m.zeros([0])));
  throwsFrom('min', m.ArgumentError, () => m.min(m.zeros([2, 0]), -1));
  throwsFrom('amin', m.ArgumentError, () => m.amin(m.zeros([2, 0]), 1));
  throwsFrom('argmin', m.ArgumentError, () => m.argmin(m.zeros([0])));
  throwsFrom('argmin', m.ArgumentError, () => m.argmin(m.zeros([3, 0]), 1));
  throwsFrom('logsumexp', m.IndexError, () => m.logsumexp(randn([2]), 1));
  throwsFrom('norm', m.DTypeError, () => m.norm(ints));
  throwsFrom('norm', m.ArgumentError, () => m.norm(randn([3]), -1));
  throwsFrom('norm', m.ArgumentError, () => m.norm(randn([3]), NaN));
  throwsFrom('softmax', m.DTypeError, () => m.softmax(ints, 0));
  throwsFrom('logSoftmax', m.IndexError, () => m.logSoftmax(randn([2, 3]), 2));
});

test('linear algebra: error paths name the op and show the shapes', () => {
  assert.throws(() => m.matmul(m.ones([2, 3]), m.ones([4, 5])), (e: unknown) => e instanceof m.ShapeError && e.message === 'matmul: inner dimensions differ: [2,3] @ [4,5]');
  throwsFrom('matmul', m.ShapeError, () => m.matmul(m.ones([3]), m.ones([4])));
  throwsFrom('matmul', m.ShapeError, () => m.matmul(m.ones([]), m.ones([4, 5])));
  throwsFrom('matmul', m.ShapeError, () => m.matmul(m.ones([2, 3, 4]), m.ones([3, 4, 5])));
  throwsFrom('matmul', m.DTypeError, () => m.matmul(m.ones([2, 2], { dtype: 'bool' }), m.ones([2, 2])));
  throwsFrom('mm', m.ShapeError, () => m.mm(m.ones([3]), m.ones([3, 5])));
  throwsFrom('mm', m.ShapeError, () => m.mm(m.ones([2, 3]), m.ones([4, 5])));
  throwsFrom('mv', m.ShapeError, () => m.mv(m.ones([3, 2]), m.ones([3])));
  throwsFrom('mv', m.ShapeError, () => m.mv(m.ones([3, 2]), m.ones([2, 1])));
  throwsFrom('dot', m.ShapeError, () => m.dot(m.ones([2, 2]), m.ones([2, 2])));
  throwsFrom('dot', m.ShapeError, () => m.dot(m.ones([2]), m.ones([3])));
  throwsFrom('outer', m.ShapeError, () => m.outer(m.ones([3, 2]), m.ones([3])));
});

test('max/min/amin/argmin keep integer dtypes and do not overflow at -2^31', () => {
  const x = tensor([[-2147483648, 5], [2147483647, -1]], { dtype: 'int32' });
  assert.equal(m.max(x).dtype, 'int32');
  assert.deepEqual(m.min(x).item(), -2147483648);
  assert.deepEqual(m.amin(x, 1).toArray(), [-2147483648, -1]);
  assert.deepEqual(m.argmin(x, 0).toArray(), [0, 1]);
  assert.deepEqual(m.max(x, 0).indices.toArray(), [1, 0]);
  assert.equal(m.max(tensor([true, false])).dtype, 'bool');
});

test('max/min along dim of a 0-d tensor give the value and index 0', () => {
  const r = m.max(tensor(3), 0);
  assert.equal(r.values.item(), 3);
  assert.equal(r.indices.item(), 0);
  assert.equal(m.min(tensor(3), -1, true).values.item(), 3);
});

test('logsumexp computes integer input as float32, like torch 1.13', () => {
  assertClose(m.logsumexp(tensor([1, 2], { dtype: 'int32' }), 0), tensor(Math.log(Math.E + Math.E ** 2)));
});

test('matmul broadcasts a 2-d operand over a batch without copying it', () => {
  const a = randn([3, 4]);
  const b = randn([2, 4, 5]);
  const y = m.matmul(a, b);
  for (let i = 0; i < 2; i++) assertClose(m.slice(y, 0, i, i + 1), m.reshape(m.matmul(a, m.slice(b, 0, i, i + 1)), [1, 3, 5]), tol);
});

test('Tensor methods delegate to the reduce family', () => {
  const x = tensor([[1, 5, 2], [7, 2, 0]]);
  assertClose(x.mean(1), tensor([8 / 3, 3]));
  assertClose(x.var(1, false), m.variance(x, 1, false));
  assertClose(x.std(), m.std(x));
  assert.equal(x.max().item(), 7);
  assert.deepEqual(x.max(1).indices.toArray(), [1, 0]);
  assert.deepEqual(x.min(0, true).values.toArray(), [[1, 2, 0]]);
  assert.deepEqual(x.amin(1).toArray(), [1, 0]);
  assert.deepEqual(x.argmin(1).toArray(), [0, 2]);
  assertClose(x.logsumexp(1), m.logsumexp(x, 1));
  assertClose(x.norm(1, 1), tensor([8, 9]));
  assertClose(x.softmax(1), m.softmax(x, 1));
  assertClose(x.logSoftmax(0), m.logSoftmax(x, 0));
  assert.deepEqual(x.matmul(tensor([1, 0, 1])).toArray(), [3, 7]);
  assert.deepEqual(x.mm(m.ones([3, 1])).toArray(), [[8], [9]]);
  assert.deepEqual(x.mv(m.ones([3])).toArray(), [8, 9]);
  assert.equal(tensor([1, 2]).dot(tensor([3, 4])).item(), 11);
  assert.deepEqual(tensor([1, 2]).outer(tensor([3, 4])).toArray(), [[3, 4], [6, 8]]);
});
