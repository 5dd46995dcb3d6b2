/**
 * The Tensor core: creation, seeded randomness, zero-copy views, conversions and printing.
 * PyTorch behaviour quoted in comments was checked with Debian's torch 1.13.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Tensor, Generator, ArgumentError, DTypeError, ShapeError, IndexError, manualSeed,
  tensor, zeros, ones, full, arange, linspace, eye, rand, randn, randint,
  zerosLike, onesLike, fullLike, randLike, randnLike, randintLike,
  reshape, view, permute, transpose, expand, slice, narrow, flip, mul, add, sum,
} from '../../src/index.js';

const f32 = (xs: number[]): number[] => xs.map(Math.fround);

// ---- creation ----

test('tensor() from nested arrays, numbers and booleans infers shape and dtype', () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(x.shape, [2, 3]);
  assert.equal(x.dtype, 'float32');
  assert.deepEqual(x.toArray(), [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(tensor(2.5).shape, []);
  assert.equal(tensor(2.5).item(), 2.5);
  assert.equal(tensor(true).dtype, 'bool');
  assert.deepEqual(tensor([[true], [false]]).toArray(), [[true], [false]]);
  assert.deepEqual(tensor([]).shape, [0]);
  assert.deepEqual(tensor([[], []]).shape, [2, 0]);
  assert.deepEqual(tensor([[[1]], [[2]]]).shape, [2, 1, 1]);
  // torch.tensor([True, 2.5]) is float: a number anywhere makes the tensor numeric
  assert.equal(tensor([true, 2.5]).dtype, 'float32');
  assert.deepEqual(tensor([true, 2.5]).toArray(), [1, 2.5]);
  assert.deepEqual(tensor([1, 2], { dtype: 'int32' }).toArray(), [1, 2]);
  assert.deepEqual(tensor([0, 3], { dtype: 'bool' }).toArray(), [false, true]);
  assert.deepEqual(tensor([NaN, Infinity]).toFlatArray(), [NaN, Infinity]);
});

test('tensor() from typed arrays copies, keeps the dtype and honours shape', () => {
  const src = new Float64Array([1, 2, 3, 4, 5, 6]);
  const x = tensor(src, { shape: [2, 3] });
  assert.equal(x.dtype, 'float64');
  assert.deepEqual(x.toArray(), [[1, 2, 3], [4, 5, 6]]);
  assert.notEqual(x.data, src, 'a copy, not the caller array');
  src[0] = 99;
  assert.equal(x.toFlatArray()[0], 1);
  assert.equal(tensor(new Int32Array([1, 2])).dtype, 'int32');
  assert.equal(tensor(new Float32Array(2)).dtype, 'float32');
  // Uint8Array is bool storage: any non-zero byte is true and is stored as 1
  const m = tensor(new Uint8Array([0, 5]));
  assert.equal(m.dtype, 'bool');
  assert.deepEqual(Array.from(m.data), [0, 1]);
  assert.deepEqual(tensor(new Float32Array([1.7, -1.7]), { dtype: 'int32' }).toArray(), [1, -1], 'converts like cast');
  assert.throws(() => tensor(new Float32Array(3), { shape: [2, 2] }), ShapeError);
  assert.throws(() => tensor(new Float32Array(3), { shape: [1.5, 2] }), ShapeError);
  assert.throws(() => tensor(new Int16Array(2) as never), DTypeError);
  assert.throws(() => tensor(new BigInt64Array(2) as never), DTypeError);
});

test('tensor(): ragged arrays are ShapeErrors, non-number elements DTypeErrors', () => {
  assert.throws(() => tensor([[1, 2], [3]]), ShapeError);
  assert.throws(() => tensor([[1, 2], 3]), ShapeError);
  assert.throws(() => tensor([1, [2]]), ShapeError);
  assert.throws(() => tensor([[1], [[2]]]), ShapeError);
  assert.throws(() => tensor([1, 'a'] as never), DTypeError);
  assert.throws(() => tensor([1, null] as never), DTypeError);
  assert.throws(() => tensor({} as never), DTypeError);
  assert.throws(() => tensor([1.5], { dtype: 'int32' }), DTypeError);
  assert.throws(() => tensor([NaN], { dtype: 'int32' }), DTypeError);
  assert.throws(() => tensor([1], { dtype: 'float16' as never }), DTypeError);
});

test('zeros, ones, full, eye', () => {
  assert.deepEqual(zeros([2, 2]).toArray(), [[0, 0], [0, 0]]);
  assert.deepEqual(ones([3], { dtype: 'int32' }).toArray(), [1, 1, 1]);
  assert.deepEqual(zeros([]).shape, []);
  assert.equal(zeros([0, 4]).numel, 0);
  assert.deepEqual(full([2], 7.5).toArray(), [7.5, 7.5]);
  assert.equal(full([2], true).dtype, 'bool');
  assert.deepEqual(full([2], 1.9, { dtype: 'int32' }).toArray(), [1, 1], 'torch.full(..., 1.9, dtype=int32) truncates');
  assert.deepEqual(eye(2).toArray(), [[1, 0], [0, 1]]);
  assert.deepEqual(eye(2, 3).toArray(), [[1, 0, 0], [0, 1, 0]]);
  assert.ok(ones([2], { requiresGrad: true }).requiresGrad);
  assert.throws(() => zeros([-1]), ShapeError);
  assert.throws(() => zeros([1.5]), ShapeError);
  assert.throws(() => zeros([2 ** 40]), ShapeError);
  assert.throws(() => eye(-1), ShapeError);
  assert.throws(() => zeros([2], { dtype: 'int32', requiresGrad: true }), DTypeError);
});

test('arange: integer and float steps, negative steps, errors', () => {
  assert.deepEqual(arange(5).toArray(), [0, 1, 2, 3, 4]);
  assert.equal(arange(5).dtype, 'int32');
  assert.deepEqual(arange(2, 8, 3).toArray(), [2, 5]);
  assert.deepEqual(arange(5, 0, -2).toArray(), [5, 3, 1]);
  assert.deepEqual(arange(3, 3).shape, [0]);
  assert.equal(arange(0, 1, 0.25).dtype, 'float32');
  assert.deepEqual(arange(0, 1, 0.25).toArray(), [0, 0.25, 0.5, 0.75]);
  // torch.arange(0, 0.3, 0.1) has 3 elements: ceil((end - start) / step)
  assert.deepEqual(arange(0, 0.3, 0.1).toFlatArray(), f32([0, 0.1, 0.2]));
  assert.equal(arange(0, 1, 0.1).numel, 10);
  assert.equal(arange(0, 5, 1, { dtype: 'float64' }).dtype, 'float64');
  assert.throws(() => arange(0, 5, 0), ArgumentError);
  assert.throws(() => arange(5, 0), ArgumentError);
  assert.throws(() => arange(0, 5, -1), ArgumentError);
  assert.throws(() => arange(0, Infinity), ArgumentError);
  assert.throws(() => arange(NaN), ArgumentError);
});

test('linspace: inclusive ends, exact last value, one step gives start (torch: linspace(0, 10, 1) = [0])', () => {
  assert.deepEqual(linspace(0, 1, 5).toArray(), [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(linspace(0, 10, 1).toArray(), [0]);
  assert.deepEqual(linspace(0, 10, 0).shape, [0]);
  assert.equal(linspace(-1, 0.7, 7, { dtype: 'float64' }).toFlatArray()[6], 0.7);
  assert.deepEqual(linspace(3, 1, 3).toArray(), [3, 2, 1]);
  assert.throws(() => linspace(0, 1, -1), ArgumentError);
  assert.throws(() => linspace(0, 1, 2.5), ArgumentError);
});

test('rand, randn, randint: shapes, dtypes, ranges, errors', () => {
  const u = rand([1000], { dtype: 'float64' });
  assert.ok(u.toFlatArray().every((v) => v >= 0 && v < 1));
  assert.equal(randn([2, 3]).dtype, 'float32');
  assert.throws(() => rand([2], { dtype: 'int32' }), DTypeError);
  assert.throws(() => randn([2], { dtype: 'bool' }), DTypeError);
  const k = randint(-2, 3, [2000]);
  assert.equal(k.dtype, 'int32');
  const seen = new Set(k.toFlatArray());
  assert.deepEqual([...seen].sort(), [-1, -2, 0, 1, 2].sort());
  assert.throws(() => randint(5, 1, [2]), ArgumentError);
  assert.throws(() => randint(1, 1, [2]), ArgumentError);
  assert.throws(() => randint(0.5, 3, [2]), ArgumentError);
  assert.throws(() => randint(0, 2 ** 40, [2]), ArgumentError);
  assert.ok(randn([3], { requiresGrad: true }).requiresGrad);
});

test('*Like variants copy shape and dtype unless told otherwise', () => {
  const x = tensor([[1, 2, 3]], { dtype: 'float64' });
  for (const y of [zerosLike(x), onesLike(x), fullLike(x, 2), randLike(x), randnLike(x), randintLike(x, 0, 4)]) {
    assert.deepEqual(y.shape, [1, 3]);
    assert.equal(y.dtype, 'float64');
  }
  assert.deepEqual(onesLike(x).toArray(), [[1, 1, 1]]);
  assert.deepEqual(fullLike(x, 2).toArray(), [[2, 2, 2]]);
  assert.equal(zerosLike(x, { dtype: 'int32' }).dtype, 'int32');
  assert.ok(randintLike(x, 0, 4).toFlatArray().every((v) => Number.isInteger(v) && v >= 0 && v < 4));
  assert.throws(() => randLike(tensor([1], { dtype: 'int32' })), DTypeError, 'torch.rand_like(int) fails too');
});

// ---- randomness ----

test('manualSeed reproduces rand/randn/randint bit for bit', () => {
  const draw = (): number[][] => [rand([7]), randn([9], { dtype: 'float64' }), randint(0, 100, [5])].map((t) => t.toFlatArray());
  manualSeed(42);
  const a = draw();
  manualSeed(42);
  const b = draw();
  assert.deepEqual(a, b);
  a.forEach((xs, i) => xs.forEach((v, j) => assert.ok(Object.is(v, b[i]![j]))));
  manualSeed(43);
  assert.notDeepEqual(draw(), a);
});

test('a Generator is a private stream: it neither reads nor advances the default one', () => {
  manualSeed(3);
  const expected = rand([4]).toFlatArray();
  manualSeed(3);
  const g = new Generator(9);
  const private1 = randn([10], { generator: g }).toFlatArray();
  assert.deepEqual(rand([4]).toFlatArray(), expected, 'default stream untouched by g');
  assert.deepEqual(randn([10], { generator: new Generator(9) }).toFlatArray(), private1, 'same seed, same stream');
  assert.notDeepEqual(randn([10], { generator: g }).toFlatArray(), private1, 'g advanced');
  g.manualSeed(9);
  assert.deepEqual(randn([10], { generator: g }).toFlatArray(), private1, 'reseeding restarts');
  assert.throws(() => new Generator(NaN), ArgumentError);
});

test('randn over 10k samples has mean ~0 and std ~1; rand has mean ~0.5', () => {
  const xs = randn([10000], { dtype: 'float64', generator: new Generator(1) }).toFlatArray();
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1));
  assert.ok(Math.abs(mean) < 0.04, `mean ${mean}`);
  assert.ok(Math.abs(std - 1) < 0.04, `std ${std}`);
  const within1 = xs.filter((v) => Math.abs(v) < 1).length / xs.length;
  assert.ok(Math.abs(within1 - 0.6827) < 0.02, `P(|x|<1) = ${within1}`);
  const us = rand([10000], { generator: new Generator(2) }).toFlatArray();
  assert.ok(Math.abs(us.reduce((s, v) => s + v, 0) / us.length - 0.5) < 0.02);
});

// ---- views ----

test('reshape/view/permute/transpose/expand/slice/narrow/flip are zero-copy views', () => {
  const x = arange(24, undefined, 1, { dtype: 'float32' }).reshape(2, 3, 4);
  const views: [string, Tensor][] = [
    ['reshape', reshape(x, [6, 4])], ['view', view(x, [4, -1])], ['permute', permute(x, [2, 0, 1])],
    ['transpose', transpose(x, 0, 2)], ['expand', expand(x.slice(0, 0, 1), [5, 3, 4])],
    ['slice', slice(x, 2, 1, 4, 2)], ['narrow', narrow(x, 1, 1, 2)], ['flip', flip(x, [0, 2])],
    ['mT', x.mT()], ['chain', x.permute(1, 0, 2).slice(2, 1).flip(0)],
  ];
  for (const [name, v] of views) assert.equal(v.data, x.data, `${name} shares storage`);
  assert.deepEqual(permute(x, [2, 0, 1]).shape, [4, 2, 3]);
  assert.deepEqual(expand(x.slice(0, 0, 1), [5, 3, 4]).strides, [0, 4, 1]);
  assert.deepEqual(slice(x, 2, 1, 4, 2).toArray(), [[[1, 3], [5, 7], [9, 11]], [[13, 15], [17, 19], [21, 23]]]);
  assert.deepEqual(narrow(x, 1, 1, 2).shape, [2, 2, 4]);
  assert.deepEqual(flip(arange(4), 0).toArray(), [3, 2, 1, 0]);
  assert.deepEqual(transpose(tensor([[1, 2], [3, 4]]), 0, 1).toArray(), [[1, 3], [2, 4]]);
});

test('contiguous() copies only when needed; clone() always copies', () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.ok(x.isContiguous());
  assert.equal(x.contiguous(), x);
  assert.notEqual(x.clone().data, x.data);
  const t = x.t();
  assert.ok(!t.isContiguous());
  const c = t.contiguous();
  assert.notEqual(c.data, x.data);
  assert.ok(c.isContiguous());
  assert.deepEqual(c.toArray(), [[1, 4], [2, 5], [3, 6]]);
  assert.ok(x.slice(0, 1).isContiguous(), 'a row slice is contiguous at an offset');
  assert.equal(x.slice(0, 1).contiguous().data, x.data);
  assert.ok(!x.slice(1, 0, 2).isContiguous());
  assert.ok(!expand(tensor([1]), [3]).isContiguous());
  assert.ok(!flip(tensor([1, 2]), 0).isContiguous());
  assert.ok(tensor([[1], [2]]).t().isContiguous(), 'size-1 dims do not count');
});

test('view() on a non-viewable layout throws ShapeError; reshape() then copies', () => {
  const t = tensor([[1, 2, 3], [4, 5, 6]]).t(); // [3,2], strides [1,3]
  assert.throws(() => view(t, [6]), ShapeError);
  assert.throws(() => t.view(-1), /view: .*reshape/);
  const r = reshape(t, [6]);
  assert.notEqual(r.data, t.data);
  assert.deepEqual(r.toArray(), [1, 4, 2, 5, 3, 6]);
  // splitting a dim of a transposed tensor is still a view
  const p = tensor([[1, 2, 3, 4], [5, 6, 7, 8]]).t(); // [4,2]
  const s = view(p, [2, 2, 2]);
  assert.equal(s.data, p.data);
  assert.deepEqual(s.toArray(), [[[1, 5], [2, 6]], [[3, 7], [4, 8]]]);
  assert.equal(reshape(expand(tensor([[1], [2]]), [2, 3]), [2, 3, 1]).data.length, 2, 'adding a size-1 dim to an expanded tensor is a view');
});

test('views see writes to the shared storage (they alias)', () => {
  const x = zeros([2, 3]);
  const v = x.t().slice(0, 1, 3);
  x.data[5] = 9; // x[1][2]
  assert.deepEqual(v.toArray(), [[0, 0], [0, 9]]);
});

// ---- reading values ----

test('toArray, toTypedArray, toFlatArray, item', () => {
  const x = tensor([[1, 2], [3, 4]], { dtype: 'int32' });
  const ta = x.t().toTypedArray();
  assert.ok(ta instanceof Int32Array);
  assert.deepEqual(Array.from(ta), [1, 3, 2, 4]);
  assert.notEqual(x.toTypedArray(), x.data, 'a fresh array, even when contiguous');
  assert.deepEqual(x.toFlatArray(), [1, 2, 3, 4]);
  assert.deepEqual(tensor(5).toArray(), 5);
  assert.deepEqual(zeros([2, 0]).toArray(), [[], []]);
  assert.equal(tensor([[7]]).item(), 7);
  assert.equal(x.slice(0, 1).slice(1, 1).item(), 4);
  assert.throws(() => x.item(), ArgumentError);
  assert.throws(() => zeros([0]).item(), ArgumentError);
  assert.throws(() => x.item(), /item: tensor has 4 elements/);
});

test('size(), numel, ndim', () => {
  const x = zeros([2, 3, 4]);
  assert.deepEqual(x.size(), [2, 3, 4]);
  assert.equal(x.size(1), 3);
  assert.equal(x.size(-1), 4);
  assert.equal(x.numel, 24);
  assert.equal(x.ndim, 3);
  assert.equal(tensor(1).ndim, 0);
  assert.equal(tensor(1).numel, 1);
  assert.throws(() => x.size(3), IndexError); // torch: IndexError: Dimension out of range
  assert.throws(() => x.size(-4), IndexError);
  assert.throws(() => tensor(1).size(0), IndexError);
  const s = x.size();
  s[0] = 99;
  assert.equal(x.shape[0], 2, 'size() returns a copy');
});

// ---- printing ----

test('toString is PyTorch-like: 4 decimals, dtype when not float32, requiresGrad and gradFn', () => {
  assert.equal(tensor([1, 2.5]).toString(), 'tensor([1.0000, 2.5000])');
  assert.equal(tensor([[1, 2], [3, 4]], { dtype: 'float64' }).toString(), 'tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]], dtype=float64)');
  assert.equal(tensor([1, 2], { dtype: 'int32' }).toString(), 'tensor([1, 2], dtype=int32)');
  assert.equal(tensor([true, false]).toString(), 'tensor([ true, false], dtype=bool)');
  assert.equal(tensor(1.5).toString(), 'tensor(1.5000)');
  assert.equal(tensor([NaN, Infinity, -Infinity]).toString(), 'tensor([ nan,  inf, -inf])');
  assert.equal(tensor([1e-5, 1]).toString(), 'tensor([1.0000e-05, 1.0000e+00])');
  assert.equal(tensor([1.23456789e-3, 100]).toString(), 'tensor([1.2346e-03, 1.0000e+02])', 'torch: span > 1000x is scientific');
  assert.equal(tensor([0.5, 100]).toString(), 'tensor([  0.5000, 100.0000])');
  assert.equal(zeros([2, 0]).toString(), 'tensor([], size=[2, 0], dtype=float32)');
  const w = tensor([1, 2]).requiresGrad_();
  assert.equal(w.toString(), 'tensor([1.0000, 2.0000], requiresGrad=true)');
  assert.equal(mul(w, 2).toString(), 'tensor([2.0000, 4.0000], gradFn=<mul>)');
  assert.equal(`${tensor([[1, 2], [3, 4]]).t()}`, 'tensor([[1.0000, 3.0000],\n        [2.0000, 4.0000]])');
});

test('toString truncates large tensors with ... and keeps the edges', () => {
  const s = arange(2000).toString();
  assert.equal(s, 'tensor([   0,    1,    2, ..., 1997, 1998, 1999], dtype=int32)');
  const m = reshape(arange(2000), [40, 50]).toString();
  const lines = m.split('\n');
  assert.equal(lines.length, 7, 'three rows, ..., three rows');
  assert.equal(lines[3]!.trim(), '...,');
  assert.ok(lines[0]!.startsWith('tensor([[   0,    1,    2, ...,   47,   48,   49],'));
  assert.ok(!arange(1000).toString().includes('...'), '1000 elements still print in full');
  const hidden = new Float32Array(2000).fill(1);
  hidden[1000] = 1e9; // not printed, so it does not switch the style (PyTorch formats the summary only)
  assert.equal(tensor(hidden).toString(), 'tensor([1.0000, 1.0000, 1.0000, ..., 1.0000, 1.0000, 1.0000])');
});

test('Tensor methods are sugar for the functions', () => {
  const x = tensor([[1, 2], [3, 4]]);
  assert.deepEqual(x.add(1).mul(2).sum().item(), sum(mul(add(x, 1), 2)).item());
  assert.ok(x instanceof Tensor);
});
