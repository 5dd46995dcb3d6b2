import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Conv2d, Flatten, Linear, Sequential, assign_, manualSeed, ones, randn, tensor, zeros, type Tensor } from '../index.js';
import { occlusion } from './index.js';

/** Class 0 sums the pixels of rows 2-3, columns 4-5 of an 8x8 image; class 1 is the negative of pixel (0, 0). */
function regionNet(): Sequential {
  const conv = new Conv2d(1, 1, 1, { bias: false });
  assign_(conv.weight, ones([1, 1, 1, 1]));
  const w = zeros([2, 64]).toArray() as number[][];
  for (const [i, j] of [[2, 4], [2, 5], [3, 4], [3, 5]] as const) w[0]![i * 8 + j] = 1;
  w[1]![0] = -1;
  const fc = new Linear(64, 2, { bias: false });
  assign_(fc.weight, tensor(w));
  return new Sequential(conv, new Flatten(), fc);
}

test('occlusion on a hand-built net: the planted region, and only it, matters', () => {
  const net = regionNet();
  const x = ones([1, 1, 8, 8]);
  const a = occlusion(net, x, { target: 0, window: 2 }).toArray() as number[][][][];
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) {
      const inside = (i === 2 || i === 3) && (j === 4 || j === 5);
      // a 2x2 window at (2, 4) hides all four region pixels: the score drops by 4
      assert.equal(a[0]![0]![i]![j], inside ? 4 : 0, `(${i}, ${j})`);
    }
  }
  // stride 1, window 1: exactly each pixel's own contribution
  const fine = occlusion(net, x, { target: 0, window: 1 }).toArray() as number[][][][];
  assert.equal(fine[0]![0]![3]![5], 1);
  assert.equal(fine[0]![0]![1]![5], 0);
  // overlapping windows average: a 3x3 window with stride 1
  const smooth = occlusion(net, x, { target: 0, window: 3, stride: 1 }).toArray() as number[][][][];
  assert.ok(smooth[0]![0]![2]![4]! > smooth[0]![0]![7]![0]!);
  // class 1 is hurt by pixel (0, 0): occluding it raises the score, a negative attribution
  const c1 = occlusion(net, x, { target: 1, window: 1 }).toArray() as number[][][][];
  assert.equal(c1[0]![0]![0]![0], -1);
});

test('occlusion covers the edge with a flush last window, uses the baseline, and batches transparently', () => {
  manualSeed(6);
  const f = (t: Tensor): Tensor => t.reshape([t.shape[0]!, -1]).mul(tensor([1, 2, 3, 4, 5])).sum(1, true);
  const x = randn([3, 5]);
  const xs = x.toArray() as number[][];
  // window 2 stride 2 on 5 features: windows at 0, 2 and a flush one at 3 (feature 3 is covered twice)
  const a = occlusion(f, x, { window: 2 }).toArray() as number[][];
  xs.forEach((row, s) => {
    const drop = (lo: number): number => row[lo]! * (lo + 1) + row[lo + 1]! * (lo + 2);
    const expected = [drop(0), drop(0), drop(2), (drop(2) + drop(3)) / 2, drop(3)];
    expected.forEach((e, k) => assert.ok(Math.abs(a[s]![k]! - e) < 1e-4, `sample ${s} feature ${k}: ${a[s]![k]} vs ${e}`));
  });
  assert.deepEqual(occlusion(f, x, { window: 2, batchSize: 2 }).toFlatArray(), a.flat());
  const withBaseline = occlusion(f, x, { window: 1, baseline: 1 }).toArray() as number[][];
  xs.forEach((row, s) => row.forEach((v, k) => assert.ok(Math.abs(withBaseline[s]![k]! - (v - 1) * (k + 1)) < 1e-4)));
  assert.throws(() => occlusion(f, x, { window: [2, 2] }), /window needs 1 value\(s\) for spatial size \[5\]/);
  assert.throws(() => occlusion(f, randn([2, 1, 1, 2, 2])), /must be \(N, F\), \(N, C, L\) or \(N, C, H, W\)/);
});

test('occlusion of RGB images hides every channel at once', () => {
  const f = (t: Tensor): Tensor => t.select(1, 2).sum([1, 2]).reshape([-1, 1]); // only the blue channel counts
  const a = occlusion(f, ones([1, 3, 4, 4]), { window: 2 });
  assert.deepEqual(a.shape, [1, 3, 4, 4]);
  assert.ok(a.toFlatArray().every((v) => v === 4));
});
