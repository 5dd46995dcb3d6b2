/**
 * softplus: a smooth relu, log(1 + e^(βx)) / β, switching to the identity where βx > threshold
 * (PyTorch's rule). Float only, as in PyTorch.
 */
import { ArgumentError } from '../../../errors.js';
import { cmpLt, div, exp, log1p, mul, where } from '../../primitives/index.js';
import { assertFloating } from '../../../tensor/dtype.js';
import { Tensor } from '../../../tensor/tensor.js';

/**
 * y = x where β·x > threshold, else log(1 + e^(β·x)) / β. x: any shape (float) -> y: same shape.
 * @param beta finite and non-zero (default 1)
 * @param threshold above it (in units of β·x) the result is x itself (default 20); not NaN
 * @example softplus(tensor([0, 100])).toArray() // [0.6931472, 100]
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`softplus: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  assertFloating('softplus', x.dtype);
  if (!Number.isFinite(beta) || beta === 0) throw new ArgumentError(`softplus: beta must be a finite non-zero number, got ${beta}`);
  if (Number.isNaN(threshold)) throw new ArgumentError('softplus: threshold must not be NaN');
  const bx = mul(x, beta);
  const isLinear = cmpLt(threshold, bx);
  // NOTE: exp only sees β·x where it is ≤ threshold, so it cannot overflow in the unused branch,
  // whose zero gradient would otherwise meet inf (0 · inf = NaN).
  const smooth = div(log1p(exp(where(isLinear, 0, bx))), beta);
  // d/dx = 1 on the linear side, σ(β·x) on the smooth side
  return where(isLinear, x, smooth);
}
