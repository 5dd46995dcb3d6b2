/** flatten: merges a run of dims into one (a view when the memory allows, else a copy, as in PyTorch). */
import { ArgumentError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { normalizeDim, numel } from '../../../tensor/shape.js';
import { reshape } from '../../primitives/reshape.js';

/**
 * Merges dims startDim..endDim (inclusive, negative counts from the end) into one.
 * x: (a, b, c, d) with (1, 2) -> (a, b·c, d). A 0-d tensor becomes shape [1].
 * @example flatten(zeros([2, 3, 4])).shape // [24]
 * @example flatten(zeros([2, 3, 4]), 1).shape // [2, 12]
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  const s = normalizeDim('flatten', startDim, x.ndim);
  const e = normalizeDim('flatten', endDim, x.ndim);
  if (s > e) throw new ArgumentError(`flatten: startDim ${startDim} comes after endDim ${endDim} for input ${fmtShape(x.shape)}`);
  if (x.ndim === 0) return reshape(x, [1]);
  const merged = numel(x.shape.slice(s, e + 1));
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}
