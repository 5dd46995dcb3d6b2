/**
 * gelu: the Gaussian error linear unit x · Φ(x), exactly (through erf) or with PyTorch's tanh
 * approximation. Float only, as in PyTorch.
 */
import { ArgumentError } from '../../../errors.js';
import { add, erf, mul, tanh } from '../../primitives/index.js';
import { assertFloating } from '../../../tensor/dtype.js';
import type { Tensor } from '../../../tensor/tensor.js';

/** How gelu computes Φ: 'none' is exact (erf), 'tanh' is the approximation of Hendrycks & Gimpel. */
export type GeluApproximate = 'none' | 'tanh';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const KAPPA = 0.044715;

/**
 * 'none': y = x/2 · (1 + erf(x/√2)); 'tanh': y = x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))).
 * x: any shape (float) -> y: same shape. Like PyTorch, gelu(−inf) is NaN (−inf · 0).
 * @example gelu(tensor([0, 10])).toArray() // [0, 10]
 */
export function gelu(x: Tensor, approximate: GeluApproximate = 'none'): Tensor {
  assertFloating('gelu', x.dtype);
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new ArgumentError(`gelu: approximate must be 'none' or 'tanh', got '${String(approximate)}'`);
  }
  const halfX = mul(x, 0.5);
  if (approximate === 'tanh') {
    const inner = mul(add(x, mul(mul(mul(x, x), x), KAPPA)), SQRT_2_OVER_PI);
    return mul(halfX, add(tanh(inner), 1));
  }
  // d/dx = Φ(x) + x · φ(x), from erf's rule
  return mul(halfX, add(erf(mul(x, Math.SQRT1_2)), 1));
}
