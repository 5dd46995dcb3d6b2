/**
 * Op cases for the 'elementwise' composite family: PyTorch parity (test/fixtures/torch/elementwise.json,
 * including each case's output dtype), float64 gradient checks, numerical stability at ±large
 * values, Tensor methods, and error paths (error class and a message that starts with the op name).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { opCase, type OpCase } from '../harness/op_cases.js';
import { fixtureCase, fromJson, loadFamily } from '../harness/fixtures.js';

const { randn, rand, tensor } = m;
const FAMILY = 'elementwise';
const used = new Set<string>();

/** opCase over fixture cases `${prefix}/${suffix}`, plus a check that each output dtype matches PyTorch's. */
function parity(c: Omit<OpCase, 'torch'> & { cases: readonly string[] }): void {
  const { cases, ...rest } = c;
  cases.forEach((n) => used.add(n));
  opCase({ ...rest, torch: { family: FAMILY, cases } });
  test(`${c.name}: output dtypes match PyTorch`, () => {
    for (const n of cases) {
      const fx = fixtureCase(FAMILY, n);
      assert.equal(c.fn(...fx.inputs.map(fromJson)).dtype, fx.outputs[0]!.dtype, `${n}: dtype`);
    }
  });
}

const named = (prefix: string, ...suffixes: string[]): string[] => suffixes.map((s) => `${prefix}/${s}`);
const ACTIVATION = ['basic', 'scalar', 'empty', 'float64', 'edge', 'big_grad'];
const wide = (shape: number[]) => m.mul(randn(shape, { dtype: 'float64' }), 3);
const unaryGrad = () => [[wide([3, 4])], [randn([])]];

parity({ name: 'rsqrt', fn: m.rsqrt, cases: named('rsqrt', 'basic', 'edge', 'int'), grad: () => [[m.add(rand([3, 4], { dtype: 'float64' }), 0.2)]] });
parity({ name: 'square', fn: m.square, cases: named('square', 'basic', 'edge', 'int', 'bool'), grad: unaryGrad });
parity({ name: 'sigmoid', fn: m.sigmoid, cases: named('sigmoid', ...ACTIVATION, 'int', 'bool'), grad: unaryGrad });
parity({ name: 'logSigmoid', fn: m.logSigmoid, cases: named('log_sigmoid', ...ACTIVATION), grad: unaryGrad });
parity({ name: 'relu', fn: m.relu, cases: named('relu', ...ACTIVATION, 'int', 'zero_grad'), grad: unaryGrad });
parity({ name: 'leakyRelu', fn: (x) => m.leakyRelu(x!), cases: named('leaky_relu', ...ACTIVATION, 'zero_grad'), grad: unaryGrad });
parity({ name: 'leakyRelu(0.2)', fn: (x) => m.leakyRelu(x!, 0.2), cases: ['leaky_relu/slope'], grad: unaryGrad });
parity({ name: 'leakyRelu(-0.5)', fn: (x) => m.leakyRelu(x!, -0.5), cases: ['leaky_relu/negative_slope'], grad: unaryGrad });
parity({ name: 'elu', fn: (x) => m.elu(x!), cases: named('elu', ...ACTIVATION, 'zero_grad'), grad: unaryGrad });
parity({ name: 'elu(0.5)', fn: (x) => m.elu(x!, 0.5), cases: ['elu/alpha'], grad: unaryGrad });
parity({ name: 'selu', fn: m.selu, cases: named('selu', ...ACTIVATION), grad: unaryGrad });
parity({ name: 'gelu', fn: (x) => m.gelu(x!), cases: named('gelu', ...ACTIVATION, 'wide'), grad: unaryGrad });
parity({ name: "gelu('tanh')", fn: (x) => m.gelu(x!, 'tanh'), cases: named('gelu_tanh', ...ACTIVATION, 'wide'), grad: unaryGrad });
parity({ name: 'silu', fn: m.silu, cases: named('silu', ...ACTIVATION), grad: unaryGrad });
parity({ name: 'softplus', fn: (x) => m.softplus(x!), cases: named('softplus', ...ACTIVATION), grad: unaryGrad });
parity({ name: 'softplus(2,5)', fn: (x) => m.softplus(x!, 2, 5), cases: ['softplus/beta_threshold'], grad: unaryGrad });
parity({ name: 'softplus(-1)', fn: (x) => m.softplus(x!, -1), cases: ['softplus/negative_beta'], grad: unaryGrad });
parity({ name: 'mish', fn: m.mish, cases: named('mish', ...ACTIVATION), grad: unaryGrad });

const clampTo = (lo?: number, hi?: number) => (x: Tensor) => m.clamp(x, lo, hi);
parity({ name: 'clamp(-0.5,0.5)', fn: (x) => m.clamp(x!, -0.5, 0.5), cases: ['clamp/scalar'], grad: () => [[randn([4, 5])], [tensor(0.2)]] });
parity({ name: 'clamp(min)', fn: (x) => clampTo(0.25)(x!), cases: ['clamp/min_only'], grad: () => [[randn([4, 5])]] });
parity({ name: 'clamp(max)', fn: (x) => clampTo(undefined, -0.25)(x!), cases: ['clamp/max_only'], grad: () => [[randn([4, 5])]] });
parity({ name: 'clamp(-1,1)', fn: (x) => clampTo(-1, 1)(x!), cases: named('clamp', 'ties', 'edge', 'nan_x_grad') });
parity({ name: 'clamp(1,-1)', fn: (x) => clampTo(1, -1)(x!), cases: ['clamp/min_gt_max'] });
parity({ name: 'clamp(0.5,0.5)', fn: (x) => clampTo(0.5, 0.5)(x!), cases: ['clamp/min_eq_max'] });
parity({ name: 'clamp(-inf,0)', fn: (x) => clampTo(-Infinity, 0)(x!), cases: ['clamp/infinite_bounds'] });
parity({ name: 'clamp(int)', fn: (x) => clampTo(-1, 2)(x!), cases: ['clamp/int'] });
parity({ name: 'clamp(int,0.5,2.5)', fn: (x) => clampTo(0.5, 2.5)(x!), cases: ['clamp/int_float_bound'] });
parity({ name: 'clamp(bool,0,1)', fn: (x) => clampTo(0, 1)(x!), cases: ['clamp/bool'] });
parity({ name: 'clamp(empty)', fn: (x) => clampTo(0, 1)(x!), cases: ['clamp/empty'] });
parity({
  name: 'clamp(tensor bounds)',
  fn: (x, lo, hi) => m.clamp(x!, lo, hi),
  cases: named('clamp', 'tensor_bounds', 'tensor_crossed', 'tensor_nan'),
  grad: () => [[randn([3, 4]), m.sub(randn([4]), 0.5), m.add(randn([3, 1]), 0.5)], [randn([]), randn([2]), m.add(randn([3, 1]), 2)]],
});
parity({ name: 'clamp(tensor min)', fn: (x, lo) => m.clamp(x!, lo), cases: named('clamp', 'tensor_min_only', 'broadcast_out'), grad: () => [[randn([3, 4]), randn([4])]] });
parity({ name: 'clamp(tensor max)', fn: (x, hi) => m.clamp(x!, undefined, hi), cases: ['clamp/tensor_max_only'], grad: () => [[randn([3, 4]), randn([3, 1])]] });
parity({ name: 'hardtanh', fn: (x) => m.hardtanh(x!), cases: named('hardtanh', 'basic', 'ties', 'edge', 'int'), grad: unaryGrad });
parity({ name: 'hardtanh(-2,0.5)', fn: (x) => m.hardtanh(x!, -2, 0.5), cases: ['hardtanh/bounds'], grad: unaryGrad });

const COMPARISONS = { eq: m.eq, ne: m.ne, lt: m.lt, le: m.le, gt: m.gt, ge: m.ge } as const;
for (const [name, fn] of Object.entries(COMPARISONS)) {
  parity({ name, fn: (a, b) => fn(a!, b!), cases: named(name, 'broadcast', 'int_vs_float_tensor', 'bool', 'zero_dim') });
  parity({ name: `${name}(x, 1.0)`, fn: (a) => fn(a!, 1.0), cases: [`${name}/scalar`] });
  parity({ name: `${name}(int, 0.5)`, fn: (a) => fn(a!, 0.5), cases: [`${name}/int_vs_float`] });
}
parity({ name: 'logicalXor', fn: (a, b) => m.logicalXor(a!, b!), cases: named('logical_xor', 'basic', 'bool_broadcast') });

parity({ name: 'maskedFill(0)', fn: (x, k) => m.maskedFill(x!, k!, 0), cases: ['masked_fill/basic'], grad: () => [[randn([3, 4]), m.gt(randn([3, 4]), 0)]] });
parity({ name: 'maskedFill(-inf)', fn: (x, k) => m.maskedFill(x!, k!, -Infinity), cases: ['masked_fill/neg_inf'] });
parity({ name: 'maskedFill(2.5)', fn: (x, k) => m.maskedFill(x!, k!, 2.5), cases: ['masked_fill/broadcast'], grad: () => [[randn([4]), m.gt(randn([2, 4]), 0)]] });
parity({
  name: 'maskedFill(tensor value)',
  fn: (x, k, v) => m.maskedFill(x!, k!, v!),
  cases: ['masked_fill/tensor_value'],
  grad: () => [[randn([3, 4]), m.gt(randn([4]), 0), randn([])]],
});
parity({ name: 'maskedFill(int, 1.5)', fn: (x, k) => m.maskedFill(x!, k!, 1.5), cases: ['masked_fill/int'] });
parity({ name: 'maskedFill(bool, 0)', fn: (x, k) => m.maskedFill(x!, k!, 0), cases: ['masked_fill/bool'] });

test('every elementwise fixture case is checked by some entry above', () => {
  const unused = Object.keys(loadFamily(FAMILY)).filter((n) => !used.has(n));
  assert.deepEqual(unused, []);
});

// ---- numerical stability beyond the fixtures: float64, where the naive formulas overflow later ----

const ACTIVATIONS: Record<string, (x: Tensor) => Tensor> = {
  sigmoid: m.sigmoid, logSigmoid: m.logSigmoid, relu: m.relu, leakyRelu: (x) => m.leakyRelu(x), elu: (x) => m.elu(x), selu: m.selu,
  gelu: (x) => m.gelu(x), geluTanh: (x) => m.gelu(x, 'tanh'), silu: m.silu, softplus: (x) => m.softplus(x), mish: m.mish,
};

test('activations: finite values and gradients at ±large inputs (float32 and float64)', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const [name, f] of Object.entries(ACTIVATIONS)) {
      const x = tensor([-1e30, -800, -710, -100, -20, 0, 20, 100, 710, 800, 1e30], { dtype, requiresGrad: true });
      const y = f(x);
      m.sum(y).backward();
      for (const v of y.toFlatArray()) assert.ok(!Number.isNaN(v), `${name} (${dtype}) gave NaN: ${y.toFlatArray().join(', ')}`);
      for (const v of x.grad!.toFlatArray()) assert.ok(Number.isFinite(v), `${name} (${dtype}) gradient: ${x.grad!.toFlatArray().join(', ')}`);
    }
  }
});

test('sigmoid, softplus, silu, mish, logSigmoid: exact limits', () => {
  const x = tensor([-800, 800], { dtype: 'float64' });
  assert.deepEqual(m.sigmoid(x).toFlatArray(), [0, 1]);
  assert.deepEqual(m.softplus(x).toFlatArray(), [0, 800]);
  assert.deepEqual(m.silu(x).toFlatArray().map(Math.abs), [0, 800]);
  assert.deepEqual(m.mish(x).toFlatArray().map(Math.abs), [0, 800]);
  assert.deepEqual(m.logSigmoid(x).toFlatArray(), [-800, 0]);
  assert.deepEqual(m.softplus(tensor([1e30])).toFlatArray(), [1e30].map(Math.fround));
});

test('sigmoid: second derivative through the composite (createGraph)', () => {
  const x = tensor([0, 1, -2], { dtype: 'float64' });
  const d2 = m.grad((t: Tensor) => m.sum(m.grad((u: Tensor) => m.sum(m.sigmoid(u)))(t)))(x).toFlatArray();
  const s = (v: number) => 1 / (1 + Math.exp(-v));
  [0, 1, -2].forEach((v, i) => assert.ok(Math.abs(d2[i]! - s(v) * (1 - s(v)) * (1 - 2 * s(v))) < 1e-12, `σ''(${v}) = ${d2[i]}`));
});

test('integer and bool inputs follow PyTorch or refuse', () => {
  const i = tensor([-2, 0, 3], { dtype: 'int32' });
  assert.equal(m.relu(i).dtype, 'int32');
  assert.equal(m.square(i).dtype, 'int32');
  assert.equal(m.hardtanh(i).dtype, 'int32');
  assert.equal(m.clamp(i, 0, 1).dtype, 'int32');
  assert.equal(m.sigmoid(i).dtype, 'float32');
  assert.equal(m.rsqrt(i).dtype, 'float32');
  assert.equal(m.sigmoid(tensor([0], { dtype: 'float64' })).dtype, 'float64');
  assert.equal(m.maskedFill(i, tensor([true, false, false]), -7.9).toFlatArray()[0], -7);
  assert.deepEqual(m.maskedFill(tensor([false, true]), tensor([true, false]), 2).toArray(), [true, true]);
});

// ---- Tensor methods delegate to the functions ----

test('Tensor methods match the functions', () => {
  const x = randn([3, 4]);
  const y = randn([4]);
  const k = m.gt(y, 0);
  const same = (a: Tensor, b: Tensor, what: string) => assert.deepEqual(a.toFlatArray(), b.toFlatArray(), what);
  const pairs: [string, Tensor, Tensor][] = [
    ['rsqrt', m.abs(x).rsqrt(), m.rsqrt(m.abs(x))], ['square', x.square(), m.square(x)], ['sigmoid', x.sigmoid(), m.sigmoid(x)],
    ['logSigmoid', x.logSigmoid(), m.logSigmoid(x)], ['relu', x.relu(), m.relu(x)], ['leakyRelu', x.leakyRelu(0.3), m.leakyRelu(x, 0.3)],
    ['elu', x.elu(2), m.elu(x, 2)], ['selu', x.selu(), m.selu(x)], ['gelu', x.gelu('tanh'), m.gelu(x, 'tanh')], ['silu', x.silu(), m.silu(x)],
    ['softplus', x.softplus(2, 1), m.softplus(x, 2, 1)], ['mish', x.mish(), m.mish(x)], ['clamp', x.clamp(-0.1, y), m.clamp(x, -0.1, y)],
    ['clampMax', x.clamp(undefined, 0), m.clamp(x, undefined, 0)], ['hardtanh', x.hardtanh(-0.5, 0.5), m.hardtanh(x, -0.5, 0.5)],
    ['eq', x.eq(y), m.eq(x, y)], ['ne', x.ne(0), m.ne(x, 0)], ['lt', x.lt(y), m.lt(x, y)], ['le', x.le(y), m.le(x, y)],
    ['gt', x.gt(y), m.gt(x, y)], ['ge', x.ge(0.5), m.ge(x, 0.5)], ['logicalXor', x.logicalXor(y), m.logicalXor(x, y)],
    ['maskedFill', x.maskedFill(k, 9), m.maskedFill(x, k, 9)],
  ];
  for (const [what, a, b] of pairs) same(a, b, what);
});

// ---- error paths ----

type ErrorClass = new (...args: never[]) => Error;

function throwsFrom(op: string, cls: ErrorClass, fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `${op}: expected ${cls.name}, got ${String(e)}`);
    assert.ok((e as Error).message.startsWith(`${op}:`), `message should start with '${op}:': ${(e as Error).message}`);
    return true;
  });
}

const int = tensor([1, 2], { dtype: 'int32' });
const bool = tensor([true, false]);
const x = tensor([0.5, -1]);

test('float-only activations refuse int32 and bool inputs with a DTypeError', () => {
  const floatOnly: Record<string, (t: Tensor) => Tensor> = {
    leakyRelu: (t) => m.leakyRelu(t), elu: (t) => m.elu(t), selu: m.selu, gelu: (t) => m.gelu(t), silu: m.silu,
    softplus: (t) => m.softplus(t), mish: m.mish, logSigmoid: m.logSigmoid,
  };
  for (const [op, f] of Object.entries(floatOnly)) {
    throwsFrom(op, m.DTypeError, () => f(int));
    throwsFrom(op, m.DTypeError, () => f(bool));
  }
  throwsFrom('relu', m.DTypeError, () => m.relu(bool));
  throwsFrom('hardtanh', m.DTypeError, () => m.hardtanh(bool));
});

test('bad scalar arguments throw an ArgumentError', () => {
  for (const v of [NaN, Infinity, -Infinity]) {
    throwsFrom('leakyRelu', m.ArgumentError, () => m.leakyRelu(x, v));
    throwsFrom('elu', m.ArgumentError, () => m.elu(x, v));
    throwsFrom('softplus', m.ArgumentError, () => m.softplus(x, v));
  }
  throwsFrom('softplus', m.ArgumentError, () => m.softplus(x, 0));
  throwsFrom('softplus', m.ArgumentError, () => m.softplus(x, 1, NaN));
  throwsFrom('gelu', m.ArgumentError, () => m.gelu(x, 'fast' as m.GeluApproximate));
  throwsFrom('clamp', m.ArgumentError, () => m.clamp(x));
  throwsFrom('clamp', m.ArgumentError, () => m.clamp(x, null, null));
  throwsFrom('clamp', m.ArgumentError, () => m.clamp(x, NaN, 1));
  throwsFrom('clamp', m.ArgumentError, () => m.clamp(x, 0, NaN));
  throwsFrom('clamp', m.ArgumentError, () => m.clamp(x, '0' as unknown as number));
  throwsFrom('hardtanh', m.ArgumentError, () => m.hardtanh(x, 1, -1));
  throwsFrom('hardtanh', m.ArgumentError, () => m.hardtanh(x, NaN, 1));
  throwsFrom('maskedFill', m.ArgumentError, () => m.maskedFill(int, tensor([true, false]), NaN));
  throwsFrom('maskedFill', m.ArgumentError, () => m.maskedFill(int, tensor([true, false]), 2 ** 31));
  throwsFrom('maskedFill', m.ArgumentError, () => m.maskedFill(x, tensor([true, false]), 'a' as unknown as number));
});

test('non-tensor inputs from untyped callers throw an ArgumentError naming the op', () => {
  const notTensor = [null, undefined, 'x', [1, 2]] as unknown as Tensor[];
  const unary: Record<string, (t: Tensor) => Tensor> = { ...ACTIVATIONS, rsqrt: m.rsqrt, square: m.square, hardtanh: (t) => m.hardtanh(t), clamp: (t) => m.clamp(t, 0) };
  delete unary.geluTanh;
  for (const bad of notTensor) {
    for (const [op, f] of Object.entries(unary)) throwsFrom(op, m.ArgumentError, () => f(bad));
    for (const [op, f] of Object.entries({ ...COMPARISONS, logicalXor: m.logicalXor })) {
      throwsFrom(op, m.ArgumentError, () => f(x, bad));
      throwsFrom(op, m.ArgumentError, () => f(bad, x));
    }
    throwsFrom('maskedFill', m.ArgumentError, () => m.maskedFill(bad, bool, 0));
    throwsFrom('maskedFill', m.ArgumentError, () => m.maskedFill(x, bad, 0));
  }
});

test('maskedFill refuses non-bool masks and non-0-d value tensors', () => {
  throwsFrom('maskedFill', m.DTypeError, () => m.maskedFill(x, tensor([1, 0], { dtype: 'int32' }), 0));
  throwsFrom('maskedFill', m.DTypeError, () => m.maskedFill(x, tensor([1, 0]), 0));
  throwsFrom('maskedFill', m.ShapeError, () => m.maskedFill(x, bool, tensor([1])));
});

test('shapes that do not broadcast throw a ShapeError naming the op', () => {
  const a = randn([2, 3]);
  const b = randn([4]);
  for (const [op, f] of Object.entries({ ...COMPARISONS, logicalXor: m.logicalXor })) throwsFrom(op, m.ShapeError, () => f(a, b));
  throwsFrom('clamp', m.ShapeError, () => m.clamp(a, b));
  throwsFrom('clamp', m.ShapeError, () => m.clamp(a, 0, b));
  throwsFrom('maskedFill', m.ShapeError, () => m.maskedFill(a, m.gt(b, 0), 0));
});

test('a failed op leaves its inputs unchanged', () => {
  const t = tensor([1, -2, 3]);
  const before = t.toFlatArray();
  assert.throws(() => m.clamp(t, randn([2])));
  assert.throws(() => m.maskedFill(t, tensor([1, 0, 1]), 0));
  assert.deepEqual(t.toFlatArray(), before);
});
