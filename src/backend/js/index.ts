/**
 * The reference backend: plain TypeScript loops over typed arrays, float64 supported. Every
 * other backend is tested against it. Elementwise kernels come from each primitive's `scalar.js`.
 */
import type { Backend } from '../backend.js';
import type { BinaryKernel, BinaryName, KernelTable, UnaryKernel, UnaryName } from '../kernel_types.js';
import { UNARY, BINARY } from '../../ops/primitives/index.js';
import { jsCast, jsWhere, makeBinary, makeUnary } from './kernels/elementwise.js';
import { jsAmax, jsArgmax, jsCumsum, jsProd, jsSum } from './kernels/reduce.js';
import { jsMatmul } from './kernels/matmul.js';
import { jsCat, jsGather, jsPad, jsScatter } from './kernels/copy.js';
import { jsCol2im, jsIm2col } from './kernels/window.js';

function mapValues<K extends string, V, R>(obj: Record<K, V>, f: (v: V) => R): Record<K, R> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v as V)])) as Record<K, R>;
}

export function createJsBackend(): Backend {
  const unary: Record<UnaryName, UnaryKernel> = {
    ...mapValues(UNARY, (p) => makeUnary(p.scalar.js)),
    cast: jsCast,
  };
  const binary: Record<BinaryName, BinaryKernel> = mapValues(BINARY, (p) => makeBinary(p.scalar.js));
  const kernels = {
    ...unary,
    ...binary,
    sum: jsSum,
    prod: jsProd,
    amax: jsAmax,
    where: jsWhere,
    argmax: jsArgmax,
    cumsum: jsCumsum,
    matmul: jsMatmul,
    pad: jsPad,
    cat: jsCat,
    gather: jsGather,
    scatter: jsScatter,
    im2col: jsIm2col,
    col2im: jsCol2im,
  } satisfies KernelTable;
  return { name: 'js', kernels, fallbacks: new Set() };
}
