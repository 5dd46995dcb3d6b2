import { Tensor } from './tensor.js';
import { allocArray } from './dtype.js';
import { numel } from './shape.js';

/** Zeros with x's shape and dtype, outside any graph (used by backward rules of constant-gradient ops). */
export function zerosLike(x: Tensor): Tensor {
  return new Tensor(allocArray(x.dtype, numel(x.shape)), [...x.shape], x.dtype);
}
