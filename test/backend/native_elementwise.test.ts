/**
 * Native elementwise kernels (generated from each primitive's `scalar.c`) against the js
 * reference: every unary and binary op, float32/float64 (bool output for comparisons and logical
 * ops), every input layout, broadcasting, NaN/±inf/±0, empty and 0-d views, and the int32/bool
 * calls that run on js per call.
 */
import { test } from 'node:test';
import { BINARY, UNARY } from '../../src/ops/primitives/index.js';
import type { DType } from '../../src/index.js';
import type { BinaryName, UnaryName } from '../../src/backend/kernel_types.js';
import { LAYOUTS, assertSame, js, makeView, native, outView, skip } from './native_helpers.js';

// float32: libm's float functions vs Math.* rounded to float: a few ulps apart
const TOL: Record<string, number> = { float32: 2e-6, float64: 1e-13 };
const SHAPES = [[3, 5], [2, 3, 4], [7], [1, 1, 6], [], [0, 3], [4, 1, 2, 3, 2]];

const unaryNames = Object.keys(UNARY) as Exclude<UnaryName, 'cast'>[];
const binaryNames = Object.keys(BINARY) as BinaryName[];

test('unary kernels match js for every op, dtype and layout', { skip }, () => {
  for (const name of unaryNames) {
    const boolOut = UNARY[name].spec.dtype === 'bool';
    for (const dtype of ['float32', 'float64'] as DType[]) {
      for (const shape of SHAPES) {
        for (const layout of LAYOUTS) {
          const x = makeView(shape, dtype, layout, shape.length * 7 + 1);
          const outDtype = boolOut ? 'bool' : dtype;
          const [a, b] = [outView(shape, outDtype), outView(shape, outDtype)];
          native!.kernels[name](x, a);
          js.kernels[name](x, b);
          assertSame(a, b, `${name} ${dtype} [${shape}] ${layout}`, TOL[dtype]);
        }
      }
    }
  }
});

test('binary kernels match js with broadcasting and strided operands', { skip }, () => {
  const shapes = [[4, 5], [2, 3, 4], [33], [], [0, 2]];
  for (const name of binaryNames) {
    const boolOut = BINARY[name].spec.dtype === 'compare' || BINARY[name].spec.dtype === 'logical';
    for (const dtype of ['float32', 'float64'] as DType[]) {
      for (const shape of shapes) {
        for (const la of LAYOUTS) {
          for (const lb of ['contig', 'broadcast', 'flipped'] as const) {
            const a = makeView(shape, dtype, la, 11);
            const b = makeView(shape, dtype, lb, 23);
            const outDtype = boolOut ? 'bool' : dtype;
            const [o1, o2] = [outView(shape, outDtype), outView(shape, outDtype)];
            native!.kernels[name](a, b, o1);
            js.kernels[name](a, b, o2);
            assertSame(o1, o2, `${name} ${dtype} [${shape}] ${la}/${lb}`, TOL[dtype]);
          }
        }
      }
    }
  }
});

test('binary kernels: scalar operands (stride 0 everywhere) on either side', { skip }, () => {
  for (const name of binaryNames) {
    const boolOut = BINARY[name].spec.dtype === 'compare' || BINARY[name].spec.dtype === 'logical';
    for (const dtype of ['float32', 'float64'] as DType[]) {
      const shape = [6, 7];
      const x = makeView(shape, dtype, 'contig', 5);
      const s = { ...makeView([], dtype, 'contig', 9), shape, strides: [0, 0] };
      for (const [a, b] of [[x, s], [s, x]]) {
        const outDtype = boolOut ? 'bool' : dtype;
        const [o1, o2] = [outView(shape, outDtype), outView(shape, outDtype)];
        native!.kernels[name](a!, b!, o1);
        js.kernels[name](a!, b!, o2);
        assertSame(o1, o2, `${name} ${dtype} scalar`, TOL[dtype]);
      }
    }
  }
});

test('logical and comparison kernels take bool inputs natively', { skip }, () => {
  for (const name of ['logicalAnd', 'logicalOr', 'cmpEq', 'cmpLt', 'cmpLe'] as const) {
    const a = makeView([5, 4], 'bool', 'transposed', 3);
    const b = makeView([5, 4], 'bool', 'contig', 4);
    const [o1, o2] = [outView([5, 4], 'bool'), outView([5, 4], 'bool')];
    native!.kernels[name](a, b, o1);
    js.kernels[name](a, b, o2);
    assertSame(o1, o2, name);
  }
  const x = makeView([9], 'bool', 'flipped', 2);
  const [o1, o2] = [outView([9], 'bool'), outView([9], 'bool')];
  native!.kernels.logicalNot(x, o1);
  js.kernels.logicalNot(x, o2);
  assertSame(o1, o2, 'logicalNot bool');
});

test('int32 and bool arithmetic run on js per call, with the same results', { skip }, () => {
  for (const name of ['add', 'sub', 'mul', 'maximum', 'minimum', 'fmod', 'cmpLt'] as const) {
    for (const dtype of ['int32', 'bool'] as DType[]) {
      const a = makeView([4, 3], dtype, 'flipped', 1);
      const b = makeView([4, 3], dtype, 'broadcast', 2);
      const outDtype = name === 'cmpLt' ? 'bool' : dtype;
      const [o1, o2] = [outView([4, 3], outDtype), outView([4, 3], outDtype)];
      native!.kernels[name](a, b, o1);
      js.kernels[name](a, b, o2);
      assertSame(o1, o2, `${name} ${dtype}`);
    }
  }
  for (const name of ['neg', 'abs', 'sign', 'floor'] as const) {
    const x = makeView([5], 'int32', 'gapped', 4);
    const [o1, o2] = [outView([5], 'int32'), outView([5], 'int32')];
    native!.kernels[name](x, o1);
    js.kernels[name](x, o2);
    assertSame(o1, o2, `${name} int32`);
  }
});

test('large elementwise calls (many chunks) match js', { skip }, () => {
  const shape = [300, 701];
  for (const name of ['add', 'mul', 'div', 'pow', 'maximum', 'cmpLe'] as const) {
    const a = makeView(shape, 'float32', 'transposed', 3);
    const b = makeView(shape, 'float32', 'broadcast', 4);
    const boolOut = name === 'cmpLe';
    const [o1, o2] = [outView(shape, boolOut ? 'bool' : 'float32'), outView(shape, boolOut ? 'bool' : 'float32')];
    native!.kernels[name](a, b, o1);
    js.kernels[name](a, b, o2);
    assertSame(o1, o2, `${name} large`, TOL.float32);
  }
  for (const name of ['exp', 'tanh', 'sqrt', 'neg'] as const) {
    const x = makeView(shape, 'float64', 'flipped', 8);
    const [o1, o2] = [outView(shape, 'float64'), outView(shape, 'float64')];
    native!.kernels[name](x, o1);
    js.kernels[name](x, o2);
    assertSame(o1, o2, `${name} large`, TOL.float64);
  }
});
