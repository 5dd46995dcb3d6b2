/**
 * How backward stores leaf gradients (src/autograd/grad_buffers.ts): accumulation into an existing
 * `.grad` happens in place (the tensor object stays, as in PyTorch), a missing `.grad` takes the
 * incoming array only when it was made during the pass and nothing else holds it, and every other
 * case — the caller's seed, a hook's tensor, a retained non-leaf gradient, a second leaf — gets a
 * copy. Run on the js and (when built) native backends, float32 and float64.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Linear, Tensor, add, crossEntropy, mul, sum, tensor, transpose, randn, manualSeed, randint,
} from '../../src/index.js';
import { GradSink, markFresh } from '../../src/autograd/grad_buffers.js';
import { cast } from '../../src/ops/primitive.js';
import { native, onBackend } from '../backend/native_helpers.js';

const BACKENDS = native ? (['js', 'native'] as const) : (['js'] as const);
if (!native) console.log('# grad_buffers: native backend not built here; js only');


for (const backend of BACKENDS) {
  for (const dtype of ['float32', 'float64'] as const) {
    test(`${backend} ${dtype}: a second backward adds into the same .grad tensor`, () => onBackend(backend, () => {
      const x = tensor([1, -2, 3], { dtype }).requiresGrad_();
      sum(mul(x, x)).backward();
      const first = x.grad!;
      assert.deepEqual(first.toFlatArray(), [2, -4, 6]);
      sum(mul(x, 3)).backward();
      assert.equal(x.grad, first, 'accumulated in place, like torch');
      assert.deepEqual(x.grad!.toFlatArray(), [5, -1, 9]);
    }));
  }

  test(`${backend}: a Linear layer's gradients over two steps equal twice one step's`, () => onBackend(backend, () => {
    manualSeed(3);
    const layer = new Linear(20, 7);
    const xb = randn([8, 20]);
    const yb = randint(0, 7, [8], { dtype: 'int32' });
    crossEntropy(layer.call(xb), yb).backward();
    const once = [...layer.parameters()].map((p) => p.grad!.toFlatArray());
    const grads = [...layer.parameters()].map((p) => p.grad!);
    crossEntropy(layer.call(xb), yb).backward();
    [...layer.parameters()].forEach((p, i) => {
      assert.equal(p.grad, grads[i]);
      p.grad!.toFlatArray().forEach((v, j) => assert.ok(Math.abs(v - 2 * once[i]![j]!) <= 1e-6 * (1 + Math.abs(v)), `param ${i}[${j}]`));
    });
    const [w, b] = [...layer.parameters()];
    assert.notEqual(w!.grad!.data, b!.grad!.data);
  }));

  test(`${backend}: the caller's seed, a hook's tensor and a retained gradient are never adopted`, () => onBackend(backend, () => {
    const x = tensor([1, 2]).requiresGrad_();
    const seed = tensor([1, 1]);
    add(x, 0).backward(seed);
    assert.notEqual(x.grad!.data, seed.data);
    seed.data[0] = 100;
    assert.deepEqual(x.grad!.toFlatArray(), [1, 1]);

    const mine = tensor([5, 5]);
    const h = tensor([1, 2]).requiresGrad_();
    h.registerHook(() => mine);
    sum(mul(h, 2)).backward();
    assert.notEqual(h.grad!.data, mine.data);
    sum(mul(h, 2)).backward();
    assert.deepEqual(mine.toFlatArray(), [5, 5], "the hook's own tensor is untouched by accumulation");
    assert.deepEqual(h.grad!.toFlatArray(), [10, 10]);

    const r = tensor([1, 2]).requiresGrad_();
    const y = add(r, 0).retainGrad();
    sum(mul(y, 3)).backward();
    assert.notEqual(r.grad!.data, y.grad!.data);
    assert.deepEqual(r.grad!.toFlatArray(), [3, 3]);
    assert.deepEqual(y.grad!.toFlatArray(), [3, 3]);
  }));

  test(`${backend}: a non-contiguous existing .grad is summed out of place`, () => onBackend(backend, () => {
    const x = tensor([[1, 2], [3, 4]]).requiresGrad_();
    x.grad = transpose(tensor([[1, 2], [3, 4]]), 0, 1);
    sum(mul(x, 1)).backward();
    assert.deepEqual(x.grad.toArray(), [[2, 4], [3, 5]]);
  }));
}

test('GradSink adopts only fresh, unclaimed, whole arrays, and never after a hook', () => {
  const copy = (g: Tensor): Tensor => cast(g, g.dtype, true);
  const plus = (a: Tensor, b: Tensor): Tensor => add(a, b);
  const leaf = (): Tensor => tensor([0, 0]).requiresGrad_();
  const fresh = (): Tensor => {
    const t = tensor([1, 2]);
    markFresh(t.data);
    return t;
  };
  let sink = new GradSink();
  const a = leaf();
  const g = fresh();
  sink.assign(a, g, copy, plus);
  assert.equal(a.grad!.data, g.data, 'a fresh array is taken as it is');
  const b = leaf();
  sink.assign(b, g, copy, plus);
  assert.notEqual(b.grad!.data, g.data, 'but only by one leaf');
  const c = leaf();
  const old = tensor([1, 2]);
  sink.assign(c, old, copy, plus);
  assert.notEqual(c.grad!.data, old.data, 'arrays made before the pass are copied');
  const d = leaf();
  const claimed = fresh();
  sink.claim(claimed.data);
  sink.assign(d, claimed, copy, plus);
  assert.notEqual(d.grad!.data, claimed.data, 'claimed arrays are copied');
  const e = leaf();
  const hooked = fresh();
  sink.hooksRan = true;
  sink.assign(e, hooked, copy, plus);
  assert.notEqual(e.grad!.data, hooked.data, 'nothing is adopted once a hook ran');
  sink.close();
  sink = new GradSink();
  const f = leaf();
  sink.assign(f, g, copy, plus);
  assert.notEqual(f.grad!.data, g.data, 'freshness does not outlive its pass');
  sink.close();
});
