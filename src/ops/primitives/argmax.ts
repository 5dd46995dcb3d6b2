import { ArgumentError, fmtShape } from '../../errors.js';
import { kernels } from '../../backend/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { normalizeDim } from '../../tensor/shape.js';
import { empty } from '../primitive.js';
import { reshape } from './reshape.js';
import { keepDimShape, finishReduce } from './sum.js';

/**
 * Index (int32) of the largest value along `dim`; over the flattened tensor when `dim` is omitted.
 * The first index wins ties; NaN counts as the largest value, like PyTorch.
 * @example argmax(tensor([[1, 5], [7, 2]]), 1).toArray() // [1, 0]
 */
export function argmax(x: Tensor, dim?: number, keepDim = false): Tensor {
  if (dim === undefined) return argmax(reshape(x, [-1]), 0, false);
  const d = normalizeDim('argmax', dim, x.ndim);
  if (x.ndim === 0) return empty([], 'int32');
  if (x.shape[d] === 0) throw new ArgumentError(`argmax: cannot take argmax over empty dim ${dim} of shape ${fmtShape(x.shape)}`);
  const out = empty(keepDimShape(x.shape, [d]), 'int32');
  kernels().argmax(x, d, out);
  return finishReduce(out, x, [d], keepDim);
}
