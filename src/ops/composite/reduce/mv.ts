/** mv: the product of a matrix and a vector. */
import { ShapeError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { matmul } from './matmul.js';

/**
 * Matrix-vector product: a (M, K) · v (K) -> (M). Other ranks throw a ShapeError.
 * @example mv(tensor([[1, 2], [3, 4]]), tensor([1, 1])).toArray() // [3, 7]
 */
export function mv(a: Tensor, v: Tensor): Tensor {
  const show = `${fmtShape(a.shape)} @ ${fmtShape(v.shape)}`;
  if (a.ndim !== 2 || v.ndim !== 1) throw new ShapeError(`mv: expected a 2-d matrix and a 1-d vector, got ${show}`);
  if (a.shape[1] !== v.shape[0]) throw new ShapeError(`mv: inner dimensions differ: ${show}`);
  return matmul(a, v);
}
