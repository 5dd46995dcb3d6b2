/**
 * The 'shape' family: PyTorch parity (test/fixtures/torch/shape.json), gradient checks in float64,
 * error classes and messages, and which ops are views (share memory with their input).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../src/index.js';
import { opCase } from '../harness/op_cases.js';

const { randn, tensor, zeros, ArgumentError, DTypeError, IndexError, ShapeError } = m;
const shape = (...cases: string[]) => ({ family: 'shape', cases });
const int32 = (v: number[]) => tensor(v, { dtype: 'int32' });
const pieces = (name: string, n: number) => Array.from({ length: n }, (_, i) => `${name}/${i}`);

opCase({ name: 'squeeze()', fn: (x) => m.squeeze(x!), torch: shape('squeeze/all', 'squeeze/empty'), grad: () => [[randn([2, 1, 3, 1])]] });
opCase({ name: 'squeeze(-1)', fn: (x) => m.squeeze(x!, -1), torch: shape('squeeze/dim_neg'), grad: () => [[randn([2, 1, 3, 1])]] });
opCase({ name: 'squeeze(0) no-op', fn: (x) => m.squeeze(x!, 0), torch: shape('squeeze/noop') });
opCase({ name: 'unsqueeze(1)', fn: (x) => m.unsqueeze(x!, 1), torch: shape('unsqueeze/mid'), grad: () => [[randn([2, 3])]] });
opCase({ name: 'unsqueeze(-1)', fn: (x) => m.unsqueeze(x!, -1), torch: shape('unsqueeze/neg'), grad: () => [[randn([2, 3])]] });
opCase({ name: 'unsqueeze(0-d)', fn: (x) => m.unsqueeze(x!, 0), torch: shape('unsqueeze/scalar'), grad: () => [[randn([])]] });
opCase({ name: 'flatten()', fn: (x) => m.flatten(x!), torch: shape('flatten/all', 'flatten/scalar'), grad: () => [[randn([2, 3, 4])], [randn([])]] });
opCase({ name: 'flatten(1,2)', fn: (x) => m.flatten(x!, 1, 2), torch: shape('flatten/mid'), grad: () => [[randn([2, 3, 4, 2])]] });
opCase({ name: 'flatten(-3,-2)', fn: (x) => m.flatten(x!, -3, -2), torch: shape('flatten/neg'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'flatten(1) empty', fn: (x) => m.flatten(x!, 1), torch: shape('flatten/empty') });
opCase({ name: 'unflatten(-1)', fn: (x) => m.unflatten(x!, -1, [2, -1]), torch: shape('unflatten/neg'), grad: () => [[randn([3, 8])]] });
opCase({ name: 'unflatten(0)', fn: (x) => m.unflatten(x!, 0, [2, 1, 3]), torch: shape('unflatten/dim0'), grad: () => [[randn([6, 2])]] });
opCase({ name: 'select(0,1)', fn: (x) => m.select(x!, 0, 1), torch: shape('select/dim0'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'select(-2,-1)', fn: (x) => m.select(x!, -2, -1), torch: shape('select/neg'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'stack(0)', fn: (...xs) => m.stack(xs), torch: shape('stack/dim0'), grad: () => [[randn([2, 3]), randn([2, 3]), randn([2, 3])]] });
opCase({ name: 'stack(-1)', fn: (...xs) => m.stack(xs, -1), torch: shape('stack/neg'), grad: () => [[randn([2, 3]), randn([2, 3])]] });
opCase({ name: 'stack(1)', fn: (...xs) => m.stack(xs, 1), torch: shape('stack/mid', 'stack/empty'), grad: () => [[randn([2, 3]), randn([2, 3])]] });
[0, 1, 2].forEach((i) => {
  opCase({ name: `split(2,1)[${i}]`, fn: (x) => m.split(x!, 2, 1)[i]!, torch: shape(`split/int/${i}`), grad: () => [[randn([3, 5])]] });
  opCase({ name: `chunk(4,-1)[${i}]`, fn: (x) => m.chunk(x!, 4, -1)[i]!, torch: shape(`chunk/fewer/${i}`), grad: () => [[randn([2, 6])]] });
  opCase({ name: `chunk(3,0)[${i}]`, fn: (x) => m.chunk(x!, 3, 0)[i]!, torch: shape(`chunk/uneven/${i}`), grad: () => [[randn([5, 2])]] });
});
[0, 1, 2, 3].forEach((i) => {
  opCase({ name: `split([1,3,0,1],-1)[${i}]`, fn: (x) => m.split(x!, [1, 3, 0, 1], -1)[i]!, torch: shape(`split/list_neg/${i}`), grad: () => [[randn([2, 5])]] });
});
opCase({ name: 'chunk(empty)', fn: (x) => m.chunk(x!, 2, 0)[1]!, torch: shape(...pieces('chunk/empty', 2).slice(1)) });
opCase({ name: 'pad constant', fn: (x) => m.pad(x!, [2, 1]), torch: shape('pad/constant_3d'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'pad constant empty', fn: (x) => m.pad(x!, [1, 1]), torch: shape('pad/constant_empty') });
opCase({ name: 'pad constant value', fn: (x) => m.pad(x!, [1, 2, 0, 1, 1, 0], 'constant', 2.5), torch: shape('pad/constant_4d_value'), grad: () => [[randn([2, 2, 3, 3])]] });
opCase({ name: 'pad constant negative', fn: (x) => m.pad(x!, [-1, 2, 1, -2]), torch: shape('pad/constant_negative'), grad: () => [[randn([2, 4, 5])]] });
opCase({ name: 'pad reflect 3d', fn: (x) => m.pad(x!, [2, 3], 'reflect'), torch: shape('pad/reflect_3d'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'pad reflect 4d', fn: (x) => m.pad(x!, [1, 2, 2, 1], 'reflect'), torch: shape('pad/reflect_4d'), grad: () => [[randn([2, 2, 3, 4])]] });
opCase({ name: 'pad reflect negative', fn: (x) => m.pad(x!, [-1, 2], 'reflect'), torch: shape('pad/reflect_negative'), grad: () => [[randn([1, 2, 5])]] });
opCase({ name: 'pad replicate 3d', fn: (x) => m.pad(x!, [3, 1], 'replicate'), torch: shape('pad/replicate_3d'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'pad replicate 4d', fn: (x) => m.pad(x!, [2, 1, 1, 3], 'replicate'), torch: shape('pad/replicate_4d'), grad: () => [[randn([2, 2, 3, 4])]] });
opCase({ name: 'pad replicate negative', fn: (x) => m.pad(x!, [2, -1], 'replicate'), torch: shape('pad/replicate_negative'), grad: () => [[randn([1, 2, 5])]] });
opCase({ name: 'pad circular 3d', fn: (x) => m.pad(x!, [2, 4], 'circular'), torch: shape('pad/circular_3d'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'pad circular 4d', fn: (x) => m.pad(x!, [1, 3, 2, 1], 'circular'), torch: shape('pad/circular_4d'), grad: () => [[randn([2, 2, 3, 4])]] });
opCase({ name: 'pad circular negative', fn: (x) => m.pad(x!, [2, -1], 'circular'), torch: shape('pad/circular_negative'), grad: () => [[randn([1, 2, 5])]] });
opCase({ name: 'repeat(2,1,3)', fn: (x) => m.repeat(x!, 2, 1, 3), torch: shape('repeat/basic'), grad: () => [[randn([2, 3])]] });
opCase({ name: 'repeat(0-d)', fn: (x) => m.repeat(x!, 3), torch: shape('repeat/scalar'), grad: () => [[randn([])]] });
opCase({ name: 'repeat(0,2)', fn: (x) => m.repeat(x!, 0, 2), torch: shape('repeat/zero') });
opCase({ name: 'tile([2])', fn: (x) => m.tile(x!, [2]), torch: shape('tile/short'), grad: () => [[randn([2, 3])]] });
opCase({ name: 'tile([2,1,2])', fn: (x) => m.tile(x!, [2, 1, 2]), torch: shape('tile/long'), grad: () => [[randn([2, 3])]] });
opCase({ name: 'tril', fn: (x) => m.tril(x!), torch: shape('tril/batched', 'tril/nan', 'tril/empty'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'tril(-1)', fn: (x) => m.tril(x!, -1), torch: shape('tril/diag_neg'), grad: () => [[randn([4, 3])]] });
opCase({ name: 'tril(2)', fn: (x) => m.tril(x!, 2), torch: shape('tril/diag_pos'), grad: () => [[randn([2, 3, 5])]] });
opCase({ name: 'triu', fn: (x) => m.triu(x!), torch: shape('triu/batched'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'triu(-1)', fn: (x) => m.triu(x!, -1), torch: shape('triu/diag_neg'), grad: () => [[randn([4, 3])]] });
opCase({ name: 'triu(1)', fn: (x) => m.triu(x!, 1), torch: shape('triu/diag_pos'), grad: () => [[randn([2, 3, 5])]] });
opCase({ name: 'oneHot(5)', fn: (i) => m.oneHot(i!, 5), torch: shape('one_hot/given') });
opCase({ name: 'oneHot()', fn: (i) => m.oneHot(i!), torch: shape('one_hot/inferred') });
opCase({ name: 'oneHot(empty)', fn: (i) => m.oneHot(i!, 3), torch: shape('one_hot/empty') });
opCase({ name: 'indexSelect(1)', fn: (x, i) => m.indexSelect(x!, 1, i!), torch: shape('index_select/dim1'), grad: () => [[randn([3, 4]), int32([3, 0, 3])]] });
opCase({ name: 'indexSelect(-1)', fn: (x, i) => m.indexSelect(x!, -1, i!), torch: shape('index_select/neg'), grad: () => [[randn([2, 2, 3]), int32([2, 1])]] });
opCase({ name: 'indexSelect(empty)', fn: (x, i) => m.indexSelect(x!, 0, i!), torch: shape('index_select/empty_index') });
opCase({ name: 'movedim(0,-1)', fn: (x) => m.movedim(x!, 0, -1), torch: shape('movedim/single'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'movedim([0,1],[-1,0])', fn: (x) => m.movedim(x!, [0, 1], [-1, 0]), torch: shape('movedim/multi'), grad: () => [[randn([2, 3, 4, 5])]] });

test('chunk and split piece counts follow PyTorch', () => {
  assert.deepEqual(m.chunk(zeros([6]), 4).map((t) => t.shape[0]), [2, 2, 2]);
  assert.deepEqual(m.chunk(zeros([5]), 4).map((t) => t.shape[0]), [2, 2, 1]);
  assert.deepEqual(m.chunk(zeros([0, 2]), 3).map((t) => t.shape), [[0, 2], [0, 2], [0, 2]]);
  assert.deepEqual(m.split(zeros([0, 2]), 0).map((t) => t.shape), [[0, 2]]);
  assert.deepEqual(m.split(zeros([4]), 4).map((t) => t.shape), [[4]]);
});

test('view ops share memory with their input, like PyTorch', () => {
  const x = randn([2, 3, 1, 4]);
  const xt = m.transpose(x, 0, 1); // non-contiguous
  const views: [string, m.Tensor, m.Tensor][] = [
    ['squeeze', x, m.squeeze(x)],
    ['squeeze (strided)', xt, m.squeeze(xt, 2)],
    ['unsqueeze', x, m.unsqueeze(x, -1)],
    ['unsqueeze (strided)', xt, m.unsqueeze(xt, 0)],
    ['flatten', x, m.flatten(x, 1)],
    ['unflatten', x, m.unflatten(x, -1, [2, 2])],
    ['select', x, m.select(x, 1, -1)],
    ['select (strided)', xt, m.select(xt, 0, 2)],
    ['split', x, m.split(x, 2, 1)[1]!],
    ['chunk', x, m.chunk(x, 2, -1)[1]!],
    ['movedim', x, m.movedim(x, 0, -1)],
  ];
  for (const [name, src, y] of views) assert.equal(y.data, src.data, `${name} should be a view`);
  // PyTorch copies here: repeat always, stack/indexSelect/tril always, flatten when strides forbid a view
  assert.notEqual(m.repeat(x, 1, 1, 1, 1).data, x.data, 'repeat copies');
  assert.notEqual(m.flatten(xt).data, x.data, 'flatten of a transposed tensor copies');
  assert.notEqual(m.stack([x]).data, x.data, 'stack copies');
});

test('tril/triu keep dtype (int32, bool) and work batched', () => {
  const i = m.tril(m.ones([2, 2, 2], { dtype: 'int32' }));
  assert.equal(i.dtype, 'int32');
  assert.deepEqual(i.toArray(), [[[1, 0], [1, 1]], [[1, 0], [1, 1]]]);
  const b = m.triu(m.full([2, 3], true), 1);
  assert.equal(b.dtype, 'bool');
  assert.deepEqual(b.toArray(), [[false, true, true], [false, false, true]]);
});

test('Tensor methods delegate to the shape ops', () => {
  const x = m.arange(6, undefined, 1, { dtype: 'float32' });
  assert.deepEqual(m.reshape(x, [2, 3]).unsqueeze(0).squeeze().shape, [2, 3]);
  assert.deepEqual(m.reshape(x, [2, 3]).flatten().shape, [6]);
  assert.deepEqual(x.unflatten(0, [3, 2]).select(0, -1).toArray(), [4, 5]);
  assert.deepEqual(x.split(4).map((t) => t.numel), [4, 2]);
  assert.deepEqual(x.chunk(3).map((t) => t.numel), [2, 2, 2]);
  assert.deepEqual(x.repeat(2, 1).shape, [2, 6]);
  assert.deepEqual(x.repeat([2, 1]).shape, [2, 6]);
  assert.deepEqual(x.tile(2).shape, [12]);
  assert.deepEqual(m.reshape(x, [2, 3]).tril().toArray(), [[0, 0, 0], [3, 4, 0]]);
  assert.deepEqual(m.reshape(x, [2, 3]).triu(1).toArray(), [[0, 1, 2], [0, 0, 5]]);
  assert.deepEqual(x.indexSelect(0, int32([5, 0])).toArray(), [5, 0]);
  assert.deepEqual(m.reshape(x, [1, 2, 3]).movedim(0, -1).shape, [2, 3, 1]);
});

/** Asserts that fn throws `cls` with a message starting with `op:`. */
function throwsFrom(op: string, cls: new (...a: never[]) => Error, fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.ok(e.message.startsWith(`${op}: `), `message should start with '${op}: ': ${e.message}`);
    return true;
  });
}

test('shape ops reject bad arguments with the op name and the shapes', () => {
  const x = randn([2, 3]);
  throwsFrom('squeeze', IndexError, () => m.squeeze(x, 2));
  throwsFrom('unsqueeze', IndexError, () => m.unsqueeze(x, 3));
  throwsFrom('unsqueeze', IndexError, () => m.unsqueeze(x, -4));
  throwsFrom('flatten', ArgumentError, () => m.flatten(x, 1, 0));
  throwsFrom('flatten', IndexError, () => m.flatten(x, 0, 2));
  throwsFrom('unflatten', ShapeError, () => m.unflatten(x, 1, [2, 2]));
  throwsFrom('unflatten', ArgumentError, () => m.unflatten(x, 1, []));
  throwsFrom('select', IndexError, () => m.select(x, 1, 3));
  throwsFrom('select', IndexError, () => m.select(x, 1, -4));
  throwsFrom('select', IndexError, () => m.select(x, 2, 0));
  throwsFrom('select', ShapeError, () => m.select(randn([]), 0, 0));
  throwsFrom('stack', ShapeError, () => m.stack([x, randn([3, 2])]));
  throwsFrom('stack', ArgumentError, () => m.stack([]));
  throwsFrom('stack', IndexError, () => m.stack([x, x], 3));
  throwsFrom('split', ShapeError, () => m.split(x, [1, 1], 1));
  throwsFrom('split', ArgumentError, () => m.split(x, 0, 1));
  throwsFrom('split', ArgumentError, () => m.split(x, [4, -1], 1));
  throwsFrom('split', ShapeError, () => m.split(randn([]), 1));
  throwsFrom('chunk', ArgumentError, () => m.chunk(x, 0));
  throwsFrom('chunk', ShapeError, () => m.chunk(randn([]), 2));
  throwsFrom('repeat', ShapeError, () => m.repeat(x, 2));
  throwsFrom('repeat', ArgumentError, () => m.repeat(x, 2, -1));
  throwsFrom('tile', ArgumentError, () => m.tile(x, [1.5]));
  throwsFrom('tril', ShapeError, () => m.tril(randn([3])));
  throwsFrom('triu', ShapeError, () => m.triu(randn([])));
  throwsFrom('oneHot', DTypeError, () => m.oneHot(tensor([0, 1])));
  throwsFrom('oneHot', IndexError, () => m.oneHot(int32([0, 3]), 3));
  throwsFrom('oneHot', IndexError, () => m.oneHot(int32([-1, 0])));
  throwsFrom('oneHot', ArgumentError, () => m.oneHot(int32([])));
  throwsFrom('indexSelect', DTypeError, () => m.indexSelect(x, 0, tensor([0])));
  throwsFrom('indexSelect', IndexError, () => m.indexSelect(x, 1, int32([0, 3])));
  throwsFrom('indexSelect', IndexError, () => m.indexSelect(x, 1, int32([-1])));
  throwsFrom('indexSelect', ShapeError, () => m.indexSelect(x, 1, m.reshape(int32([0, 1]), [1, 2])));
  throwsFrom('movedim', ArgumentError, () => m.movedim(x, [0, 1], [1]));
  throwsFrom('movedim', IndexError, () => m.movedim(x, [0, 0], [0, 1]));
});

test('pad rejects what PyTorch rejects', () => {
  const x = randn([1, 2, 3]);
  throwsFrom('pad', ArgumentError, () => m.pad(x, [1]));
  throwsFrom('pad', ArgumentError, () => m.pad(x, [1, 1, 1, 1, 1, 1, 1, 1]));
  throwsFrom('pad', ArgumentError, () => m.pad(x, [3, 0], 'reflect'));
  throwsFrom('pad', ArgumentError, () => m.pad(x, [0, 3], 'reflect'));
  throwsFrom('pad', ArgumentError, () => m.pad(x, [4, 0], 'circular'));
  throwsFrom('pad', ArgumentError, () => m.pad(x, [1, 1], 'reflect', 1));
  throwsFrom('pad', ArgumentError, () => m.pad(x, [-2, -2]));
  throwsFrom('pad', ArgumentError, () => m.pad(zeros([2, 0]), [1, 1], 'replicate'));
  throwsFrom('pad', ArgumentError, () => m.pad(x, [1, 1], 'wrap' as m.PadMode));
  // limits that PyTorch allows
  assert.deepEqual(m.pad(x, [2, 2], 'reflect').shape, [1, 2, 7]);
  assert.deepEqual(m.pad(x, [3, 3], 'circular').shape, [1, 2, 9]);
});

test('pad works on any rank and keeps integer dtypes', () => {
  const v = tensor([1, 2, 3], { dtype: 'int32' });
  assert.deepEqual(m.pad(v, [2, 1], 'reflect').toArray(), [3, 2, 1, 2, 3, 2]);
  assert.deepEqual(m.pad(v, [1, 2], 'replicate').toArray(), [1, 1, 2, 3, 3, 3]);
  assert.deepEqual(m.pad(v, [1, 2], 'circular').toArray(), [3, 1, 2, 3, 1, 2]);
  assert.deepEqual(m.pad(v, [1, 0], 'constant', 7).toArray(), [7, 1, 2, 3]);
  assert.equal(m.pad(v, [1, 1], 'reflect').dtype, 'int32');
  assert.deepEqual(m.pad(zeros([0, 2, 3]), [1, 1, 1, 1], 'reflect').shape, [0, 4, 5]);
});
