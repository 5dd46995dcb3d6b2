/**
 * squeeze: drops size-1 dims (a view, through reshape). Not a copy and not an error when the
 * named dim is larger than 1: like PyTorch, that dim is simply kept.
 */
import type { Tensor } from '../../../tensor/tensor.js';
import { normalizeDims } from '../../../tensor/shape.js';
import { reshape } from '../../primitives/reshape.js';

/**
 * Removes size-1 dims: all of them, or only those among `dim` (negative dims count from the end).
 * x: (..., 1, ...) -> (..., ...). A view of x.
 * @example squeeze(zeros([2, 1, 3, 1])).shape // [2, 3]
 * @example squeeze(zeros([2, 1, 3, 1]), -1).shape // [2, 1, 3]
 */
export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  const dims = normalizeDims('squeeze', dim, x.ndim);
  const shape = x.shape.filter((s, d) => !(s === 1 && dims.includes(d)));
  return reshape(x, shape);
}
