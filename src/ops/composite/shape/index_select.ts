/**
 * indexSelect: picks whole slices along a dim by an int32 index vector. Composed from gather with
 * the index broadcast (stride 0) over the other dims, so the gradient (a scatter-add) comes free.
 */
import { DTypeError, IndexError, ShapeError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { normalizeDim } from '../../../tensor/shape.js';
import { expand } from '../../primitives/expand.js';
import { gather } from '../../primitives/gather.js';
import { reshape } from '../../primitives/reshape.js';

/**
 * out = x with dim `dim` replaced by x's slices at `index` (repeats allowed, in index order).
 * Indices must lie in 0..size-1 (no negative indices, as in PyTorch). A 0-d index acts like [i].
 * x: (a, n, b), index: (k) int32, dim 1 -> (a, k, b).
 * @example indexSelect(tensor([[1, 2], [3, 4]]), 0, tensor([1, 1, 0], { dtype: 'int32' })).toArray() // [[3, 4], [3, 4], [1, 2]]
 */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  if (index.dtype !== 'int32') throw new DTypeError(`indexSelect: index must be int32, got ${index.dtype} ${fmtShape(index.shape)}`);
  if (index.ndim > 1) throw new ShapeError(`indexSelect: index must be 1-d, got shape ${fmtShape(index.shape)}`);
  const d = normalizeDim('indexSelect', dim, x.ndim);
  const size = x.ndim === 0 ? 1 : x.shape[d]!;
  for (const v of index.toTypedArray()) {
    if (v < 0 || v >= size) throw new IndexError(`indexSelect: index ${v} out of range for dim ${dim} of size ${size} (input ${fmtShape(x.shape)})`);
  }
  if (x.ndim === 0) {
    if (index.numel !== 1) throw new ShapeError(`indexSelect: a 0-d input needs exactly one index, got ${fmtShape(index.shape)}`);
    return reshape(x, []);
  }
  const k = index.numel;
  // index (k) -> (1, k, 1) -> (a, k, b): the same index for every position of the other dims
  const spread = x.shape.map((_, j) => (j === d ? k : 1));
  const full = x.shape.map((s, j) => (j === d ? k : s));
  return gather(x, d, expand(reshape(index, spread), full));
}
