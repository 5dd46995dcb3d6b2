/**
 * repeat: PyTorch's Tensor.repeat, tiling the whole tensor along each dim. Built as
 * reshape -> expand (stride 0, no copy) -> reshape (the copy), so the gradient sums the tiles.
 */
import { ArgumentError, ShapeError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { cast } from '../../primitive.js';
import { expand } from '../../primitives/expand.js';
import { reshape } from '../../primitives/reshape.js';

/**
 * Repeats x `sizes[d]` times along each dim d. sizes may be longer than x.ndim: x is then treated
 * as having leading size-1 dims. Always returns new memory, as PyTorch does.
 * x: (a, b) with sizes [r, s, t] -> (r, s·a, t·b).
 * @example repeat(tensor([1, 2]), 2, 2).toArray() // [[1, 2, 1, 2], [1, 2, 1, 2]]
 */
export function repeat(x: Tensor, ...sizes: number[]): Tensor {
  if (sizes.length < x.ndim) {
    throw new ShapeError(`repeat: got ${sizes.length} repeat sizes [${sizes.join(',')}] for input ${fmtShape(x.shape)}; need at least ${x.ndim}`);
  }
  if (sizes.some((s) => !Number.isInteger(s) || s < 0)) throw new ArgumentError(`repeat: sizes must be non-negative integers, got [${sizes.join(',')}]`);
  const shape = [...new Array<number>(sizes.length - x.ndim).fill(1), ...x.shape];
  // (a, b) -> (1, a, 1, b) -> (r, a, s, b) -> (r·a, s·b)
  const spread = shape.flatMap((s) => [1, s]);
  const tiled = shape.flatMap((s, d) => [sizes[d]!, s]);
  const y = reshape(expand(reshape(x, spread), tiled), shape.map((s, d) => s * sizes[d]!));
  return y.data === x.data ? cast(y, y.dtype, true) : y;
}
