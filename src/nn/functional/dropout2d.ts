/**
 * dropout2d: zeroes whole channels (feature maps) with probability p and scales the rest by
 * 1/(1−p); the identity outside training.
 */
import { ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkP, dropMask, type DropoutOptions } from './dropout.js';

/**
 * x: (N, C, H, W), or (C, H, W) unbatched -> same shape; one draw per (n, c).
 * @example functional.dropout2d(ones([1, 2, 2, 2]), 0.5, { training: false }).sum().item() // 8
 */
export function dropout2d(x: Tensor, p = 0.5, opts: DropoutOptions = {}): Tensor {
  checkP('dropout2d', p);
  if (x.ndim !== 3 && x.ndim !== 4) throw new ShapeError(`dropout2d: expected input [N, C, H, W] or [C, H, W], got ${fmtShape(x.shape)}`);
  if (!(opts.training ?? true) || p === 0) return x;
  return dropMask(x, p, [...x.shape.slice(0, -2), 1, 1], opts.generator);
}
