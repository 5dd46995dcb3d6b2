/**
 * softmax: exp(x) / Σ exp(x) along one dim, with the row maximum subtracted first so that large
 * logits (±1000) neither overflow nor all underflow.
 */
import { noGrad } from '../../../autograd/grad_mode.js';
import { assertFloating } from '../../../tensor/dtype.js';
import { normalizeDim } from '../../../tensor/shape.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { amax, div, exp, sub, sum } from '../../primitives/index.js';

/**
 * x − max(x) along dim `d` (a no-op for an empty dim). The maximum is taken outside the graph:
 * softmax and logSoftmax are invariant to the shift, so the gradient is exact without it.
 * NOTE: a row holding +inf or only −inf becomes NaN (inf − inf), as in PyTorch.
 */
export function shiftByMax(x: Tensor, d: number): Tensor {
  if (x.shape[d] === 0) return x;
  return sub(x, noGrad(() => amax(x, d, true)));
}

/**
 * Softmax along `dim`: y_i = exp(x_i) / Σ_j exp(x_j). x: float, any shape -> same shape, each
 * slice along dim sums to 1. Integer inputs throw a DTypeError, like PyTorch.
 * @example softmax(tensor([1000, 1000, -1000]), 0).toArray() // [0.5, 0.5, 0]
 */
export function softmax(x: Tensor, dim: number): Tensor {
  assertFloating('softmax', x.dtype);
  const d = normalizeDim('softmax', dim, x.ndim);
  const e = exp(shiftByMax(x, d));
  // d/dx softmax = y ⊙ (dy − Σ dy ⊙ y), from the primitives' rules
  return div(e, sum(e, d, true));
}
