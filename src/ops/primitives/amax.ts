import { ArgumentError, fmtShape } from '../../errors.js';
import { kernels } from '../../backend/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { normalizeDims } from '../../tensor/shape.js';
import { cast, empty, record } from '../primitive.js';
import { cmpEq } from './cmp_eq.js';
import { div } from './div.js';
import { mul } from './mul.js';
import { keepDimShape, finishReduce, sum, unreduce } from './sum.js';

/**
 * Largest value over `dim` (one, a list, or all). NaN propagates. Ties share the gradient evenly.
 * @example amax(tensor([[1, 5], [7, 2]]), 1).toArray() // [5, 7]
 */
export function amax(x: Tensor, dim?: number | readonly number[], keepDim = false): Tensor {
  const dims = normalizeDims('amax', dim, x.ndim);
  if (dims.some((d) => x.shape[d] === 0) || (x.numel === 0 && dims.length === x.ndim)) {
    throw new ArgumentError(`amax: cannot reduce over an empty dim of a tensor of shape ${fmtShape(x.shape)}`);
  }
  const xs = x.dtype === 'bool' ? cast(x, 'int32') : x;
  const out = empty(keepDimShape(x.shape, dims), xs.dtype);
  kernels().amax(xs, dims, out);
  return record('amax', [xs], dims, ({ dy, y, inputs: [xi], attrs }) => {
    // the max entries (ties included) share dy equally
    const mask = cast(cmpEq(xi!, unreduce(y, xi!, attrs)), dy.dtype);
    return [mul(unreduce(dy, xi!, attrs), div(mask, sum(mask, attrs, true)))];
  }, finishReduce(out, x, dims, keepDim));
}
