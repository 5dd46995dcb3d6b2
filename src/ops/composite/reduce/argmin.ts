/** argmin: the index of the smallest value, as argmax of the order-reversed input. */
import { ArgumentError, fmtShape } from '../../../errors.js';
import { normalizeDim } from '../../../tensor/shape.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { argmax } from '../../primitives/index.js';
import { reverseOrder } from './amin.js';

/**
 * Index (int32) of the smallest value along `dim`; over the flattened tensor when `dim` is
 * omitted. The first index wins ties; a NaN counts as the smallest value (its index is returned),
 * like PyTorch. Not differentiable.
 * @example argmin(tensor([[4, 1, 1], [0, 3, 2]]), 1).toArray() // [1, 0]
 */
export function argmin(x: Tensor, dim?: number, keepDim = false): Tensor {
  const d = dim === undefined ? undefined : normalizeDim('argmin', dim, x.ndim);
  if (d === undefined ? x.numel === 0 : x.shape[d] === 0) {
    throw new ArgumentError(`argmin: cannot take argmin over an empty ${d === undefined ? 'tensor' : `dim ${dim}`} of shape ${fmtShape(x.shape)}`);
  }
  // NOTE: reverseOrder keeps NaN as NaN and argmax treats NaN as the largest, so NaN still wins
  return argmax(reverseOrder(x), d, keepDim);
}
