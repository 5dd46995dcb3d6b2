/**
 * The native fused kernels (native/src/fused.cc) against their composites, which are the
 * reference: conv2d, maxPool2d, relu and crossEntropy on the native backend, forward values and
 * every input's gradient, with the fused paths on and off (setFusedEnabled). Also: createGraph
 * through a fused op (second derivatives come from the composite), and bad calls straight into
 * the addon, which must throw rather than crash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Tensor, conv2d, crossEntropy, functional, gradients, manualSeed, maxPool2d, noGrad, randint, randn, relu, setBackend, tensor,
} from '../../src/index.js';
import { fusedKernels, unfilled } from '../../src/backend/native/fused.js';
import { native } from './native_helpers.js';
import { both, checkConvs, checkLinears, close, valueAndGrads } from './fused_helpers.js';

const skip = !native ? 'the native addon is not built on this machine' : false;

test('fused conv2d equals the composite (values, dx, dw, db)', { skip }, () => {
  checkConvs((x, w, b, opts) => conv2d(x, w, b, opts), 'conv', 7);
});

test('fused conv2d with non-finite pixels or weights matches the composite (the wide layout drops its extra columns)', { skip }, () => {
  for (const where of ['x', 'w'] as const) {
    const make = (): { out: Tensor; params: Tensor[] } => {
      const x = randn([2, 2, 7, 7]);
      const w = randn([16, 2, 3, 3]);
      if (where === 'x') (x.data[10] = Infinity, x.data[60] = NaN);
      else w.data[3] = Infinity;
      x.requiresGrad_();
      w.requiresGrad_();
      return { out: conv2d(x, w, null, { padding: 1 }), params: [x, w] };
    };
    const [f, r] = both(() => valueAndGrads(make, 77));
    f.forEach((t, j) => close(t, r[j]!, 1e-4, `conv non-finite ${where} out ${j}`));
  }
});

test('fused conv2d skips gradients nobody needs and leaves float64 to the composite', { skip }, () => {
  const [f, r] = both(() => {
    manualSeed(3);
    const x = randn([2, 1, 8, 8]);
    const w = randn([3, 1, 3, 3], { requiresGrad: true });
    const y = conv2d(x, w, null, { padding: 1 });
    return [y.detach(), ...gradients([y.sum()], [w])];
  });
  f.forEach((t, j) => close(t, r[j]!, 1e-4, `conv x-free ${j}`));
  const [f64] = both(() => conv2d(randn([1, 1, 4, 4], { dtype: 'float64' }), randn([1, 1, 3, 3], { dtype: 'float64' })));
  assert.equal(f64.dtype, 'float64');
});

test('fused linear equals the composite (values, dx, dW, db; 3-d input, no bias, frozen input, no rows)', { skip }, () => {
  checkLinears((x, w, b) => functional.linear(x, w, b), 'linear', 60);
});

test('fused maxPool2d equals the composite (values, indices, dx; NaN, ties, padding, ceil mode)', { skip }, () => {
  const cases = [
    // 2x2 / stride 2 on even sizes: the indexed fast path (pool2x2_indexed)
    { x: [2, 3, 8, 8], k: 2, opts: {} },
    { x: [3, 2, 6, 4], k: 2, opts: {} },
    { x: [1, 2, 7, 9], k: 3, opts: { stride: 2, padding: 1, ceilMode: true } },
    { x: [2, 1, 9, 9], k: [2, 3], opts: { stride: [1, 2], dilation: [2, 1], padding: [1, 1] } },
  ] as const;
  for (const dtype of ['float32', 'float64'] as const) {
    cases.forEach((c, i) => {
      const make = (): { out: Tensor; params: Tensor[] } => {
        let x = randn([...c.x], { dtype });
        // ties and NaN: round some values, poison one in a top row and one in a bottom row
        x = x.mul(2).round().div(2);
        x.data[5] = NaN;
        x.data[x.data.length - 3] = NaN;
        x.requiresGrad_();
        return { out: maxPool2d(x, c.k as never, c.opts as never), params: [x] };
      };
      const [f, r] = both(() => valueAndGrads(make, 20 + i));
      f.forEach((t, j) => close(t, r[j]!, 1e-6, `pool ${dtype} ${i} out ${j}`));
      const [fi, ri] = both(() => {
        manualSeed(40 + i);
        return (maxPool2d(randn([...c.x], { dtype }).round(), c.k as never, { ...c.opts, returnIndices: true } as never) as unknown as { indices: Tensor }).indices;
      });
      close(fi, ri, 0, `pool ${dtype} ${i} indices`);
    });
  }
});

test('fused maxPool2d without gradients (values only, the 2x2 fast path) equals the composite, zero signs included', { skip }, () => {
  const cases = [
    { x: [3, 4, 28, 28], k: 2, opts: {} },
    { x: [9, 6, 28, 28], k: 2, opts: {} }, // outputs over 64 KB: unfilled arrays, every element must be written
    { x: [2, 3, 10, 10], k: 2, opts: {} },
    { x: [1, 2, 4, 2], k: 2, opts: { stride: 2 } },
    { x: [2, 2, 7, 9], k: 2, opts: {} },
    { x: [2, 2, 8, 8], k: 2, opts: { padding: 1 } },
    { x: [1, 2, 9, 9], k: 3, opts: { stride: 2, padding: 1, ceilMode: true } },
  ] as const;
  for (const dtype of ['float32', 'float64'] as const) {
    cases.forEach((c, i) => {
      const [f, r] = both(() => noGrad(() => {
        manualSeed(60 + i);
        // few distinct values: ties everywhere, ±0 among them, NaN and ±inf here and there
        const x = randn([...c.x], { dtype }).mul(0.7).round();
        const d = x.data;
        for (let j = 0; j < d.length; j += 7) d[j] = j % 3 === 0 ? -0 : 0;
        for (const [j, v] of [[5, NaN], [6, NaN], [40, Infinity], [41, -Infinity], [d.length - 1, NaN]] as const) if (j < d.length) d[j] = v;
        return maxPool2d(x, c.k as never, c.opts as never);
      }));
      assert.deepEqual(f.shape, r.shape);
      const [a, b] = [f.toTypedArray(), r.toTypedArray()];
      for (let j = 0; j < a.length; j++) assert.ok(Object.is(a[j], b[j]), `pool values ${dtype} ${i} [${j}]: ${a[j]} vs ${b[j]}`);
    });
  }
  // the kernel called directly: null indices, and bad sizes throw
  setBackend('native');
  const k = fusedKernels()!;
  const x = new Float32Array([1, 2, 3, 4, -0, 0, NaN, 5]);
  const y = new Float32Array(2);
  k.maxPool2dForward(x, y, null, 1, 2, 2, 2, 2, 2, 2, 2, 0, 0, 1, 1, 1, 1);
  assert.ok(y[0] === 4 && Number.isNaN(y[1]));
  assert.throws(() => k.maxPool2dForward(x, new Float32Array(1), null, 1, 2, 2, 2, 2, 2, 2, 2, 0, 0, 1, 1, 1, 1), /maxPool2dForward/);
  assert.throws(() => k.maxPool2dForward(x.subarray(1), y, null, 1, 2, 2, 2, 2, 2, 2, 2, 0, 0, 1, 1, 1, 1), /maxPool2dForward/);
});

test('unfilled: own buffer at offset 0 for large outputs, zeroed arrays below 64 KB', () => {
  const big = unfilled([300, 100], 'float32');
  assert.ok(big instanceof Float32Array && big.length === 30000 && big.byteOffset === 0 && big.buffer.byteLength === 120000);
  const small = unfilled([10, 10], 'int32');
  assert.ok(small instanceof Int32Array && small.length === 100 && small.every((v) => v === 0));
  assert.ok(unfilled([0, 5], 'float64') instanceof Float64Array);
});

test('fused relu equals the composite (NaN, ±0, gradient 0 at 0)', { skip }, () => {
  for (const dtype of ['float32', 'float64'] as const) {
    const [f, r] = both(() => {
      const x = tensor([-2, -0, 0, 0.5, NaN, Infinity, -Infinity, 3], { dtype, requiresGrad: true });
      const y = relu(x);
      return [y.detach(), ...gradients([y.mul(tensor([1, 2, 3, 4, 5, 6, 7, 8], { dtype })).sum()], [x])];
    });
    f.forEach((t, j) => close(t, r[j]!, 0, `relu ${dtype} ${j}`));
  }
});

test('fused crossEntropy equals the composite (mean, sum, ignored targets, large logits)', { skip }, () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const reduction of ['mean', 'sum'] as const) {
      for (const ignoreIndex of [-100, 2]) {
        const make = (): { out: Tensor; params: Tensor[] } => {
          const x = randn([9, 5], { dtype }).mul(30);
          x.data[7] = 1000;
          x.requiresGrad_();
          const t = randint(0, 5, [9], { dtype: 'int32' });
          t.data[0] = ignoreIndex === 2 ? 2 : 1;
          return { out: crossEntropy(x, t, { reduction, ignoreIndex }), params: [x] };
        };
        const [f, r] = both(() => valueAndGrads(make, 50));
        f.forEach((t, j) => close(t, r[j]!, dtype === 'float32' ? 1e-5 : 1e-12, `ce ${dtype} ${reduction} ${ignoreIndex} ${j}`));
      }
    }
  }
  const [f, r] = both(() => crossEntropy(tensor([[1, 2]]), tensor([0], { dtype: 'int32' }), { ignoreIndex: 0 }));
  assert.ok(Number.isNaN(f.item()) && Number.isNaN(r.item()), 'all targets ignored: NaN');
});

test('second derivatives through fused ops come from the composite', { skip }, () => {
  const [f, r] = both(() => {
    manualSeed(9);
    const x = randn([2, 1, 6, 6], { dtype: 'float32', requiresGrad: true });
    const w = randn([2, 1, 3, 3], { requiresGrad: true });
    const t = randint(0, 2, [2], { dtype: 'int32' });
    const h = maxPool2d(relu(conv2d(x, w, null, { padding: 1 })), 2);
    const loss = crossEntropy(h.sum([2, 3]), t);
    const [gx] = gradients([loss], [x], { createGraph: true });
    const [ggw] = gradients([gx!.pow(2).sum()], [w]);
    return [gx!.detach(), ggw!];
  });
  f.forEach((t, j) => close(t, r[j]!, 1e-4, `double backward ${j}`));
});

test('the fused kernels reject bad calls without crashing', { skip }, () => {
  const f = (() => { setBackend('native'); try { return fusedKernels()!; } finally { setBackend('native'); } })();
  const a = new Float32Array(16);
  const bad: [string, () => void][] = [
    ['conv short x', () => f.conv2dForward(new Float32Array(3), new Float32Array(9), null, new Float32Array(4), 1, 1, 4, 4, 1, 3, 3, 1, 1, 0, 0, 1, 1)],
    ['conv short y', () => f.conv2dForward(a, new Float32Array(9), null, new Float32Array(3), 1, 1, 4, 4, 1, 3, 3, 1, 1, 0, 0, 1, 1)],
    ['conv wrong dtype', () => f.conv2dForward(new Float64Array(16) as never, new Float32Array(9), null, new Float32Array(4), 1, 1, 4, 4, 1, 3, 3, 1, 1, 0, 0, 1, 1)],
    ['conv zero stride', () => f.conv2dForward(a, new Float32Array(9), null, new Float32Array(4), 1, 1, 4, 4, 1, 3, 3, 0, 1, 0, 0, 1, 1)],
    ['conv kernel too big', () => f.conv2dForward(a, new Float32Array(25), null, new Float32Array(4), 1, 1, 4, 4, 1, 5, 5, 1, 1, 0, 0, 1, 1)],
    ['conv negative', () => f.conv2dForward(a, new Float32Array(9), null, new Float32Array(4), -1, 1, 4, 4, 1, 3, 3, 1, 1, 0, 0, 1, 1)],
    ['conv huge', () => f.conv2dForward(a, new Float32Array(9), null, new Float32Array(4), 2 ** 40, 2 ** 40, 4, 4, 1, 3, 3, 1, 1, 0, 0, 1, 1)],
    ['conv bwd short dx', () => f.conv2dBackward(a, new Float32Array(9), new Float32Array(4), new Float32Array(3), null, null, 1, 1, 4, 4, 1, 3, 3, 1, 1, 0, 0, 1, 1)],
    ['pool oh too big', () => f.maxPool2dForward(a, new Float32Array(16), new Int32Array(16), 1, 1, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1, 4, 4)],
    ['pool idx dtype', () => f.maxPool2dForward(a, new Float32Array(4), new Float32Array(4) as never, 1, 1, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1, 2, 2)],
    ['pool bwd short dx', () => f.maxPool2dBackward(new Float32Array(4), new Int32Array(4), new Float32Array(15), 1, 1, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1, 2, 2)],
    ['linear short w', () => f.linearForward(a, new Float32Array(7), null, new Float32Array(8), 2, 8, 1)],
    ['linear short y', () => f.linearForward(a, new Float32Array(8), null, new Float32Array(1), 2, 8, 1)],
    ['linear bwd short dw', () => f.linearBackward(a, new Float32Array(8), new Float32Array(2), null, new Float32Array(7), null, 2, 8, 1)],
    ['linear fractional', () => f.linearForward(a, new Float32Array(8), null, new Float32Array(2), 2.5, 8, 1)],
    ['relu lengths', () => f.reluForward(a, new Float32Array(15))],
    ['relu dtypes', () => f.reluBackward(a, new Float64Array(16) as never, a)],
    ['ce short logp', () => f.crossEntropyForward(a, new Int32Array(4), new Float32Array(15), 4, 4, -100)],
    ['ce short targets', () => f.crossEntropyBackward(a, new Int32Array(3), a, 4, 4, -100, 1)],
    ['ce not arrays', () => f.crossEntropyForward(1 as never, 2 as never, 3 as never, 4, 4, -100)],
  ];
  for (const [what, call] of bad) assert.throws(call, /myelin native/, what);
  // out-of-range indices in a pooling backward are skipped, not written
  const dx = new Float32Array(16);
  f.maxPool2dBackward(new Float32Array([1, 2, 3, 4]), new Int32Array([-5, 99, 2 ** 31 - 1, 3]), dx, 1, 1, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1, 2, 2);
  assert.equal(dx[3], 4);
  assert.equal(dx.reduce((s, v) => s + v, 0), 4);
  // out-of-range targets in a cross-entropy call are skipped
  const lp = new Float32Array(4);
  assert.deepEqual(f.crossEntropyForward(new Float32Array(4), new Int32Array([7, -3]), lp, 2, 2, -100), [0, 0]);
});
