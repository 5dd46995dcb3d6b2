/** outer: the outer product of two vectors, as a broadcast multiply. */
import { ShapeError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { mul, reshape } from '../../primitives/index.js';

/**
 * Outer product: a (M) ⊗ b (N) -> (M, N) with out[i][j] = a_i·b_j. Other ranks throw a
 * ShapeError. dtypes promote like mul.
 * @example outer(tensor([1, 2]), tensor([3, 4, 5])).toArray() // [[3, 4, 5], [6, 8, 10]]
 */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) throw new ShapeError(`outer: expected 1-d tensors, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  // (M, 1) · (1, N) broadcasts to (M, N); the gradients sum back over the broadcast dims
  return mul(reshape(a, [a.shape[0]!, 1]), reshape(b, [1, b.shape[0]!]));
}
