/** select: x[..., index, ...] along one dim, removing it (a view: slice, then reshape). */
import { IndexError, ShapeError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { normalizeDim } from '../../../tensor/shape.js';
import { reshape } from '../../primitives/reshape.js';
import { slice } from '../../primitives/slice.js';

/**
 * The slice at position `index` (negative counts from the end) along `dim`, with that dim removed.
 * x: (a, b, c) with dim 1 -> (a, c). A view of x.
 * @example select(tensor([[1, 2], [3, 4]]), 1, -1).toArray() // [2, 4]
 */
export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.ndim === 0) throw new ShapeError('select: cannot select from a 0-d tensor');
  const d = normalizeDim('select', dim, x.ndim);
  const size = x.shape[d]!;
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new IndexError(`select: index ${index} out of range for dim ${dim} of size ${size} (shape ${fmtShape(x.shape)})`);
  }
  const i = index < 0 ? index + size : index;
  return reshape(slice(x, d, i, i + 1), x.shape.filter((_, j) => j !== d));
}
