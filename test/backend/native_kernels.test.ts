/**
 * Native non-elementwise kernels against the js reference: reductions, cast (every dtype pair),
 * where, argmax, cumsum, pad, cat, gather, scatter, im2col, col2im, on strided, flipped and
 * broadcast inputs with NaN/±inf, empty and 0-d views.
 */
import { test } from 'node:test';
import type { DType, View, WindowParams } from '../../src/index.js';
import { DTYPES } from '../../src/index.js';
import { LAYOUTS, assertSame, js, makeView, native, outView, skip } from './native_helpers.js';

const FLOATS: DType[] = ['float32', 'float64'];
const keep = (shape: number[], dims: number[]): number[] => shape.map((s, d) => (dims.includes(d) ? 1 : s));

test('sum, prod and amax match js over every dim subset and layout', { skip }, () => {
  const cases: [number[], number[][]][] = [
    [[3, 4, 5], [[0], [1], [2], [0, 2], [1, 2], [0, 1, 2], []]],
    [[6, 40], [[1], [0], [0, 1]]],
    [[2, 1, 33], [[2], [1], [0, 1]]],
    [[], [[]]],
    [[0, 3], [[0], [1]]],
  ];
  for (const name of ['sum', 'prod', 'amax'] as const) {
    for (const dtype of FLOATS) {
      for (const [shape, dimSets] of cases) {
        for (const dims of dimSets) {
          for (const layout of LAYOUTS) {
            const x = makeView(shape, dtype, layout, 5, name !== 'prod');
            const [a, b] = [outView(keep(shape, dims), dtype), outView(keep(shape, dims), dtype)];
            native!.kernels[name](x, dims, a);
            js.kernels[name](x, dims, b);
            assertSame(a, b, `${name} ${dtype} [${shape}] dims [${dims}] ${layout}`, dtype === 'float32' ? 1e-6 : 1e-12, 1e-12);
          }
        }
      }
    }
  }
});

test('cast matches js for every dtype pair (ToInt32 wrapping, NaN -> 0, x != 0 for bool)', { skip }, () => {
  const specials = new Float64Array([NaN, Infinity, -Infinity, -0, 0.5, -2.5, 2.5, 3e9, -3e9, 2 ** 31, -(2 ** 31) - 1, 255.9, 1e300, -7]);
  for (const from of DTYPES) {
    for (const to of DTYPES) {
      for (const layout of LAYOUTS) {
        const x = makeView([4, 6], from, layout, 3);
        if (from === 'float64' || from === 'float32') for (let i = 0; i < specials.length && i < x.data.length; i++) x.data[i] = specials[i]!;
        const [a, b] = [outView([4, 6], to), outView([4, 6], to)];
        native!.kernels.cast(x, a);
        js.kernels.cast(x, b);
        assertSame(a, b, `cast ${from} -> ${to} ${layout}`);
      }
    }
  }
});

test('where matches js for every dtype with broadcast operands', { skip }, () => {
  for (const dtype of DTYPES) {
    for (const layout of LAYOUTS) {
      const c = makeView([5, 6], 'bool', layout, 1);
      const a = makeView([5, 6], dtype, 'broadcast', 2);
      const b = makeView([5, 6], dtype, 'flipped', 3);
      const [o1, o2] = [outView([5, 6], dtype), outView([5, 6], dtype)];
      native!.kernels.where(c, a, b, o1);
      js.kernels.where(c, a, b, o2);
      assertSame(o1, o2, `where ${dtype} ${layout}`);
    }
  }
});

test('argmax (NaN wins, first of ties) and cumsum match js', { skip }, () => {
  for (const dtype of DTYPES) {
    for (const layout of LAYOUTS) {
      for (const dim of [0, 1, 2]) {
        const x = makeView([3, 4, 5], dtype, layout, 7 + dim);
        const shape = keep([3, 4, 5], [dim]);
        const [a, b] = [outView(shape, 'int32'), outView(shape, 'int32')];
        native!.kernels.argmax(x, dim, a);
        js.kernels.argmax(x, dim, b);
        assertSame(a, b, `argmax ${dtype} dim ${dim} ${layout}`);
        if (dtype === 'bool') continue;
        const [c, d] = [outView([3, 4, 5], dtype), outView([3, 4, 5], dtype)];
        native!.kernels.cumsum(x, dim, c);
        js.kernels.cumsum(x, dim, d);
        assertSame(c, d, `cumsum ${dtype} dim ${dim} ${layout}`, 1e-6);
      }
    }
  }
});

test('pad and cat match js for every dtype', { skip }, () => {
  for (const dtype of DTYPES) {
    for (const layout of LAYOUTS) {
      const x = makeView([3, 4], dtype, layout, 4);
      const pads: [number, number][] = [[1, 2], [0, 3]];
      const [a, b] = [outView([6, 7], dtype), outView([6, 7], dtype)];
      native!.kernels.pad(x, pads, dtype === 'bool' ? 1 : -Infinity, a);
      js.kernels.pad(x, pads, dtype === 'bool' ? 1 : -Infinity, b);
      assertSame(a, b, `pad ${dtype} ${layout}`);
      const y = makeView([3, 2], dtype, 'flipped', 5);
      const z = makeView([3, 0], dtype, 'contig', 6);
      const [c, d] = [outView([3, 6], dtype), outView([3, 6], dtype)];
      native!.kernels.cat([x, z, y], 1, c);
      js.kernels.cat([x, z, y], 1, d);
      assertSame(c, d, `cat ${dtype} ${layout}`);
    }
  }
});

function indexView(shape: number[], size: number, seed: number): View {
  const v = makeView(shape, 'int32', 'contig', seed);
  for (let i = 0; i < v.data.length; i++) v.data[i] = ((v.data[i]! % size) + size) % size;
  return v;
}

test('gather and scatter (with repeated indices, accumulate or not) match js', { skip }, () => {
  for (const dtype of DTYPES) {
    for (const layout of LAYOUTS) {
      for (const dim of [0, 1]) {
        const x = makeView([4, 5], dtype, layout, 2);
        const index = indexView([3, 4], [4, 5][dim]!, 9 + dim);
        const [a, b] = [outView([3, 4], dtype), outView([3, 4], dtype)];
        native!.kernels.gather(x, dim, index, a);
        js.kernels.gather(x, dim, index, b);
        assertSame(a, b, `gather ${dtype} dim ${dim} ${layout}`);
        const src = makeView([3, 5], dtype, 'transposed', 3);
        for (const accumulate of [false, true]) {
          const [c, d] = [outView([4, 5], dtype), outView([4, 5], dtype)];
          native!.kernels.scatter(x, dim, index, src, accumulate, c);
          js.kernels.scatter(x, dim, index, src, accumulate, d);
          assertSame(c, d, `scatter ${dtype} dim ${dim} acc ${accumulate} ${layout}`);
        }
      }
    }
  }
});

const WINDOWS: WindowParams[] = [
  { kernel: [2, 3], stride: [2, 1], padding: [1, 1], dilation: [1, 2] },
  { kernel: [3, 3], stride: [1, 1], padding: [0, 0], dilation: [1, 1] },
  { kernel: [2, 2], stride: [2, 2], padding: [1, 0], dilation: [2, 1] },
];
const outSize = (n: number, k: number, s: number, p: number, d: number): number => Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;

test('im2col (any dtype, -inf padding) and col2im match js', { skip }, () => {
  for (const p of WINDOWS) {
    const [N, C, H, W] = [2, 3, 6, 7];
    const oh = outSize(H, p.kernel[0], p.stride[0], p.padding[0], p.dilation[0]);
    const ow = outSize(W, p.kernel[1], p.stride[1], p.padding[1], p.dilation[1]);
    const colShape = [N, C * p.kernel[0] * p.kernel[1], oh * ow];
    for (const dtype of DTYPES) {
      for (const layout of LAYOUTS) {
        const x = makeView([N, C, H, W], dtype, layout, 4);
        const [a, b] = [outView(colShape, dtype), outView(colShape, dtype)];
        native!.kernels.im2col(x, p, -Infinity, a);
        js.kernels.im2col(x, p, -Infinity, b);
        assertSame(a, b, `im2col ${dtype} ${layout} ${JSON.stringify(p)}`);
        if (dtype !== 'float32' && dtype !== 'float64') continue;
        const cols = makeView(colShape, dtype, layout, 8, false);
        const [c, d] = [outView([N, C, H, W], dtype), outView([N, C, H, W], dtype)];
        native!.kernels.col2im(cols, p, c);
        js.kernels.col2im(cols, p, d);
        assertSame(c, d, `col2im ${dtype} ${layout}`, 1e-6, 1e-12);
      }
    }
  }
});

test('matmul runs (natively once gemm.cc is built in, else on js) and matches js', { skip }, () => {
  for (const dtype of FLOATS) {
    for (const [la, lb] of [['contig', 'contig'], ['transposed', 'flipped'], ['gapped', 'broadcast']] as const) {
      const a = makeView([2, 5, 7], dtype, la, 1, false);
      const b = makeView([2, 7, 3], dtype, lb, 2, false);
      const [c, d] = [outView([2, 5, 3], dtype), outView([2, 5, 3], dtype)];
      native!.kernels.matmul(a, b, c);
      js.kernels.matmul(a, b, d);
      assertSame(c, d, `matmul ${dtype} ${la}/${lb}`, dtype === 'float32' ? 1e-4 : 1e-12, 1e-5);
    }
  }
});
