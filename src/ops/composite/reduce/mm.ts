/** mm: the product of two matrices, matmul restricted to 2-d operands. */
import { ShapeError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { matmul } from './matmul.js';

/**
 * Matrix product of 2-d tensors: a (M, K) · b (K, N) -> (M, N). Other ranks throw a ShapeError
 * (use matmul for batches and vectors).
 * @example mm(tensor([[1, 2], [3, 4]]), tensor([[1], [1]])).toArray() // [[3], [7]]
 */
export function mm(a: Tensor, b: Tensor): Tensor {
  const show = `${fmtShape(a.shape)} @ ${fmtShape(b.shape)}`;
  if (a.ndim !== 2 || b.ndim !== 2) throw new ShapeError(`mm: expected 2-d tensors, got ${show}`);
  if (a.shape[1] !== b.shape[0]) throw new ShapeError(`mm: inner dimensions differ: ${show}`);
  return matmul(a, b);
}
