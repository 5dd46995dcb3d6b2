/**
 * Layer fusion in Sequential (nn/fuse.ts): Linear/Conv2d + ReLU give the same outputs and
 * gradients fused and unfused on every backend; on native the pair is one graph node; a hook that
 * observes either layer, a subclass, or anomaly mode turns fusion off; passive hooks (fit's layer
 * naming) keep it on, still run, and still name the layer an error came from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, ShapeError, type Tensor, detectAnomaly, gradients,
  manualSeed, randn, setLayerFusion,
} from '../index.js';
import { withLayerContext } from '../train/layer_context.js';
import { native, onBackend } from '../../test/backend/native_helpers.js';

const BACKENDS = native ? (['js', 'native'] as const) : (['js'] as const);
if (!native) console.log('# fuse: native backend not built here; js only');


const cnn = (): Sequential => new Sequential(
  new Conv2d(1, 4, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2), new Conv2d(4, 6, 3), new ReLU(), new Flatten(),
  new Linear(6 * 5 * 5, 12), new ReLU(), new Linear(12, 3), new ReLU(),
);

/** Output and gradients of every parameter and the input, for one seeded model. */
function run(fused: boolean): Tensor[] {
  setLayerFusion(fused);
  try {
    manualSeed(4);
    const model = cnn();
    const x = randn([3, 1, 14, 14], { requiresGrad: true });
    const y = model.call(x);
    const r = randn(y.shape);
    return [y.detach(), ...gradients([y.mul(r).sum()], [x, ...model.parameters()])];
  } finally {
    setLayerFusion(true);
  }
}

for (const backend of BACKENDS) {
  test(`${backend}: a CNN gives the same outputs and gradients fused and unfused`, () => onBackend(backend, () => {
    const [a, b] = [run(true), run(false)];
    a.forEach((t, i) => {
      const [u, v] = [t.toFlatArray(), b[i]!.toFlatArray()];
      u.forEach((p, j) => assert.ok(Math.abs(p - v[j]!) <= 1e-5 * (1 + Math.abs(v[j]!)), `tensor ${i}[${j}]: ${p} vs ${v[j]}`));
    });
  }));
}

test('native: the pair is one node unless a hook observes it, a subclass runs, or anomaly mode is on', { skip: native ? false : 'no native backend' }, () => onBackend('native', () => {
  const x = randn([2, 5]);
  const model = new Sequential(new Linear(5, 4), new ReLU());
  assert.equal(model.call(x).gradFn?.name, 'linear+relu');

  const seen: Tensor[] = [];
  const remove = model.at(1).registerForwardHook((_m, _xs, y) => void seen.push(y));
  assert.equal(model.call(x).gradFn?.name, 'relu', 'an observing hook sees the real ReLU');
  assert.equal(seen.length, 1);
  remove();

  let ran = 0;
  const passive = model.at(0).registerForwardHook(() => void ran++, { passive: true });
  assert.equal(model.call(x).gradFn?.name, 'linear+relu', 'a passive hook keeps fusion');
  assert.equal(ran, 1, 'and still runs');
  passive();

  class Wide extends Linear {}
  assert.equal(new Sequential(new Wide(5, 4), new ReLU()).call(x).gradFn?.name, 'relu');
  assert.equal(detectAnomaly(() => model.call(x)).gradFn?.name, 'relu');
  const conv = new Sequential(new Conv2d(1, 2, 3), new ReLU());
  assert.equal(conv.call(randn([1, 1, 5, 5])).gradFn?.name, 'conv2d+relu');
}));

for (const backend of BACKENDS) {
  test(`${backend}: a shape error inside a fused pair still names its layer under fit's layer context`, () => onBackend(backend, () => {
    const model = cnn();
    assert.throws(
      () => withLayerContext(model, (ctx) => ctx.run(() => model.call(randn([1, 2, 14, 14])))),
      (e: unknown) => e instanceof ShapeError && /^Conv2d '0' \(layer 0\)/.test(e.message),
    );
  }));
}
