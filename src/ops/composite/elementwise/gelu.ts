/**
 * gelu: the Gaussian error linear unit x · Φ(x), exactly (through erf) or with PyTorch's tanh
 * approximation. Float only, as in PyTorch.
 */
import { ArgumentError } from '../../../errors.js';
import { abs, add, cmpLe, erf, mul, sign, tanh, where } from '../../primitives/index.js';
import { assertFloating } from '../../../tensor/dtype.js';
import { Tensor } from '../../../tensor/tensor.js';

/** How gelu computes Φ: 'none' is exact (erf), 'tanh' is the approximation of Hendrycks & Gimpel. */
export type GeluApproximate = 'none' | 'tanh';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const KAPPA = 0.044715;
const FAR = 10;

/**
 * 'none': y = x/2 · (1 + erf(x/√2)); 'tanh': y = x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))).
 * x: any shape (float) -> y: same shape. Like PyTorch, gelu(−inf) is NaN (−inf · 0).
 * @example gelu(tensor([0, 10])).toArray() // [0, 10]
 */
export function gelu(x: Tensor, approximate: GeluApproximate = 'none'): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`gelu: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  assertFloating('gelu', x.dtype);
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new ArgumentError(`gelu: approximate must be 'none' or 'tanh', got '${String(approximate)}'`);
  }
  const halfX = mul(x, 0.5);
  if (approximate === 'tanh') {
    // NOTE: for |x| ≥ 10 tanh(inner) is exactly ±1 in float32 and float64, so use sign(x) there:
    // same values, and x³ cannot overflow to give the gradient 0 · inf = NaN (PyTorch's does).
    const isFar = cmpLe(FAR, abs(x));
    const xNear = where(isFar, 0, x);
    const inner = mul(add(xNear, mul(mul(mul(xNear, xNear), xNear), KAPPA)), SQRT_2_OVER_PI);
    return mul(halfX, add(where(isFar, sign(x), tanh(inner)), 1));
  }
  // d/dx = Φ(x) + x · φ(x), from erf's rule
  return mul(halfX, add(erf(mul(x, Math.SQRT1_2)), 1));
}
