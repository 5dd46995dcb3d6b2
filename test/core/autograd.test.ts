/**
 * The autograd engine: leaf semantics, backward options, higher-order gradients, grad modes,
 * hooks, the functional API, and that graphs are freed after use. Semantics follow PyTorch
 * (checked with Debian's torch 1.13 where noted).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Tensor, type NestedInput, AutogradError, DTypeError, tensor, ones, zeros, randn, Generator,
  add, mul, sub, div, exp, neg, tanh, reciprocal, sum, pow, expand, noGrad, enableGrad, isGradEnabled,
  grad, valueAndGrad, vjp, gradients,
} from '../../src/index.js';
import { assertClose } from '../harness/fixtures.js';

const f64 = (xs: NestedInput): Tensor => tensor(xs, { dtype: 'float64' });
const param = (xs: number[]): Tensor => f64(xs).requiresGrad_();
const gradOf = (t: Tensor): number[] => {
  assert.ok(t.grad, 'expected a gradient');
  return t.grad.toFlatArray();
};
const near = (a: number[], b: number[], tol = 1e-9): void => {
  assert.equal(a.length, b.length);
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]!) <= tol * (1 + Math.abs(b[i]!)), `[${i}] ${v} vs ${b[i]}`));
};

test('leaves, non-leaves and requiresGrad', () => {
  const c = f64([1, 2]);
  assert.ok(c.isLeaf && !c.requiresGrad && c.gradFn === null);
  const x = param([1, 2]);
  assert.ok(x.isLeaf && x.requiresGrad);
  const y = mul(x, c);
  assert.ok(!y.isLeaf && y.requiresGrad);
  assert.equal(y.gradFn!.name, 'mul');
  const z = mul(c, c);
  assert.ok(z.isLeaf && !z.requiresGrad, 'an op on constants makes a constant leaf');
  assert.throws(() => y.requiresGrad_(), AutogradError);
  assert.throws(() => y.requiresGrad_(false), AutogradError);
  assert.throws(() => { y.requiresGrad = false; }, AutogradError);
  assert.throws(() => tensor([1, 2], { dtype: 'int32' }).requiresGrad_(), DTypeError);
  assert.throws(() => tensor([true]).requiresGrad_(), DTypeError);
  tensor([1], { dtype: 'int32' }).requiresGrad_(false); // allowed: nothing changes
  const w = f64([3]);
  w.requiresGrad = true;
  assert.ok(w.requiresGrad);
  w.requiresGrad_(false);
  assert.ok(!w.requiresGrad);
  assert.equal(y.numel, 2);
});

test('backward(): scalar seeds 1, non-scalar needs a gradient, broadcasting is summed back', () => {
  const x = param([1, 2, 3]);
  sum(mul(x, x)).backward();
  assert.deepEqual(gradOf(x), [2, 4, 6]);
  const v = param([1, 2]);
  const y = mul(v, 3);
  assert.throws(() => y.backward(), AutogradError);
  assert.throws(() => y.backward(), /non-scalar output of shape \[2\]/);
  assert.throws(() => y.backward(ones([3])), AutogradError);
  y.backward(f64([1, 10]));
  assert.deepEqual(gradOf(v), [3, 30]);
  assert.throws(() => f64([1]).backward(), AutogradError, 'a constant has no graph');
  const a = f64([[1], [2]]).requiresGrad_();
  const b = param([10, 20, 30]);
  sum(mul(a, b)).backward();
  assert.deepEqual(a.grad!.shape, [2, 1]);
  assert.deepEqual(gradOf(a), [60, 60]);
  assert.deepEqual(gradOf(b), [3, 3, 3]);
  const e = param([2]);
  sum(expand(e, [4, 3])).backward();
  assert.deepEqual(gradOf(e), [12]);
  assert.equal(x.grad!.dtype, 'float64');
});

test('.grad accumulates across backward calls and is never shared between leaves', () => {
  const x = param([1, 2]);
  sum(mul(x, 3)).backward();
  sum(mul(x, 3)).backward();
  assert.deepEqual(gradOf(x), [6, 6]);
  const p = param([1]);
  const q = param([1]);
  sum(add(p, q)).backward();
  assert.notEqual(p.grad!.data, q.grad!.data);
  x.grad = null;
  sum(x).backward();
  assert.deepEqual(gradOf(x), [1, 1]);
});

test('retainGraph: a second backward needs it; with it, gradients double', () => {
  const x = param([1, 2]);
  const y = sum(mul(x, x));
  y.backward();
  assert.throws(() => y.backward(), AutogradError);
  assert.throws(() => y.backward(), /retainGraph/);
  const z = param([1, 2]);
  const w = sum(mul(z, z));
  w.backward(undefined, { retainGraph: true });
  w.backward(undefined, { retainGraph: true });
  assert.deepEqual(gradOf(z), [4, 8]);
  w.backward();
  assert.deepEqual(gradOf(z), [6, 12]);
});

test('saved tensors are released after backward (node.inputs becomes null) unless retainGraph', () => {
  const x = param([1, 2]);
  const h = exp(x);
  const y = sum(mul(h, h));
  const nodes = [h.gradFn!, y.gradFn!];
  assert.ok(nodes.every((n) => n.inputs !== null));
  y.backward(undefined, { retainGraph: true });
  assert.ok(nodes.every((n) => n.inputs !== null), 'kept with retainGraph');
  y.backward();
  assert.ok(nodes.every((n) => n.inputs === null && n.attrs === null), 'freed without');
  const g = param([3]);
  const out = sum(pow(g, 3));
  gradients([out], [g]);
  assert.equal(out.gradFn!.inputs, null, 'gradients() frees too');
});

test('grad(grad(f)) of x³ is 6x; createGraph lets backward run on a gradient', () => {
  const f = (x: Tensor): Tensor => sum(pow(x, 3));
  const d2 = grad((x: Tensor) => sum(grad(f)(x)));
  assert.deepEqual(d2(f64([1, 2, -3])).toFlatArray(), [6, 12, -18]);
  const d3 = grad((x: Tensor) => sum(grad((u: Tensor) => sum(grad(f)(u)))(x)));
  assert.deepEqual(d3(f64([1, 5])).toFlatArray(), [6, 6]);
  const x = param([1, 2]);
  const [g] = gradients([f(x)], [x], { createGraph: true });
  assert.ok(g!.requiresGrad, 'the gradient has a graph');
  assert.deepEqual(g!.toFlatArray(), [3, 12]);
  sum(g!).backward();
  assert.deepEqual(gradOf(x), [6, 12]);
  const y = param([2]);
  sum(pow(y, 3)).backward(undefined, { createGraph: true });
  assert.ok(y.grad!.requiresGrad, '.grad from createGraph is differentiable');
  const [h] = gradients([sum(y.grad!)], [y]);
  assert.deepEqual(h!.toFlatArray(), [12]);
});

test('second derivatives of tanh/sigmoid composites match finite differences (float64)', () => {
  const sigmoid = (x: Tensor): Tensor => reciprocal(add(exp(neg(x)), 1));
  const fns: [string, (x: Tensor) => Tensor][] = [
    ['tanh', (x) => sum(tanh(x))],
    ['sigmoid', (x) => sum(sigmoid(x))],
    ['tanh(sigmoid)*x', (x) => sum(mul(tanh(sigmoid(mul(x, 2))), x))],
    ['x/(1+x²)', (x) => sum(div(x, add(mul(x, x), 1)))],
  ];
  const x0 = randn([6], { dtype: 'float64', generator: new Generator(5) });
  const h = 1e-5;
  for (const [name, f] of fns) {
    const d1 = grad(f);
    const d2 = grad((x: Tensor) => sum(d1(x)));
    const fd = div(sub(d1(add(x0, h)), d1(sub(x0, h))), 2 * h);
    assertClose(d2(x0), fd, { rtol: 1e-6, atol: 1e-7 }, `${name}''`);
  }
});

test('noGrad and enableGrad', () => {
  const x = param([1]);
  assert.ok(isGradEnabled());
  const y = noGrad(() => {
    assert.ok(!isGradEnabled());
    const inner = enableGrad(() => mul(x, 2));
    assert.ok(inner.requiresGrad, 'enableGrad records inside noGrad');
    return mul(x, 2);
  });
  assert.ok(!y.requiresGrad && y.gradFn === null);
  assert.ok(isGradEnabled());
  assert.throws(() => noGrad(() => { throw new Error('boom'); }));
  assert.ok(isGradEnabled(), 'mode restored after a throw');
  const w = param([2]);
  noGrad(() => sum(mul(w, w)));
  assert.equal(w.grad, null);
});

test('detach shares data and cuts the graph', () => {
  const x = param([1, 2]);
  const h = mul(x, 3);
  const d = h.detach();
  assert.equal(d.data, h.data);
  assert.ok(d.isLeaf && !d.requiresGrad);
  sum(add(mul(d, x), h)).backward();
  assert.deepEqual(gradOf(x), [3 + 3, 6 + 3], 'd is a constant: d(d·x + 3x)/dx = d + 3');
});

test('hooks replace or observe gradients, on leaves and non-leaves; the remover works', () => {
  const x = param([1, 2]);
  const remove = x.registerHook((g) => mul(g, 2));
  sum(mul(x, 5)).backward();
  assert.deepEqual(gradOf(x), [10, 10]);
  remove();
  remove(); // idempotent
  x.grad = null;
  sum(mul(x, 5)).backward();
  assert.deepEqual(gradOf(x), [5, 5]);

  const w = param([1, 2]);
  const h = mul(w, w);
  const seen: number[][] = [];
  h.registerHook((g) => void seen.push(g.toFlatArray()));
  h.registerHook((g) => mul(g, 10));
  sum(mul(h, 3)).backward();
  assert.deepEqual(seen, [[3, 3]]);
  assert.deepEqual(gradOf(w), [60, 120], 'the non-leaf hook changed what flows to w');
  assert.equal(h.grad, null, 'non-leaf grads are not kept by default');
});

test('retainGrad keeps (and accumulates, like torch) a non-leaf gradient', () => {
  const x = param([1, 2]);
  const y = mul(x, 2).retainGrad();
  const z = sum(mul(y, y));
  z.backward(undefined, { retainGraph: true });
  assert.deepEqual(gradOf(y), [4, 8]);
  z.backward();
  assert.deepEqual(gradOf(y), [8, 16], 'torch 1.13 prints [8., 16.] here');
});

test('diamond graphs accumulate every path', () => {
  const x = param([2, -1]);
  sum(add(mul(x, x), mul(x, 3))).backward();
  assert.deepEqual(gradOf(x), [7, 1]);
  const u = param([0.5]);
  const a = exp(u);
  const b = add(mul(a, a), a); // e^{2u} + e^u
  sum(mul(b, b)).backward(); // d/du (e^{2u} + e^u)² = 2b(2e^{2u} + e^u)
  const e = Math.exp(0.5);
  near(gradOf(u), [2 * (e * e + e) * (2 * e * e + e)]);
});

test('gradients(): allowUnused, gradOutputs, and no .grad side effects', () => {
  const x = param([1, 2]);
  const unused = param([5]);
  const y = sum(mul(x, x));
  assert.throws(() => gradients([y], [x, unused], { retainGraph: true }), AutogradError);
  const [gx, gu] = gradients([y], [x, unused], { allowUnused: true });
  assert.deepEqual(gx!.toFlatArray(), [2, 4]);
  assert.deepEqual(gu!.toFlatArray(), [0]);
  assert.equal(x.grad, null);
  const v = mul(x, x);
  const [g] = gradients([v], [x], { gradOutputs: [f64([1, 10])] });
  assert.deepEqual(g!.toFlatArray(), [2, 40]);
  const h = mul(x, 3);
  const [gh] = gradients([sum(mul(h, h))], [h]);
  assert.deepEqual(gh!.toFlatArray(), [6, 12], 'gradient with respect to a non-leaf');
  assert.throws(() => gradients([mul(x, 2)], [x]), AutogradError, 'non-scalar without gradOutputs');
});

test('grad, valueAndGrad and vjp', () => {
  const f = (x: Tensor, w: Tensor): Tensor => sum(mul(mul(x, x), w));
  const x = f64([1, 2]);
  const w = f64([3, 4]);
  const [v, g] = valueAndGrad(f)(x, w);
  assert.equal(v.item(), 19);
  assert.ok(!v.requiresGrad && !x.requiresGrad, 'inputs untouched, value detached');
  assert.deepEqual(g.toFlatArray(), [6, 16]);
  assert.deepEqual(grad(f, 1)(x, w).toFlatArray(), [1, 4]);
  assert.throws(() => grad((u: Tensor) => mul(u, 2))(x), AutogradError);
  assert.deepEqual(grad((u: Tensor) => sum(mul(w, 2)))(x).toFlatArray(), [0, 0], 'unused input: zeros');
  const [y, [gx, gw]] = vjp((a, b) => mul(a!, b!), [x, w], f64([1, -1]));
  assert.deepEqual(y.toFlatArray(), [3, 8]);
  assert.deepEqual(gx!.toFlatArray(), [3, -4]);
  assert.deepEqual(gw!.toFlatArray(), [1, -2]);
  assert.equal(x.grad, null);
});

test('a chain of 10,000 ops backpropagates without overflowing the stack', () => {
  const x = param([1]);
  let y: Tensor = x;
  for (let i = 0; i < 10000; i++) y = mul(y, 1.0001);
  y.backward();
  near(gradOf(x), [1.0001 ** 10000], 1e-9);
  const z = param([0.5]);
  let t: Tensor = z;
  for (let i = 0; i < 10000; i++) t = add(t, mul(z, 0));
  const [g] = gradients([sum(t)], [z]);
  assert.deepEqual(g!.toFlatArray(), [1]);
});

test('int tensors and constants in a graph get no gradient', () => {
  const x = param([1, 2]);
  const k = tensor([3, 4], { dtype: 'int32' });
  const y = sum(mul(x, k));
  assert.equal(y.dtype, 'float64');
  y.backward();
  assert.deepEqual(gradOf(x), [3, 4]);
  assert.equal(k.grad, null);
  const f = tensor([1, 2]).requiresGrad_();
  sum(mul(f, f64([1, 1]))).backward();
  assert.equal(f.grad!.dtype, 'float32', 'the gradient has the leaf dtype');
  assert.deepEqual(zeros([1]).requiresGrad, false);
});
