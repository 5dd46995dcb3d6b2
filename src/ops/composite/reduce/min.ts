/**
 * min: the smallest value of the whole tensor, or { values, indices } along one dim (PyTorch's
 * `torch.min`). Not the elementwise min of two tensors: that is `minimum`.
 */
import { ArgumentError, fmtShape } from '../../../errors.js';
import { normalizeDim } from '../../../tensor/shape.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { amin } from './amin.js';
import { argmin } from './argmin.js';
import { type ValuesIndices, extremumAll, selectAlong } from './max.js';

/**
 * The smallest value of x (a 0-d tensor); with `dim`, `{ values, indices }` along that dim
 * (indices int32, the first minimum wins ties; reduced dim kept as 1 with keepDim). NaN counts as
 * the smallest. Gradient: shared by tied minima without dim; to the index position with dim,
 * like PyTorch. An empty tensor (or dim) throws.
 * @example min(tensor([[1, 5], [7, 2]])).item() // 1
 * @example min(tensor([[1, 5], [7, 2]]), 0).values.toArray() // [1, 2]
 */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepDim?: boolean): ValuesIndices;
export function min(x: Tensor, dim?: number, keepDim = false): Tensor | ValuesIndices {
  if (dim === undefined) return extremumAll('min', x, (t) => amin(t));
  const d = normalizeDim('min', dim, x.ndim);
  if (x.shape[d] === 0) throw new ArgumentError(`min: cannot reduce over empty dim ${dim} of a tensor of shape ${fmtShape(x.shape)}`);
  return selectAlong(x, d, keepDim, argmin(x, d, true));
}
