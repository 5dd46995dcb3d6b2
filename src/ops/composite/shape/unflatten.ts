/** unflatten: splits one dim into several (a view, through reshape). The inverse of flatten. */
import { ArgumentError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { normalizeDim } from '../../../tensor/shape.js';
import { inferReshape, reshape } from '../../primitives/reshape.js';

/**
 * Expands dim `dim` into `sizes` (one entry may be -1); their product must equal x.shape[dim].
 * x: (a, b·c, d) with (1, [b, c]) -> (a, b, c, d). A view of x.
 * @example unflatten(zeros([2, 12]), 1, [3, -1]).shape // [2, 3, 4]
 */
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  if (x.ndim === 0) throw new ArgumentError('unflatten: cannot unflatten a 0-d tensor');
  const d = normalizeDim('unflatten', dim, x.ndim);
  if (sizes.length === 0) throw new ArgumentError(`unflatten: sizes must be non-empty (input ${fmtShape(x.shape)}, dim ${dim})`);
  const inner = inferReshape('unflatten', [x.shape[d]!], sizes);
  return reshape(x, [...x.shape.slice(0, d), ...inner, ...x.shape.slice(d + 1)]);
}
