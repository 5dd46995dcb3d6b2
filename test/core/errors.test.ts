/**
 * Error paths across the primitives: the class, the message (op name first, shapes shown), no
 * raw TypeError/RangeError for bad user input, and a failed op leaves its inputs unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Tensor, MyelinError, ShapeError, DTypeError, ArgumentError, IndexError, AutogradError,
  tensor, zeros, ones, arange, linspace, eye, rand, randn, randint, full, manualSeed, Generator,
  add, mul, sub, exp, sum, prod, amax, argmax, cumsum, reshape, view, permute, transpose, expand,
  slice, narrow, flip, padConstant, cat, gather, scatter, scatterAdd, where, bmm, im2col, col2im,
  setBackend, grad, gradients, type BackendName,
} from '../../src/index.js';

type ErrorClass = typeof ShapeError;
const idx = (v: unknown): Tensor => tensor(v as number[], { dtype: 'int32' });

/** Runs fn, expecting an error of `cls` whose message matches `message`. */
function expectError(fn: () => unknown, cls: ErrorClass, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, `expected ${cls.name} ${message}, nothing was thrown`);
  assert.ok(caught instanceof MyelinError, `expected a MyelinError, got ${String(caught)}`);
  assert.ok(caught instanceof cls, `expected ${cls.name}, got ${caught.name}: ${caught.message}`);
  assert.equal(caught.name, cls.name);
  assert.match(caught.message, message);
}

const x23 = ones([2, 3]);

test('every error class is a MyelinError and names itself', () => {
  for (const cls of [ShapeError, DTypeError, ArgumentError, IndexError, AutogradError]) {
    const e = new cls('op: boom');
    assert.ok(e instanceof MyelinError && e instanceof Error && e instanceof cls);
    assert.equal(e.name, cls.name);
  }
});

test('shape errors start with the op name and show the shapes', () => {
  expectError(() => bmm(ones([2, 3, 4]), ones([2, 5, 6])), ShapeError, /^bmm: .*\[2,3,4\] @ \[2,5,6\]/);
  expectError(() => bmm(ones([2, 3]), ones([3, 2])), ShapeError, /^bmm: expected 3-d tensors, got \[2,3\] and \[3,2\]/);
  expectError(() => bmm(ones([2, 2, 3]), ones([3, 3, 2])), ShapeError, /^bmm: .*\[2,2,3\] @ \[3,3,2\]/);
  expectError(() => add(x23, ones([4])), ShapeError, /^add: shapes \[2,3\] and \[4\] cannot be broadcast/);
  expectError(() => mul(ones([2, 1, 3]), ones([4, 2])), ShapeError, /^mul: shapes \[2,1,3\] and \[4,2\]/);
  expectError(() => reshape(x23, [4, 2]), ShapeError, /^reshape: shape \[4,2\] is invalid for input of size 6 \(shape \[2,3\]\)/);
  expectError(() => reshape(x23, [-1, -1]), ShapeError, /^reshape: only one dim can be -1/);
  expectError(() => reshape(x23, [5, -1]), ShapeError, /^reshape: shape \[5,-1\] is invalid/);
  expectError(() => view(x23.t(), [6]), ShapeError, /^view: .*\[3,2\]/);
  expectError(() => permute(x23, [0]), ShapeError, /^permute: got 1 dims \[0\] for a 2-d tensor/);
  expectError(() => permute(x23, [1, 1]), ShapeError, /^permute: dims \[1,1\] repeat a dim/);
  expectError(() => expand(x23, [2, 4]), ShapeError, /^expand: size 3 .*\[2,3\].*\[2,4\]/);
  expectError(() => expand(x23, [3]), ShapeError, /^expand: cannot expand \[2,3\] to fewer dims \[3\]/);
  expectError(() => expand(ones([1]), [-2]), ShapeError, /^expand: invalid size -2/);
  expectError(() => cat([x23, ones([3, 3])], 1), ShapeError, /^cat: tensor 1 has shape \[3,3\], expected \[2,3\] except at dim 1/);
  expectError(() => cat([x23, ones([3])]), ShapeError, /^cat: tensor 1 has shape \[3\]/);
  expectError(() => cat([tensor(1), tensor(2)]), ShapeError, /^cat: zero-dimensional/);
  expectError(() => where(ones([4], { dtype: 'bool' }), x23, 0), ShapeError, /^where: shapes \[4\] and \[2,3\]/);
  expectError(() => gather(x23, 0, idx([0])), ShapeError, /^gather: index \[1\] must have as many dims as input \[2,3\]/);
  expectError(() => scatter(x23, 1, idx([[0, 1]]), ones([1, 1])), ShapeError, /^scatter: index \[1,2\] is larger than src \[1,1\]/);
  expectError(() => im2col(x23, { kernel: [2, 2], stride: [1, 1], padding: [0, 0], dilation: [1, 1] }), ShapeError, /^im2col: expected a 4-d/);
  expectError(() => im2col(ones([1, 1, 2, 2]), { kernel: [3, 3], stride: [1, 1], padding: [0, 0], dilation: [1, 1] }), ShapeError, /^im2col: kernel \[3,3\]/);
  expectError(() => col2im(x23, { kernel: [3, 3], stride: [1, 1], padding: [0, 0], dilation: [1, 1] }, [2, 2]), ShapeError, /^col2im: /);
});

test('index errors: dims and indices out of range', () => {
  expectError(() => sum(x23, 2), IndexError, /^sum: dim 2 out of range for a tensor of 2 dims/);
  expectError(() => sum(x23, [0, -2]), IndexError, /^sum: .*repeats a dim/);
  expectError(() => cumsum(x23, -3), IndexError, /^cumsum: dim -3/);
  expectError(() => argmax(x23, 2), IndexError, /^argmax: dim 2/);
  expectError(() => amax(x23, 5), IndexError, /^amax: dim 5/);
  expectError(() => prod(x23, 2), IndexError, /^prod: dim 2/);
  expectError(() => flip(x23, 2), IndexError, /^flip: dim 2/);
  expectError(() => transpose(x23, 0, 2), IndexError, /^transpose: dim 2/);
  expectError(() => permute(x23, [0, 2]), IndexError, /^permute: dim 2/);
  expectError(() => slice(x23, 2), IndexError, /^slice: dim 2/);
  expectError(() => cat([x23, x23], 2), IndexError, /^cat: dim 2/);
  expectError(() => x23.size(2), IndexError, /^size: dim 2/);
  expectError(() => gather(x23, 1, idx([[0, 3]])), IndexError, /^gather: index 3 out of range for dim 1 of size 3 \(shape \[2,3\]\)/);
  expectError(() => gather(x23, 0, idx([[-1]])), IndexError, /^gather: index -1/);
  expectError(() => scatterAdd(zeros([3]), 0, idx([5]), ones([1])), IndexError, /^scatterAdd: index 5 out of range/);
  expectError(() => gather(tensor(1), 0, tensor(1, { dtype: 'int32' })), IndexError, /^gather: index 1/);
});

test('dtype errors', () => {
  expectError(() => gather(x23, 1, tensor([[0.0]])), DTypeError, /^gather: index must be int32, got float32/);
  expectError(() => where(x23, 1, 0), DTypeError, /^where: condition must be bool, got float32 \[2,3\]/);
  expectError(() => where(idx([1]), 1, 0), DTypeError, /^where: condition must be bool, got int32/);
  expectError(() => bmm(ones([1, 2, 2], { dtype: 'bool' }), ones([1, 2, 2])), DTypeError, /^bmm: bool/);
  expectError(() => sub(tensor([true]), tensor([true])), DTypeError, /^sub: bool operands/);
  expectError(() => idx([1]).requiresGrad_(), DTypeError, /^requiresGrad_: only float tensors/);
  expectError(() => rand([2], { dtype: 'int32' }), DTypeError, /^rand: dtype must be float32 or float64, got int32/);
  expectError(() => tensor([1, 'a'] as never), DTypeError, /^tensor: element at \[1\] is string/);
  expectError(() => zeros([1], { dtype: 'int8' as never }), DTypeError, /^zeros: unknown dtype 'int8'/);
});

test('argument and autograd errors', () => {
  expectError(() => slice(x23, 1, 0, 2, 0), ArgumentError, /^slice: step must be a positive integer, got 0/);
  expectError(() => slice(x23, 1, 0.5), ArgumentError, /^slice: start and end must be integers/);
  expectError(() => narrow(x23, 1, 2, 2), ArgumentError, /^narrow: start 2 \+ length 2 exceeds dim 1 of size 3/);
  expectError(() => padConstant(x23, [[1, 1]], 0), ArgumentError, /^pad: got 1 pad pairs for a 2-d tensor \[2,3\]/);
  expectError(() => padConstant(x23, [[0.5, 0], [0, 0]], 0), ArgumentError, /^pad: pads must be/);
  expectError(() => cat([]), ArgumentError, /^cat: expected a non-empty list/);
  expectError(() => amax(zeros([0])), ArgumentError, /^amax: cannot reduce over an empty dim/);
  expectError(() => argmax(zeros([2, 0]), 1), ArgumentError, /^argmax: cannot take argmax over empty dim/);
  expectError(() => x23.item(), ArgumentError, /^item: tensor has 6 elements/);
  expectError(() => setBackend('webgpu' as BackendName), ArgumentError, /^setBackend: backend 'webgpu' is not available/);
  expectError(() => grad((a: Tensor) => sum(a), 3)(x23), ArgumentError, /^valueAndGrad: argnum 3/);
  const w = ones([2]).requiresGrad_();
  expectError(() => mul(w, ones([3, 2])).backward(), AutogradError, /^backward: a gradient must be given for a non-scalar output of shape \[3,2\]/);
  expectError(() => sum(x23).backward(), AutogradError, /^backward: tensor \[\] does not require grad/);
  expectError(() => gradients([sum(mul(w, 2))], [w], { gradOutputs: [ones([5])] }), AutogradError, /^gradients: gradient shape \[5\] does not match output shape \[\]/);
  expectError(() => mul(w, 2).requiresGrad_(), AutogradError, /^requiresGrad_: only leaf tensors/);
});

test('bad user input never escapes as a raw TypeError or RangeError', () => {
  const cases: [string, () => unknown][] = [
    ['tensor(undefined)', () => tensor(undefined as never)],
    ['tensor(null)', () => tensor(null as never)],
    ['tensor([[1],[2,3]])', () => tensor([[1], [2, 3]])],
    ['tensor(BigInt64Array)', () => tensor(new BigInt64Array(1) as never)],
    ['tensor(Float32Array, bad dtype)', () => tensor(new Float32Array(1), { dtype: 'x' as never })],
    ['zeros([-1])', () => zeros([-1])],
    ['zeros([1.5])', () => zeros([1.5])],
    ['zeros([NaN])', () => zeros([NaN])],
    ['zeros(undefined)', () => zeros(undefined as never)],
    ['zeros([2**40])', () => zeros([2 ** 40])],
    ['ones([2**31, 4])', () => ones([2 ** 31, 4])],
    ['full([-2], 1)', () => full([-2], 1)],
    ['eye(1.5)', () => eye(1.5)],
    ['arange(0, Infinity)', () => arange(0, Infinity)],
    ['arange(0, 1e15)', () => arange(0, 1e15)],
    ['arange(0, 5, 0)', () => arange(0, 5, 0)],
    ['linspace(0, 1, NaN)', () => linspace(0, 1, NaN)],
    ['randint(5, 1, [2])', () => randint(5, 1, [2])],
    ['randint(0, 2**40, [2])', () => randint(0, 2 ** 40, [2])],
    ['randn([-3])', () => randn([-3])],
    ['manualSeed(NaN)', () => manualSeed(NaN)],
    ['new Generator(Infinity)', () => new Generator(Infinity)],
    ['slice step 0', () => slice(x23, 0, 0, 2, 0)],
    ['reshape(x, undefined)', () => reshape(x23, undefined as never)],
    ['reshape(x, [2, 1.5])', () => reshape(x23, [2, 1.5])],
    ['permute(x, undefined)', () => permute(x23, undefined as never)],
    ['expand(x, undefined)', () => expand(x23, undefined as never)],
    ['expand(x, [2, 3.5])', () => expand(ones([2, 1]), [2, 3.5])],
    ['sum(x, 0.5)', () => sum(x23, 0.5)],
    ['add(x, "a")', () => add(x23, 'a' as never)],
    ['exp(undefined)', () => exp(undefined as never)],
    ['mul(null, 1)', () => mul(null as never, 1)],
    ['narrow(x, 0, 0.5, 1)', () => narrow(x23, 0, 0.5, 1)],
  ];
  for (const [name, fn] of cases) {
    try {
      fn();
      assert.fail(`${name}: expected a MyelinError, nothing was thrown`);
    } catch (e) {
      if (e instanceof assert.AssertionError) throw e;
      assert.ok(e instanceof MyelinError, `${name}: threw ${(e as Error).name}: ${(e as Error).message}`);
    }
  }
});

test('a failed op leaves its inputs unchanged', () => {
  const a = tensor([[1, 2, 3], [4, 5, 6]]).requiresGrad_();
  const b = tensor([7, 8, 9, 10]);
  const i = idx([[0, 9]]);
  const snap = (t: Tensor) => ({ v: t.toArray(), shape: [...t.shape], strides: [...t.strides], offset: t.offset, dtype: t.dtype, rg: t.requiresGrad, grad: t.grad, data: t.data });
  const before = [a, b, i].map(snap);
  const failing: (() => unknown)[] = [
    () => add(a, b), () => bmm(a, b), () => reshape(a, [4]), () => view(a.t(), [6]), () => permute(a, [0]),
    () => expand(a, [3, 3]), () => gather(a, 1, i), () => scatter(a, 1, i, 1), () => cat([a, b]),
    () => where(a, a, b), () => padConstant(a, [[0, 0], [-5, 0]], 0), () => slice(a, 0, 0, 1, 0), () => sum(a, 3),
    () => a.backward(b), () => mul(a, 2).backward(),
  ];
  for (const f of failing) assert.throws(f, MyelinError);
  const after = [a, b, i].map(snap);
  assert.deepEqual(after, before);
  after.forEach((s, k) => assert.equal(s.data, before[k]!.data, 'same storage'));
  assert.equal(a.grad, null);
});
