import { DTypeError, IndexError, ShapeError, fmtShape } from '../../errors.js';
import { kernels } from '../../backend/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { normalizeDim } from '../../tensor/shape.js';
import { empty, record } from '../primitive.js';
import { reshape } from './reshape.js';
import { scatter } from './scatter.js';
import { zerosLike } from '../../tensor/zeros_like.js';

/** Checks an index tensor for gather/scatter: int32, same ndim, in range along dim. */
export function checkIndex(op: string, x: Tensor, d: number, index: Tensor, bound: readonly number[]): void {
  if (index.dtype !== 'int32') throw new DTypeError(`${op}: index must be int32, got ${index.dtype}`);
  if (index.ndim !== x.ndim) throw new ShapeError(`${op}: index ${fmtShape(index.shape)} must have as many dims as input ${fmtShape(x.shape)}`);
  index.shape.forEach((s, j) => {
    if (j !== d && s > bound[j]!) throw new ShapeError(`${op}: index ${fmtShape(index.shape)} is larger than ${fmtShape(bound)} at dim ${j}`);
  });
  const size = x.ndim === 0 ? 1 : x.shape[d]!; // a 0-d tensor has one position, like PyTorch
  for (const v of index.toTypedArray()) {
    if (v < 0 || v >= size) throw new IndexError(`${op}: index ${v} out of range for dim ${d} of size ${size} (shape ${fmtShape(x.shape)})`);
  }
}

/**
 * out[i][j] = x[i][index[i][j]] for dim 1 (and likewise for any dim); out has index's shape.
 * @example gather(tensor([[1, 2], [3, 4]]), 1, tensor([[1], [0]], { dtype: 'int32' })).toArray() // [[2],[3]]
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = normalizeDim('gather', dim, x.ndim);
  checkIndex('gather', x, d, index, x.shape);
  if (x.ndim === 0) return reshape(gather(reshape(x, [1]), 0, reshape(index, [1])), []);
  const out = empty(index.shape, x.dtype);
  kernels().gather(x, d, index, out);
  // each gathered entry sends dy back to where it came from (repeats accumulate)
  return record('gather', [x, index], d, ({ dy, inputs: [xi, idx], attrs }) => [scatter(zerosLike(xi!), attrs, idx!, dy, 'add'), null], out);
}
