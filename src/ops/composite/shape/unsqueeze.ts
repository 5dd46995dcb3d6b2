/** unsqueeze: inserts a size-1 dim (a view, through reshape). */
import type { Tensor } from '../../../tensor/tensor.js';
import { normalizeDim } from '../../../tensor/shape.js';
import { reshape } from '../../primitives/reshape.js';
import { unsqueezeShape } from '../../primitives/squeeze_shape.js';

/**
 * Inserts a dim of size 1 at `dim`, in -(ndim+1)..ndim (negative counts from the end of the
 * result, so -1 appends). x: (...) -> (..., 1 at dim, ...). A view of x.
 * @example unsqueeze(zeros([2, 3]), 1).shape // [2, 1, 3]
 * @example unsqueeze(zeros([2, 3]), -1).shape // [2, 3, 1]
 */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim('unsqueeze', dim, x.ndim + 1);
  return reshape(x, unsqueezeShape(x.shape, d));
}
