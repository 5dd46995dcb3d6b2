/**
 * amin: the smallest value over some dims, as amax of the order-reversed input. Also home of
 * `reverseOrder`, which min and argmin share.
 */
import { ArgumentError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { cast } from '../../primitive.js';
import { amax, neg, sub } from '../../primitives/index.js';
import { type Dims, reductionDims } from './mean.js';

/**
 * A strictly decreasing map of x's values that keeps NaN as NaN: −x for floats, −1 − x for int32
 * (which, unlike −x, cannot overflow at −2³¹); bools become int32 first. Applying it twice gives
 * back the (int32 for bool) input exactly.
 */
export function reverseOrder(x: Tensor): Tensor {
  if (x.dtype === 'bool') return reverseOrder(cast(x, 'int32'));
  return x.dtype === 'int32' ? sub(-1, x) : neg(x);
}

/** Throws unless every reduced dim is non-empty (there is no identity for min or max). */
export function assertNonEmpty(op: string, x: Tensor, dims: readonly number[]): void {
  if (dims.some((d) => x.shape[d] === 0) || (x.numel === 0 && dims.length === x.ndim)) {
    throw new ArgumentError(`${op}: cannot reduce over an empty dim of a tensor of shape ${fmtShape(x.shape)}`);
  }
}

/**
 * Smallest value over `dim` (one, a list, or all when omitted). x: any shape -> the reduced shape.
 * NaN propagates; tied minima share the gradient evenly, like PyTorch. Bools reduce as int32.
 * @example amin(tensor([[1, 5], [7, 2]]), 1).toArray() // [1, 2]
 */
export function amin(x: Tensor, dim?: Dims, keepDim = false): Tensor {
  const dims = reductionDims('amin', dim, x.ndim);
  assertNonEmpty('amin', x, dims);
  // min x = −max(−x); the gradient goes to the tied minima through amax's rule
  return reverseOrder(amax(reverseOrder(x), dims, keepDim));
}
