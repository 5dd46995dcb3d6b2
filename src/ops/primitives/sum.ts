import { kernels } from '../../backend/registry.js';
import { Tensor } from '../../tensor/tensor.js';
import { normalizeDims } from '../../tensor/shape.js';
import { cast, empty, record } from '../primitive.js';
import { expand } from './expand.js';
import { reshape } from './reshape.js';

/** Output shape of a reduction with keepDim: reduced dims become 1. */
export function keepDimShape(shape: readonly number[], dims: readonly number[]): number[] {
  return shape.map((s, d) => (dims.includes(d) ? 1 : s));
}

/** The reduced dims dropped unless keepDim: same storage, no graph node of its own. */
export function finishReduce(y: Tensor, x: Tensor, dims: readonly number[], keepDim: boolean): Tensor {
  return keepDim ? y : new Tensor(y.data, x.shape.filter((_, d) => !dims.includes(d)), y.dtype);
}

/** dy of a reduction (keepDim or not) broadcast back to the input's shape. */
export function unreduce(dy: Tensor, x: Tensor, dims: readonly number[]): Tensor {
  return expand(reshape(dy, keepDimShape(x.shape, dims)), x.shape);
}

/**
 * Sum over `dim` (one dim, a list, or all when omitted). Bool and int32 sum as int32.
 * @example sum(tensor([[1, 2], [3, 4]]), 1).toArray() // [3, 7]
 */
export function sum(x: Tensor, dim?: number | readonly number[], keepDim = false): Tensor {
  const dims = normalizeDims('sum', dim, x.ndim);
  const xs = x.dtype === 'bool' ? cast(x, 'int32') : x;
  const out = empty(keepDimShape(x.shape, dims), xs.dtype);
  kernels().sum(xs, dims, out);
  // d/dx_i Σx = 1: broadcast dy back over the reduced dims
  return record('sum', [xs], dims, ({ dy, inputs: [xi], attrs }) => [unreduce(dy, xi!, attrs)], finishReduce(out, x, dims, keepDim));
}
