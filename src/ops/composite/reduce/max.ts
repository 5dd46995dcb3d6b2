/**
 * max: the largest value of the whole tensor, or { values, indices } along one dim (PyTorch's
 * `torch.max`). Also home of the helpers min shares. Not the elementwise max of two tensors:
 * that is `maximum`.
 */
import { ArgumentError, fmtShape } from '../../../errors.js';
import { normalizeDim } from '../../../tensor/shape.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { cast } from '../../primitive.js';
import { amax, argmax, cmpEq, div, gather, logicalNot, reshape, sum, where } from '../../primitives/index.js';

/** What max and min along a dim return: the values and the int32 index where each was found. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

/**
 * The value of x at `indexKeep` (argmax/argmin's output with keepDim) along dim `d`. The gradient
 * flows only to that index (gather's rule), as PyTorch's max(dim) does.
 */
export function selectAlong(x: Tensor, d: number, keepDim: boolean, indexKeep: Tensor): ValuesIndices {
  if (x.ndim === 0) return { values: reshape(x, []), indices: indexKeep };
  const values = gather(x, d, indexKeep);
  if (keepDim) return { values, indices: indexKeep };
  const shape = x.shape.filter((_, i) => i !== d);
  return { values: reshape(values, shape), indices: reshape(indexKeep, shape) };
}

/**
 * A full min/max reduction with PyTorch's gradient: `reduce` (amax or amin) already shares the
 * gradient among tied extrema; when the result is NaN it goes to the NaN entries instead.
 */
export function extremumAll(op: string, x: Tensor, reduce: (x: Tensor) => Tensor): Tensor {
  if (x.numel === 0) throw new ArgumentError(`${op}: cannot reduce an empty tensor of shape ${fmtShape(x.shape)}; pass a dim`);
  const y = reduce(x);
  if (!Number.isNaN(y.item())) return x.dtype === 'bool' ? cast(y, 'bool') : y;
  // NOTE: a tie mask x == y is empty when y is NaN (amax's rule would give 0/0 everywhere);
  // PyTorch's evenly_distribute_backward sends dy/count to each NaN entry, and so does this.
  const isNan = logicalNot(cmpEq(x, x));
  const count = sum(isNan).item();
  return div(sum(where(isNan, x, 0)), count);
}

/**
 * The largest value of x (a 0-d tensor); with `dim`, `{ values, indices }` along that dim
 * (indices int32, the first maximum wins ties; reduced dim kept as 1 with keepDim). NaN counts as
 * the largest. Gradient: shared by tied maxima without dim; to the index position with dim,
 * like PyTorch. An empty tensor (or dim) throws: there is no identity.
 * @example max(tensor([[1, 5], [7, 2]])).item() // 7
 * @example max(tensor([[1, 5], [7, 2]]), 1).indices.toArray() // [1, 0]
 */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepDim?: boolean): ValuesIndices;
export function max(x: Tensor, dim?: number, keepDim = false): Tensor | ValuesIndices {
  if (dim === undefined) return extremumAll('max', x, (t) => amax(t));
  const d = normalizeDim('max', dim, x.ndim);
  if (x.shape[d] === 0) throw new ArgumentError(`max: cannot reduce over empty dim ${dim} of a tensor of shape ${fmtShape(x.shape)}`);
  return selectAlong(x, d, keepDim, argmax(x, d, true));
}
