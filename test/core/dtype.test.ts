/**
 * Dtype promotion and casts, checked against PyTorch's rules. Every expected dtype below was
 * checked with Debian's torch 1.13 (`/usr/bin/python3 -c "import torch; ..."`); where torch says
 * int64 (its default integer type) Myelin says int32, its only integer type.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type DType, type Tensor, DTypeError, tensor, resultType, promoteTypes, isFloating, cast,
  add, mul, sub, div, pow, fmod, maximum, cmpLt, cmpEq, cmpLe, exp, neg, sum, where, logicalAnd,
} from '../../src/index.js';

/** A 0-d tensor. */
const scalar0 = (v: number, dtype: DType): Tensor => tensor(v, { dtype });

const i32 = tensor([1, 2], { dtype: 'int32' });
const f32 = tensor([1, 2]);
const f64 = tensor([1, 2], { dtype: 'float64' });
const b = tensor([true, false]);

const dt = (t: Tensor): DType => t.dtype;

test('resultType: n-d tensors decide within a category; 0-d tensors and scalars only lift the category', () => {
  const T = (dtype: DType) => ({ dtype, kind: 'tensor' as const });
  const Z = (dtype: DType) => ({ dtype, kind: 'zeroDim' as const });
  const S = (dtype: DType) => ({ dtype, kind: 'scalar' as const });
  // [operands, expected, what torch 1.13 printed]
  const table: [Parameters<typeof resultType>[0], DType, string][] = [
    [[T('int32'), S('float32')], 'float32', 'result_type(int32 tensor, 2.5) = float32'],
    [[T('float32'), Z('float64')], 'float32', 'result_type(float tensor, float64 0-d) = float32'],
    [[T('int32'), S('bool')], 'int32', 'result_type(int32 tensor, True) = int32'],
    [[T('float32'), T('float64')], 'float64', 'float32 + float64 tensors = float64'],
    [[T('bool'), T('bool')], 'bool', 'bool + bool = bool'],
    [[T('bool'), S('int32')], 'int32', 'bool tensor + 1 = int64 in torch'],
    [[T('bool'), S('float32')], 'float32', 'bool tensor + 1.5 = float32'],
    [[T('bool'), Z('int32')], 'int32', 'bool tensor + int32 0-d = int32'],
    [[T('int32'), Z('float64')], 'float64', 'int32 tensor + float64 0-d = float64 (0-d dtype kept)'],
    [[Z('int32'), Z('float64')], 'float64', 'int32 0-d + float64 0-d = float64'],
    [[Z('int32'), Z('float32')], 'float32', 'int32 0-d + float32 0-d = float32'],
    [[Z('int32'), S('float32')], 'float32', 'int32 0-d + 2.5 = float32'],
    [[Z('float64'), T('float32')], 'float32', 'float64 0-d + float32 tensor = float32'],
    [[Z('float32'), T('int32')], 'float32', 'float32 0-d + int32 tensor = float32'],
    [[Z('bool'), S('int32')], 'int32', 'bool 0-d + 2 = int64 in torch'],
    [[T('bool'), Z('bool')], 'bool', 'bool tensor + bool 0-d = bool'],
    [[T('int32'), Z('bool')], 'int32', 'int32 tensor + bool 0-d = int32'],
    [[Z('float32'), Z('float64')], 'float64', 'float32 0-d + float64 0-d = float64'],
    [[Z('float64'), S('float32')], 'float64', 'float64 0-d + 2.5 = float64 (scalar never widens)'],
    [[T('float32'), S('float32'), Z('float64')], 'float32', 'three operands'],
  ];
  for (const [ops, want, what] of table) assert.equal(resultType(ops), want, what);
  assert.throws(() => resultType([]), DTypeError);
});

test('promoteTypes is symmetric and picks the wider dtype', () => {
  const order: DType[] = ['bool', 'int32', 'float32', 'float64'];
  order.forEach((a, i) => order.forEach((c, j) => {
    assert.equal(promoteTypes(a, c), order[Math.max(i, j)]);
    assert.equal(promoteTypes(a, c), promoteTypes(c, a));
  }));
  assert.ok(isFloating('float32') && isFloating('float64') && !isFloating('int32') && !isFloating('bool'));
});

test('binary ops apply the promotion rules to real tensors', () => {
  const y = add(i32, 2.5);
  assert.equal(dt(y), 'float32');
  assert.deepEqual(y.toArray(), [3.5, 4.5]);
  assert.equal(dt(add(f32, scalar0(1, 'float64'))), 'float32');
  assert.equal(dt(mul(i32, true)), 'int32');
  assert.deepEqual(mul(i32, true).toArray(), [1, 2]);
  assert.equal(dt(add(f32, f64)), 'float64');
  assert.equal(dt(add(i32, scalar0(1, 'float64'))), 'float64');
  assert.equal(dt(add(b, 1)), 'int32');
  assert.deepEqual(add(b, 1).toArray(), [2, 1]);
  assert.equal(dt(add(b, 1.5)), 'float32');
  assert.equal(dt(add(i32, f32)), 'float32');
  assert.equal(dt(add(scalar0(3, 'int32'), 2.5)), 'float32');
  assert.equal(dt(maximum(i32, f64)), 'float64');
  assert.equal(dt(where(b, i32, 0.5)), 'float32');
  // JS integers beyond int32 are floats here (torch would use int64): no silent wrap-around
  assert.equal(dt(add(i32, 3e9)), 'float32');
  assert.deepEqual(add(i32, 3e9).toArray(), [3e9 + 1, 3e9 + 2].map(Math.fround));
  assert.equal(dt(add(i32, 2 ** 31 - 1)), 'int32');
});

test('bool arithmetic stays 0/1: add is or, mul is and (torch: b+b = [True, False])', () => {
  const c = tensor([true, true, false, false]);
  const d = tensor([true, false, true, false]);
  const s = add(c, d);
  assert.equal(dt(s), 'bool');
  assert.deepEqual(s.toArray(), [true, true, true, false]);
  assert.deepEqual(Array.from(s.data), [1, 1, 1, 0], 'storage holds 0/1, never 2');
  assert.deepEqual(cast(s, 'float32').toArray(), [1, 1, 1, 0]);
  assert.deepEqual(mul(c, d).toArray(), [true, false, false, false]);
  assert.deepEqual(maximum(c, d).toArray(), [true, true, true, false]);
  assert.deepEqual(add(b, true).toArray(), [true, true]);
});

test('sub, pow and fmod refuse bool operands, like torch ("Subtraction ... with a bool tensor is not supported")', () => {
  assert.throws(() => sub(b, b), DTypeError);
  assert.throws(() => sub(i32, true), DTypeError); // torch refuses int - True too
  assert.throws(() => pow(b, b), DTypeError);
  assert.throws(() => fmod(b, b), DTypeError);
  assert.throws(() => neg(b), DTypeError);
});

test('division of ints is true division in float32; float64 stays float64', () => {
  const q = div(tensor([1, 7], { dtype: 'int32' }), tensor([2, 2], { dtype: 'int32' }));
  assert.equal(dt(q), 'float32');
  assert.deepEqual(q.toArray(), [0.5, 3.5]);
  assert.equal(dt(div(i32, 2)), 'float32');
  assert.equal(dt(div(f64, 2)), 'float64');
  assert.equal(dt(div(b, b)), 'float32'); // torch: b/b = float32
  assert.deepEqual(div(i32, 0).toArray(), [Infinity, Infinity]);
});

test('comparisons give bool and compare in the promoted dtype', () => {
  assert.equal(dt(cmpLt(i32, i32)), 'bool');
  assert.deepEqual(cmpEq(i32, 2.5).toArray(), [false, false]); // torch: int == 2.5 compares as float
  assert.deepEqual(cmpLt(i32, 1.5).toArray(), [true, false]);
  assert.deepEqual(cmpLe(b, 0.5).toArray(), [false, true]);
  assert.deepEqual(cmpEq(tensor([NaN, 1]), tensor([NaN, 1])).toArray(), [false, true]);
  assert.equal(dt(logicalAnd(i32, f32)), 'bool');
});

test('unary float ops lift ints to float32; reductions of bool count as int32', () => {
  assert.equal(dt(exp(i32)), 'float32');
  assert.equal(dt(exp(f64)), 'float64');
  assert.equal(dt(neg(i32)), 'int32');
  const n = sum(tensor([true, true, false]));
  assert.equal(dt(n), 'int32');
  assert.equal(n.item(), 2);
});

test('cast: float -> int32 truncates toward zero (torch: [-1.7, 1.7, -0.5, 2.9] -> [-1, 1, 0, 2])', () => {
  assert.deepEqual(cast(tensor([-1.7, 1.7, -0.5, 2.9]), 'int32').toArray(), [-1, 1, 0, 2]);
  assert.deepEqual(cast(tensor([-1.7, 2.9], { dtype: 'float64' }), 'int32').toArray(), [-1, 2]);
});

test('cast: -> bool is x != 0, and NaN is true (torch: [0, -0, nan, 0.1, -3] -> [F, F, T, T, T])', () => {
  const y = cast(tensor([0, -0, NaN, 0.1, -3]), 'bool');
  assert.deepEqual(y.toArray(), [false, false, true, true, true]);
  assert.deepEqual(Array.from(y.data), [0, 0, 1, 1, 1]);
  assert.deepEqual(cast(tensor([0, 5, -2], { dtype: 'int32' }), 'bool').toArray(), [false, true, true]);
});

test('cast: bool -> numbers gives 0/1, float64 -> float32 rounds, int -> float exact', () => {
  assert.deepEqual(cast(b, 'float64').toArray(), [1, 0]);
  assert.deepEqual(cast(b, 'int32').toArray(), [1, 0]);
  assert.equal(cast(tensor([0.1], { dtype: 'float64' }), 'float32').toFlatArray()[0], Math.fround(0.1));
  assert.deepEqual(cast(tensor([16777217], { dtype: 'int32' }), 'float64').toArray(), [16777217]);
  assert.equal(cast(f32, 'float32'), f32, 'same dtype: no copy');
  const copy = cast(f32, 'float32', true);
  assert.notEqual(copy.data, f32.data, 'force: a copy');
  assert.deepEqual(copy.toArray(), f32.toArray());
});

test('cast of a strided view reads the view, not the storage order', () => {
  const x = tensor([[1.5, 2.5], [3.5, 4.5]]).t();
  assert.deepEqual(cast(x, 'int32').toArray(), [[1, 3], [2, 4]]);
  assert.deepEqual(x.int().toArray(), [[1, 3], [2, 4]]);
  assert.equal(x.double().dtype, 'float64');
  assert.equal(x.bool().dtype, 'bool');
  assert.equal(x.to('float32'), x);
});
