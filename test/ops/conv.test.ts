/**
 * Op cases for the conv family (test/fixtures/torch/conv.json): PyTorch parity of outputs and of
 * the gradients for input, weight and bias, float64 gradient checks (first and second order) on
 * small shapes, and the error paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../src/index.js';
import { opCase } from '../harness/op_cases.js';

const { randn, tensor } = m;
type T = m.Tensor;
const conv = (...cases: string[]) => ({ family: 'conv', cases, tol: { rtol: 1e-4, atol: 1e-5 } });

// ---- conv2d ----
opCase({ name: 'conv2d(bias)', fn: (x, w, b) => m.conv2d(x!, w!, b), torch: conv('conv2d/basic'), grad: () => [[randn([2, 2, 4, 4]), randn([3, 2, 3, 3]), randn([3])]] });
opCase({
  name: 'conv2d(stride 2, pad 1)', fn: (x, w) => m.conv2d(x!, w!, null, { stride: 2, padding: 1 }), torch: conv('conv2d/stride_pad'),
  grad: () => [[randn([1, 2, 5, 4]), randn([2, 2, 3, 2])]],
});
opCase({
  name: 'conv2d(stride/padding pairs)', fn: (x, w, b) => m.conv2d(x!, w!, b, { stride: [2, 1], padding: [1, 2] }), torch: conv('conv2d/pairs'),
  grad: () => [[randn([1, 2, 4, 3]), randn([2, 2, 3, 3]), randn([2])]],
});
opCase({
  name: 'conv2d(dilation)', fn: (x, w) => m.conv2d(x!, w!, null, { padding: 2, dilation: 2 }), torch: conv('conv2d/dilation'),
  grad: () => [[randn([1, 1, 5, 5]), randn([2, 1, 3, 3])]],
});
opCase({ name: 'conv2d(dilation pair)', fn: (x, w) => m.conv2d(x!, w!, null, { stride: [1, 2], dilation: [2, 1] }), torch: conv('conv2d/dilation_pair') });
opCase({
  name: "conv2d('same', odd kernel)", fn: (x, w, b) => m.conv2d(x!, w!, b, { padding: 'same' }), torch: conv('conv2d/same_odd'),
  grad: () => [[randn([1, 2, 4, 3]), randn([2, 2, 3, 3]), randn([2])]],
});
opCase({
  name: "conv2d('same', even kernel)", fn: (x, w) => m.conv2d(x!, w!, null, { padding: 'same', dilation: [1, 3] }), torch: conv('conv2d/same_even'),
  grad: () => [[randn([1, 1, 4, 5]), randn([2, 1, 4, 2])]],
});
opCase({ name: "conv2d('valid')", fn: (x, w) => m.conv2d(x!, w!, null, { padding: 'valid' }), torch: conv('conv2d/valid') });
opCase({
  name: 'conv2d(groups=2)', fn: (x, w, b) => m.conv2d(x!, w!, b, { groups: 2, padding: 1 }), torch: conv('conv2d/groups'),
  grad: () => [[randn([2, 4, 3, 3]), randn([4, 2, 2, 2]), randn([4])]],
});
opCase({
  name: 'conv2d(depthwise)', fn: (x, w, b) => m.conv2d(x!, w!, b, { groups: 3, padding: 1 }), torch: conv('conv2d/depthwise'),
  grad: () => [[randn([2, 3, 3, 3]), randn([3, 1, 3, 3]), randn([3])]],
});
opCase({ name: 'conv2d(depthwise x2)', fn: (x, w) => m.conv2d(x!, w!, null, { groups: 3, stride: 2 }), torch: conv('conv2d/depthwise_x2') });
opCase({
  name: 'conv2d(unbatched)', fn: (x, w, b) => m.conv2d(x!, w!, b, { padding: 1 }), torch: conv('conv2d/unbatched'),
  grad: () => [[randn([1, 2, 2]), randn([1, 1, 2, 2]), randn([1])]],
});
opCase({ name: 'conv2d(1x1)', fn: (x, w) => m.conv2d(x!, w!), torch: conv('conv2d/1x1') });
// second derivative: the gradient of ‖conv2d(x, w)‖² w.r.t. x, differentiated again in x and w
opCase({
  name: 'conv2d second derivative', fn: (x, w) => m.grad((xi: T) => m.sum(m.mul(m.conv2d(xi, w!, null, { stride: 2, padding: 1 }), m.conv2d(xi, w!, null, { stride: 2, padding: 1 }))))(x!),
  grad: () => [[randn([1, 2, 4, 4]), randn([2, 2, 3, 3])]],
});

// ---- conv1d ----
opCase({ name: 'conv1d(bias)', fn: (x, w, b) => m.conv1d(x!, w!, b), torch: conv('conv1d/basic'), grad: () => [[randn([2, 2, 6]), randn([3, 2, 3]), randn([3])]] });
opCase({
  name: 'conv1d(stride, dilation, groups)', fn: (x, w) => m.conv1d(x!, w!, null, { stride: 2, padding: 1, dilation: 2, groups: 2 }),
  torch: conv('conv1d/stride_dil_groups'), grad: () => [[randn([1, 4, 9]), randn([2, 2, 3])]],
});
opCase({ name: "conv1d('same', even kernel)", fn: (x, w, b) => m.conv1d(x!, w!, b, { padding: 'same' }), torch: conv('conv1d/same_even'), grad: () => [[randn([1, 2, 5]), randn([2, 2, 4]), randn([2])]] });
opCase({ name: 'conv1d(unbatched)', fn: (x, w) => m.conv1d(x!, w!, null, { padding: 1 }), torch: conv('conv1d/unbatched') });

// ---- convTranspose2d ----
opCase({
  name: 'convTranspose2d(bias)', fn: (x, w, b) => m.convTranspose2d(x!, w!, b), torch: conv('conv_transpose2d/basic'),
  grad: () => [[randn([1, 2, 3, 3]), randn([2, 2, 2, 2]), randn([2])]],
});
opCase({
  name: 'convTranspose2d(stride, padding, outputPadding)', fn: (x, w, b) => m.convTranspose2d(x!, w!, b, { stride: 2, padding: 1, outputPadding: 1 }),
  torch: conv('conv_transpose2d/stride_pad_outpad'), grad: () => [[randn([1, 2, 3, 2]), randn([2, 2, 3, 3]), randn([2])]],
});
opCase({
  name: 'convTranspose2d(groups, dilation)', fn: (x, w) => m.convTranspose2d(x!, w!, null, { stride: [2, 1], padding: [0, 1], groups: 2, dilation: 2 }),
  torch: conv('conv_transpose2d/groups_dilation'), grad: () => [[randn([1, 4, 2, 3]), randn([4, 1, 2, 2])]],
});
opCase({
  name: 'convTranspose2d(outputPadding >= stride)', fn: (x, w) => m.convTranspose2d(x!, w!, null, { padding: 1, outputPadding: 1, dilation: 2 }),
  torch: conv('conv_transpose2d/outpad_dilation'), grad: () => [[randn([1, 1, 3, 3]), randn([1, 2, 2, 2])]],
});
opCase({ name: 'convTranspose2d(unbatched)', fn: (x, w) => m.convTranspose2d(x!, w!, null, { stride: 2 }), torch: conv('conv_transpose2d/unbatched') });

// ---- pooling ----
const values = (r: m.MaxPoolResult): T => r.values;
opCase({ name: 'maxPool2d', fn: (x) => m.maxPool2d(x!, 2), torch: conv('max_pool2d/basic'), grad: () => [[randn([1, 2, 4, 4])]] });
opCase({ name: 'maxPool2d(stride, pad)', fn: (x) => m.maxPool2d(x!, 3, { stride: 2, padding: 1 }), torch: conv('max_pool2d/stride_pad'), grad: () => [[randn([1, 2, 5, 4])]] });
opCase({
  name: 'maxPool2d(dilation)', fn: (x) => m.maxPool2d(x!, [2, 3], { stride: 1, dilation: 2, padding: [1, 0] }), torch: conv('max_pool2d/dilation'),
  grad: () => [[randn([1, 1, 4, 5])]],
});
opCase({ name: 'maxPool2d(ceilMode)', fn: (x) => m.maxPool2d(x!, 3, { stride: 2, ceilMode: true }), torch: conv('max_pool2d/ceil'), grad: () => [[randn([1, 1, 6, 6])]] });
opCase({ name: 'maxPool2d(ceilMode, pad)', fn: (x) => m.maxPool2d(x!, 2, { stride: 2, padding: 1, ceilMode: true }), torch: conv('max_pool2d/ceil_pad'), grad: () => [[randn([1, 1, 5, 4])]] });
opCase({ name: 'maxPool2d(ties)', fn: (x) => m.maxPool2d(x!, 2, { stride: 1 }), torch: conv('max_pool2d/ties') });
opCase({ name: 'maxPool2d(nan, inf)', fn: (x) => m.maxPool2d(x!, 2), torch: conv('max_pool2d/nan_inf') });
opCase({ name: 'maxPool2d(unbatched)', fn: (x) => m.maxPool2d(x!, 2), torch: conv('max_pool2d/unbatched') });
opCase({ name: 'maxPool2d(indices)', fn: (x) => m.maxPool2d(x!, 3, { stride: 2, padding: 1, returnIndices: true }).indices, torch: conv('max_pool2d/indices') });
opCase({
  name: 'maxPool2d(indices, ceil, dilation)', fn: (x) => m.maxPool2d(x!, 2, { stride: 2, dilation: 2, ceilMode: true, returnIndices: true }).indices,
  torch: conv('max_pool2d/indices_ceil_dil'),
});
opCase({ name: 'maxPool2d(returnIndices).values', fn: (x) => values(m.maxPool2d(x!, 3, { stride: 2, padding: 1, returnIndices: true })), grad: () => [[randn([1, 1, 4, 4])]] });
opCase({ name: 'maxPool2d second derivative', fn: (x) => m.grad((xi: T) => m.sum(m.pow(m.maxPool2d(xi, 2, { stride: 1 }), 3)))(x!), grad: () => [[randn([1, 1, 3, 4])]] });
opCase({ name: 'maxPool1d', fn: (x) => m.maxPool1d(x!, 3, { stride: 2, padding: 1 }), torch: conv('max_pool1d/basic'), grad: () => [[randn([1, 2, 7])]] });
opCase({ name: 'maxPool1d(ceilMode)', fn: (x) => m.maxPool1d(x!, 2, { ceilMode: true }), torch: conv('max_pool1d/ceil') });
opCase({ name: 'maxPool1d(indices)', fn: (x) => m.maxPool1d(x!, 3, { stride: 2, dilation: 2, returnIndices: true }).indices, torch: conv('max_pool1d/indices') });
opCase({ name: 'avgPool2d', fn: (x) => m.avgPool2d(x!, 2), torch: conv('avg_pool2d/basic'), grad: () => [[randn([1, 2, 4, 4])]] });
opCase({ name: 'avgPool2d(stride, pad)', fn: (x) => m.avgPool2d(x!, 3, { stride: 2, padding: 1 }), torch: conv('avg_pool2d/stride_pad'), grad: () => [[randn([1, 1, 5, 4])]] });
opCase({
  name: 'avgPool2d(countIncludePad=false)', fn: (x) => m.avgPool2d(x!, 3, { stride: 2, padding: 1, countIncludePad: false }), torch: conv('avg_pool2d/exclude_pad'),
  grad: () => [[randn([1, 1, 5, 4])]],
});
opCase({ name: 'avgPool2d(ceilMode)', fn: (x) => m.avgPool2d(x!, 3, { stride: 2, ceilMode: true }), torch: conv('avg_pool2d/ceil'), grad: () => [[randn([1, 1, 6, 6])]] });
opCase({
  name: 'avgPool2d(ceilMode, pad)', fn: (x) => m.avgPool2d(x!, [3, 2], { stride: 2, padding: 1, ceilMode: true }), torch: conv('avg_pool2d/ceil_pad'),
  grad: () => [[randn([1, 1, 4, 5])]],
});
opCase({
  name: 'avgPool2d(ceilMode, pad, exclude)', fn: (x) => m.avgPool2d(x!, [3, 2], { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }),
  torch: conv('avg_pool2d/ceil_pad_exclude'),
});
opCase({ name: 'avgPool2d(divisorOverride)', fn: (x) => m.avgPool2d(x!, 2, { stride: 1, padding: 1, divisorOverride: 3 }), torch: conv('avg_pool2d/divisor') });
opCase({ name: 'avgPool2d(unbatched)', fn: (x) => m.avgPool2d(x!, [2, 3]), torch: conv('avg_pool2d/unbatched') });
opCase({ name: 'avgPool1d', fn: (x) => m.avgPool1d(x!, 3, { stride: 2, padding: 1 }), torch: conv('avg_pool1d/basic'), grad: () => [[randn([1, 2, 7])]] });
opCase({
  name: 'avgPool1d(ceilMode, exclude)', fn: (x) => m.avgPool1d(x!, 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }),
  torch: conv('avg_pool1d/ceil_exclude'),
});
opCase({ name: 'adaptiveAvgPool2d(uneven)', fn: (x) => m.adaptiveAvgPool2d(x!, [3, 4]), torch: conv('adaptive_avg_pool2d/uneven'), grad: () => [[randn([1, 2, 5, 7])]] });
opCase({ name: 'adaptiveAvgPool2d(even)', fn: (x) => m.adaptiveAvgPool2d(x!, [2, 3]), torch: conv('adaptive_avg_pool2d/even'), grad: () => [[randn([1, 1, 4, 6])]] });
opCase({ name: 'adaptiveAvgPool2d(global)', fn: (x) => m.adaptiveAvgPool2d(x!, 1), torch: conv('adaptive_avg_pool2d/global') });
opCase({ name: 'adaptiveAvgPool2d(null, upsample)', fn: (x) => m.adaptiveAvgPool2d(x!, [null, 5]), torch: conv('adaptive_avg_pool2d/upsample_none'), grad: () => [[randn([1, 1, 3, 3])]] });
opCase({ name: 'adaptiveAvgPool2d(unbatched)', fn: (x) => m.adaptiveAvgPool2d(x!, [2, 2]), torch: conv('adaptive_avg_pool2d/unbatched') });

// ---- identities ----
test('convTranspose2d is the adjoint of conv2d: <conv2d(x, w), y> = <x, convTranspose2d(y, w)>', () => {
  const opts = { stride: 2, padding: 1, dilation: [1, 2] as const, groups: 2 };
  const x = randn([2, 4, 7, 8], { dtype: 'float64' });
  const w = randn([6, 2, 3, 2], { dtype: 'float64' });
  const y = randn(m.conv2d(x, w, null, opts).shape, { dtype: 'float64' });
  const lhs = m.sum(m.mul(m.conv2d(x, w, null, opts), y)).item();
  const xt = m.convTranspose2d(y, w, null, { ...opts, outputPadding: [0, 1] });
  assert.deepEqual(xt.shape, x.shape);
  const rhs = m.sum(m.mul(x, xt)).item();
  assert.ok(Math.abs(lhs - rhs) < 1e-9 * Math.max(1, Math.abs(lhs)), `${lhs} vs ${rhs}`);
});

test('maxPool2d sends the whole gradient to the first maximum of a tied window', () => {
  const x = tensor([[[[2, 2], [2, 2]]]], { requiresGrad: true });
  m.sum(m.maxPool2d(x, 2)).backward();
  assert.deepEqual(x.grad!.toArray(), [[[[1, 0], [0, 0]]]]);
});

test('maxPool2d on int32 pads with the int32 minimum, not 0', () => {
  const x = tensor([[[[-5, -3], [-7, -2]]]], { dtype: 'int32' });
  assert.deepEqual(m.maxPool2d(x, 2, { stride: 1, padding: 1 }).toArray(), [[[[-5, -3, -3], [-5, -2, -2], [-7, -2, -2]]]]);
});

// ---- errors: the class, and a message that starts with the op name ----
function throwsFrom(op: string, cls: new (...a: never[]) => Error, fn: () => unknown, pattern?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.ok((e as Error).message.startsWith(`${op}: `), `message should start with '${op}: ': ${(e as Error).message}`);
    if (pattern) assert.match((e as Error).message, pattern);
    return true;
  });
}

const z = (...s: number[]): T => m.zeros(s);
test('conv errors name the op and show both shapes', () => {
  throwsFrom('conv2d', m.ShapeError, () => m.conv2d(z(2, 3, 8, 8), z(16, 4, 3, 3)), /input has 3 channels but weight expects 4 \(groups=1\): input \[2,3,8,8\], weight \[16,4,3,3\]/);
  throwsFrom('conv2d', m.ShapeError, () => m.conv2d(z(8, 8), z(1, 1, 3, 3)), /\[8,8\]/);
  throwsFrom('conv2d', m.ShapeError, () => m.conv2d(z(1, 1, 8, 8), z(1, 1, 3)));
  throwsFrom('conv2d', m.ShapeError, () => m.conv2d(z(1, 4, 8, 8), z(6, 2, 3, 3), null, { groups: 3 }), /groups=3/);
  throwsFrom('conv2d', m.ArgumentError, () => m.conv2d(z(1, 4, 8, 8), z(3, 2, 3, 3), null, { groups: 2 }), /not divisible by groups=2/);
  throwsFrom('conv2d', m.ArgumentError, () => m.conv2d(z(1, 4, 8, 8), z(4, 4, 3, 3), null, { groups: 0 }));
  throwsFrom('conv2d', m.ArgumentError, () => m.conv2d(z(1, 1, 8, 8), z(1, 1, 3, 3), null, { padding: 'same', stride: 2 }), /'same'.*stride/);
  throwsFrom('conv2d', m.ShapeError, () => m.conv2d(z(1, 1, 2, 2), z(1, 1, 3, 3)), /output size would be \[0,0\].*input \[1,1,2,2\], weight \[1,1,3,3\]/);
  throwsFrom('conv2d', m.ShapeError, () => m.conv2d(z(1, 2, 5, 5), z(3, 2, 3, 3), z(4)), /bias/);
  throwsFrom('conv2d', m.ArgumentError, () => m.conv2d(z(1, 1, 5, 5), z(1, 1, 3, 3), null, { stride: 0 }));
  throwsFrom('conv2d', m.ArgumentError, () => m.conv2d(z(1, 1, 5, 5), z(1, 1, 3, 3), null, { padding: -1 }));
  throwsFrom('conv1d', m.ShapeError, () => m.conv1d(z(2, 3, 10), z(4, 2, 3)), /input has 3 channels but weight expects 2 \(groups=1\): input \[2,3,10\], weight \[4,2,3\]/);
  throwsFrom('conv1d', m.ShapeError, () => m.conv1d(z(1, 1, 2), z(1, 1, 5)), /output size/);
  throwsFrom('conv1d', m.ArgumentError, () => m.conv1d(z(1, 1, 8), z(1, 1, 3), null, { stride: 1.5 }));
  throwsFrom('convTranspose2d', m.ShapeError, () => m.convTranspose2d(z(1, 3, 4, 4), z(2, 2, 3, 3)), /input \[1,3,4,4\], weight \[2,2,3,3\]/);
  throwsFrom('convTranspose2d', m.ArgumentError, () => m.convTranspose2d(z(1, 2, 4, 4), z(2, 2, 3, 3), null, { stride: 2, outputPadding: 2 }), /outputPadding/);
  throwsFrom('convTranspose2d', m.ShapeError, () => m.convTranspose2d(z(1, 2, 1, 1), z(2, 2, 1, 1), null, { padding: 1 }), /output size/);
});

test('pooling errors name the op', () => {
  throwsFrom('maxPool2d', m.ShapeError, () => m.maxPool2d(z(1, 1, 2, 2), 3), /output size would be \[0,0\].*input \[1,1,2,2\]/);
  throwsFrom('maxPool2d', m.ArgumentError, () => m.maxPool2d(z(1, 1, 8, 8), 2, { padding: 2 }), /half/);
  throwsFrom('maxPool2d', m.ShapeError, () => m.maxPool2d(z(8, 8), 2));
  throwsFrom('maxPool2d', m.ArgumentError, () => m.maxPool2d(z(1, 1, 8, 8), 0));
  throwsFrom('maxPool1d', m.ShapeError, () => m.maxPool1d(z(1, 1, 2), 3));
  throwsFrom('avgPool2d', m.ArgumentError, () => m.avgPool2d(z(1, 1, 8, 8), 3, { padding: 2 }), /half/);
  throwsFrom('avgPool2d', m.ArgumentError, () => m.avgPool2d(z(1, 1, 8, 8), 2, { divisorOverride: 0 }));
  throwsFrom('avgPool1d', m.ShapeError, () => m.avgPool1d(z(1, 1, 1, 1, 1), 2));
  throwsFrom('adaptiveAvgPool2d', m.ArgumentError, () => m.adaptiveAvgPool2d(z(1, 1, 4, 4), [0, 2]));
  throwsFrom('adaptiveAvgPool2d', m.ShapeError, () => m.adaptiveAvgPool2d(z(4, 4), 2));
});
