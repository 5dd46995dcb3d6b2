/** argMin: the index of the smallest value, as argMax of the order-reversed input. */
import { ArgumentError, fmtShape } from '../../../errors.js';
import { normalizeDim } from '../../../tensor/shape.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { argMax } from '../../primitives/index.js';
import { reverseOrder } from './amin.js';

/**
 * Index (int32) of the smallest value along `dim`; over the flattened tensor when `dim` is
 * omitted. The first index wins ties; a NaN counts as the smallest value (its index is returned),
 * like PyTorch. Not differentiable.
 * @example argMin(tensor([[4, 1, 1], [0, 3, 2]]), 1).toArray() // [1, 0]
 */
export function argMin(x: Tensor, dim?: number, keepDim = false): Tensor {
  const d = dim === undefined ? undefined : normalizeDim('argMin', dim, x.ndim);
  if (d === undefined ? x.numel === 0 : x.shape[d] === 0) {
    throw new ArgumentError(`argMin: cannot take argMin over an empty ${d === undefined ? 'tensor' : `dim ${dim}`} of shape ${fmtShape(x.shape)}`);
  }
  // NOTE: reverseOrder keeps NaN as NaN and argMax treats NaN as the largest, so NaN still wins
  return argMax(reverseOrder(x), d, keepDim);
}
