/** logSoftmax: x − log Σ exp(x) along one dim, stable for large logits (no exp of a big number). */
import { assertFloating } from '../../../tensor/dtype.js';
import { normalizeDim } from '../../../tensor/shape.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { exp, log, sub, sum } from '../../primitives/index.js';
import { shiftByMax } from './softmax.js';

/**
 * log(softmax(x)) along `dim`, computed without forming softmax: z − log Σ exp(z) with
 * z = x − max(x). x: float, any shape -> same shape. Finite for logits like ±1000, where
 * log(softmax(x)) would give −inf.
 * @example logSoftmax(tensor([1000, 0, -1000]), 0).toArray() // [0, -1000, -2000]
 */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  assertFloating('logSoftmax', x.dtype);
  const d = normalizeDim('logSoftmax', dim, x.ndim);
  const z = shiftByMax(x, d);
  // d/dx = dy − softmax(x)·Σ dy, from the primitives' rules
  return sub(z, log(sum(exp(z), d, true)));
}
