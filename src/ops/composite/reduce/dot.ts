/** dot: the inner product of two vectors. */
import { ShapeError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { matmul } from './matmul.js';

/**
 * Inner product Σ a_i·b_i of two 1-d tensors of the same length -> a 0-d tensor. Other ranks
 * throw a ShapeError, like PyTorch (matmul handles the rest).
 * @example dot(tensor([1, 2, 3]), tensor([4, 5, 6])).item() // 32
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  const show = `${fmtShape(a.shape)} and ${fmtShape(b.shape)}`;
  if (a.ndim !== 1 || b.ndim !== 1) throw new ShapeError(`dot: expected 1-d tensors, got ${show}`);
  if (a.shape[0] !== b.shape[0]) throw new ShapeError(`dot: sizes differ: ${show}`);
  return matmul(a, b);
}
