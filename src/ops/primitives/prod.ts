import { kernels } from '../../backend/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { normalizeDims } from '../../tensor/shape.js';
import { cast, empty, record } from '../primitive.js';
import { cmpEq } from './cmp_eq.js';
import { div } from './div.js';
import { reshape } from './reshape.js';
import { logicalAnd } from './logical_and.js';
import { mul } from './mul.js';
import { keepDimShape, finishReduce, sum, unreduce } from './sum.js';
import { where } from './where.js';

/**
 * Product over `dim` (one, a list, or all when omitted).
 * @example prod(tensor([1, 2, 3])).item() // 6
 */
export function prod(x: Tensor, dim?: number | readonly number[], keepDim = false): Tensor {
  const dims = normalizeDims('prod', dim, x.ndim);
  const xs = x.dtype === 'bool' ? cast(x, 'int32') : x;
  const out = empty(keepDimShape(x.shape, dims), xs.dtype);
  kernels().prod(xs, dims, out);
  return record('prod', [xs], dims, ({ dy, y, inputs: [xi], attrs }) => {
    // d/dx_i Πx = Π_{j≠i} x_j: y/x_i without zeros; with one zero only that entry gets the
    // product of the others; with two or more every entry gets 0. NOTE: x_i is masked to 1
    // where it is 0 so that no inf/NaN reaches a second derivative.
    const x = xi!;
    const isZero = cmpEq(x, 0);
    const safe = where(isZero, 1, x);
    const zeros = sum(isZero, attrs, true);
    const others = prod(safe, attrs, true);
    const g = where(cmpEq(zeros, 0), div(reshape(y, zeros.shape), safe), where(logicalAnd(cmpEq(zeros, 1), isZero), others, 0));
    return [mul(unreduce(dy, x, attrs), g)];
  }, finishReduce(out, x, dims, keepDim));
}
