/** stack: joins equally-shaped tensors along a new dim (unsqueeze each, then cat). */
import { ArgumentError, ShapeError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { normalizeDim, shapesEqual } from '../../../tensor/shape.js';
import { cat } from '../../primitives/cat.js';
import { unsqueeze } from './unsqueeze.js';

/**
 * Stacks tensors of one shape along a new dim `dim` in -(ndim+1)..ndim. Dtypes promote as in cat.
 * tensors: k × (a, b) with dim 1 -> (a, k, b).
 * @example stack([zeros([2, 3]), ones([2, 3])], 1).shape // [2, 2, 3]
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new ArgumentError('stack: expected a non-empty list of tensors');
  const first = tensors[0]!;
  const d = normalizeDim('stack', dim, first.ndim + 1);
  tensors.forEach((t, i) => {
    if (!shapesEqual(t.shape, first.shape)) {
      throw new ShapeError(`stack: tensor ${i} has shape ${fmtShape(t.shape)}, expected ${fmtShape(first.shape)} like tensor 0`);
    }
  });
  return cat(tensors.map((t) => unsqueeze(t, d)), d);
}
