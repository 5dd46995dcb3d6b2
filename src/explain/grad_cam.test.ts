import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveAvgPool2d, Conv2d, Flatten, Linear, ReLU, Sequential, assign_, tensor, zeros, type Tensor } from '../index.js';
import { gradCam, upsampleMap } from './index.js';

/**
 * A hand-built detector: channel 0 of the conv responds to bright pixels (centre weight 1),
 * channel 1 to nothing (all zero, bias 1); global average pooling; class 0 reads channel 0,
 * class 1 reads channel 1.
 */
function detector(): Sequential {
  const conv = new Conv2d(1, 2, 3, { padding: 1 });
  const w = zeros([2, 1, 3, 3]).toArray() as number[][][][];
  w[0]![0]![1]![1] = 1;
  assign_(conv.weight, tensor(w));
  assign_(conv.bias!, tensor([0, 1]));
  const fc = new Linear(2, 2, { bias: false });
  assign_(fc.weight, tensor([[4, 0], [0, 1]]));
  return new Sequential(conv, new ReLU(), new AdaptiveAvgPool2d(1), new Flatten(), fc);
}

/** An 8x8 image, dark except a bright 2x2 patch at rows 5-6, columns 1-2. */
function planted(): Tensor {
  const img = zeros([1, 1, 8, 8]).toArray() as number[][][][];
  for (const [i, j] of [[5, 1], [5, 2], [6, 1], [6, 2]] as const) img[0]![0]![i]![j] = 1;
  return tensor(img);
}

test('Grad-CAM on a hand-built net highlights the planted region', () => {
  const net = detector();
  const x = planted();
  const cam = gradCam(net, x, { target: 0 });
  assert.deepEqual(cam.shape, [1, 8, 8]);
  const v = cam.toArray() as number[][][];
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) {
      const inside = (i === 5 || i === 6) && (j === 1 || j === 2);
      if (inside) assert.ok(v[0]![i]![j]! > 0, `(${i}, ${j}) inside is ${v[0]![i]![j]}`);
      else assert.equal(v[0]![i]![j], 0, `(${i}, ${j}) outside`);
    }
  }
  // ∂f_0/∂A_0 = 4/64 where the ReLU passes (the 4 patch pixels), so α_0 = 4·(4/64)/64; A_0 = the image
  assert.ok(Math.abs(v[0]![5]![1]! - 1 / 256) < 1e-7);
  // the default target is the argmax: class 1 (score 1) beats class 0 (4·4/64 = 0.25)
  const byDefault = gradCam(net, x).toFlatArray();
  const class1 = gradCam(net, x, { target: 1 }).toFlatArray();
  assert.deepEqual(byDefault, class1);
  assert.ok(class1.every((c) => Math.abs(c - 1 / 64) < 1e-6), 'class 1 sees the uniform channel');
});

test('Grad-CAM picks the last Conv2d by default, takes a layer by name or module, and checks it', () => {
  const net = detector();
  const x = planted();
  const a = gradCam(net, x, { target: 0 }).toFlatArray();
  assert.deepEqual(gradCam(net, x, { target: 0, layer: '0' }).toFlatArray(), a);
  assert.deepEqual(gradCam((t) => net.call(t), x, { target: 0, layer: net.at(0) }).toFlatArray(), a);
  // after the ReLU the gradient is 4/64 everywhere: α_0 = 4/64, the same support, 16 times larger
  const afterRelu = gradCam(net, x, { target: 0, layer: '1' }).toFlatArray();
  afterRelu.forEach((v, i) => assert.ok(Math.abs(v - 16 * a[i]!) < 1e-6));
  assert.throws(() => gradCam(net, x, { layer: 'nope' }), /no layer named 'nope' \(layers: 0, 1, 2, 3, 4\)/);
  assert.throws(() => gradCam(net, x, { layer: '4' }), /must be \(N, K, h, w\)/);
  assert.throws(() => gradCam(new Sequential(new Flatten(), new Linear(64, 2)), x), /no Conv2d layer/);
  assert.throws(() => gradCam((t) => net.call(t), x), /pass opts.layer as the Module/);
  assert.equal(net.training, true);
});

test('upsampleMap is a bilinear resize that keeps constants and the range', () => {
  const m = tensor([[[1, 2], [3, 4]]]);
  const up = upsampleMap(m, [4, 4]).toArray() as number[][][];
  assert.deepEqual(up[0]![0], [1, 1.25, 1.75, 2]);
  assert.deepEqual(up[0]!.map((r) => r[0]), [1, 1.5, 2.5, 3]);
  assert.deepEqual(upsampleMap(tensor([[[5]]]), [3, 2]).toFlatArray(), [5, 5, 5, 5, 5, 5]);
  assert.deepEqual(upsampleMap(m, [2, 2]).toFlatArray(), [1, 2, 3, 4]);
  assert.throws(() => upsampleMap(tensor([1, 2]), [2, 2]), /expected maps \(N, h, w\)/);
});
