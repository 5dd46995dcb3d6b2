/**
 * Layer errors: a call on an input that does not fit throws a ShapeError naming the layer class,
 * the expected shape and the input's shape (and leaves the layer unchanged); bad constructor
 * arguments throw ArgumentErrors naming the layer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../src/index.js';

const { zeros } = m;

test('calling a layer on a mis-shaped input names the layer and both shapes', () => {
  const cases: [m.Module, number[], string][] = [
    [new m.Linear(256, 10), [64, 400], 'Linear: expected input [*, 256], got [64, 400]'],
    [new m.Bilinear(2, 3, 4), [5, 3], 'Bilinear: expected input x1 [*, 2], got [5, 3]'],
    [new m.Conv2d(3, 8, 3), [2, 4, 5, 5], 'Conv2d: expected input [N, 3, H, W], got [2, 4, 5, 5]'],
    [new m.Conv2d(3, 8, 3), [3, 5], 'Conv2d: expected input [N, 3, H, W], got [3, 5]'],
    [new m.Conv1d(2, 4, 3), [1, 3, 10], 'Conv1d: expected input [N, 2, L], got [1, 3, 10]'],
    [new m.ConvTranspose2d(4, 2, 3), [1, 2, 5, 5], 'ConvTranspose2d: expected input [N, 4, H, W], got [1, 2, 5, 5]'],
    [new m.MaxPool2d(2), [4, 4], 'MaxPool2d: expected input [N, C, H, W] or [C, H, W], got [4, 4]'],
    [new m.MaxPool1d(2), [4], 'MaxPool1d: expected input [N, C, L] or [C, L], got [4]'],
    [new m.AvgPool2d(2), [1, 1, 1, 4, 4], 'AvgPool2d: expected input [N, C, H, W] or [C, H, W], got [1, 1, 1, 4, 4]'],
    [new m.AvgPool1d(2), [4], 'AvgPool1d: expected input [N, C, L] or [C, L], got [4]'],
    [new m.AdaptiveAvgPool2d(2), [4, 4], 'AdaptiveAvgPool2d: expected input [N, C, H, W] or [C, H, W], got [4, 4]'],
    [new m.BatchNorm1d(8), [4, 6], 'BatchNorm1d: expected input [N, 8] or [N, 8, L], got [4, 6]'],
    [new m.BatchNorm2d(8), [4, 8, 3], 'BatchNorm2d: expected input [N, 8, H, W], got [4, 8, 3]'],
    [new m.LayerNorm([3, 4]), [2, 4, 3], 'LayerNorm: expected input [*, 3, 4], got [2, 4, 3]'],
    [new m.GroupNorm(2, 6), [2, 4, 3], 'GroupNorm: expected input [N, 6, *], got [2, 4, 3]'],
    [new m.PReLU(3), [2, 4], 'PReLU: expected input [N, 3, *], got [2, 4]'],
    [new m.Unflatten(1, [2, 3]), [4, 5], 'Unflatten: expected input with dim 1 of size 2·3, got [4, 5]'],
  ];
  for (const [layer, shape, message] of cases) {
    const before = [...layer.stateDict()].map(([k, v]) => [k, v.toFlatArray()]);
    assert.throws(() => layer.call(zeros(shape), zeros([5, 3])), (e: unknown) => {
      assert.ok(e instanceof m.ShapeError, `${layer.constructor.name}: ${String(e)}`);
      assert.equal(e.message, message);
      return true;
    });
    assert.deepEqual([...layer.stateDict()].map(([k, v]) => [k, v.toFlatArray()]), before);
  }
});

test('a shape error inside a Sequential names the failing layer', () => {
  const net = new m.Sequential(new m.Conv2d(1, 4, 3), new m.Flatten(), new m.Linear(100, 10));
  assert.throws(() => net.call(zeros([2, 1, 8, 8])), /^ShapeError: Linear: expected input \[\*, 100\], got \[2, 144\]$/);
});

test('bad constructor arguments throw ArgumentErrors naming the layer', () => {
  const cases: [() => unknown, RegExp][] = [
    [() => new m.Linear(2.5, 3), /Linear: inFeatures must be an integer >= 0, got 2.5/],
    [() => new m.Conv2d(3, 8, 0), /Conv2d: kernelSize must be an integer >= 1, got 0/],
    [() => new m.Conv2d(3, 8, [3, 3, 3] as unknown as [number, number]), /Conv2d: kernelSize must be a number or 2 numbers, got \[3, 3, 3\]/],
    [() => new m.Conv2d(3, 8, 3, { groups: 2 }), /Conv2d: inChannels \(3\) and outChannels \(8\) must be divisible by groups \(2\)/],
    [() => new m.Conv2d(3, 8, 3, { padding: 'same', stride: 2 }), /Conv2d: padding='same' is not supported for strided convolutions/],
    [() => new m.Conv1d(3, 8, 3, { paddingMode: 'mirror' as 'reflect' }), /Conv1d: paddingMode must be 'zeros', 'reflect', 'replicate' or 'circular'/],
    [() => new m.ConvTranspose2d(2, 2, 3, { stride: 2, outputPadding: 2 }), /ConvTranspose2d: outputPadding must be smaller than either stride or dilation/],
    [() => new m.BatchNorm2d(0), /BatchNorm2d: numFeatures must be an integer >= 1, got 0/],
    [() => new m.BatchNorm1d(3, { momentum: 2 }), /BatchNorm1d: momentum must be in \[0, 1\] or null, got 2/],
    [() => new m.GroupNorm(4, 6), /GroupNorm: numChannels \(6\) must be divisible by numGroups \(4\)/],
    [() => new m.LayerNorm([3, 0]), /LayerNorm: normalizedShape must be an integer >= 1, got 0/],
    [() => new m.Dropout(-0.1), /Dropout: dropout probability has to be between 0 and 1, but got -0.1/],
    [() => new m.MSELoss({ reduction: 'avg' as 'mean' }), /MSELoss: reduction must be one of 'none', 'mean', 'sum', got 'avg'/],
  ];
  for (const [make, re] of cases) assert.throws(make, (e: unknown) => e instanceof m.ArgumentError && re.test(e.message), String(re));
});

test('toString of the options PyTorch prints only when not the default', () => {
  assert.equal(new m.Conv2d(2, 4, [3, 1], { stride: 2, padding: 'valid', dilation: [2, 1], groups: 2, bias: false }).toString(),
    'Conv2d(2, 4, kernel_size=(3, 1), stride=(2, 2), padding=valid, dilation=(2, 1), groups=2, bias=False)');
  assert.equal(new m.Bilinear(2, 3, 4, { bias: false }).toString(), 'Bilinear(in1_features=2, in2_features=3, out_features=4, bias=False)');
  assert.equal(new m.AdaptiveAvgPool2d([null, 3]).toString(), 'AdaptiveAvgPool2d(output_size=(None, 3))');
  assert.equal(new m.Dropout2d(0.25).toString(), 'Dropout2d(p=0.25, inplace=False)');
  assert.equal(new m.LayerNorm(8, { eps: 1e-6 }).toString(), 'LayerNorm((8,), eps=1e-06, elementwise_affine=True)');
  assert.equal(new m.Identity().toString(), 'Identity()');
});
