/**
 * sigmoid: the logistic function σ(x) = 1 / (1 + e^(−x)), composed of primitives. Written so that
 * exp never overflows, which keeps both the value and the gradient finite at any |x|.
 */
import { ArgumentError } from '../../../errors.js';
import { add, cmpLe, div, exp, neg, reciprocal, where } from '../../primitives/index.js';
import { cast } from '../../primitive.js';
import { toFloating } from '../../../tensor/dtype.js';
import { Tensor } from '../../../tensor/tensor.js';

/**
 * σ(x) = 1 / (1 + e^(−x)), in [0, 1]. x: any shape -> y: same shape. Ints and bools compute as
 * float32. Saturates for large |x| (σ(−800) = 0, σ(800) = 1), where the gradient vanishes.
 * @example sigmoid(tensor([0])).item() // 0.5
 */
export function sigmoid(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`sigmoid: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  const xf = cast(x, toFloating(x.dtype));
  const isNonNeg = cmpLe(0, xf);
  // NOTE: e = e^(−|x|) ∈ (0, 1], so nothing overflows: σ = 1/(1+e) for x ≥ 0 and e/(1+e) for
  // x < 0. −|x| is built with where, not abs, so its gradient at 0 is −1 rather than abs's 0.
  const e = exp(where(isNonNeg, neg(xf), xf));
  const onePlusE = add(e, 1);
  // d/dx σ = σ(1 − σ), from the primitives' rules on either branch
  return where(isNonNeg, reciprocal(onePlusE), div(e, onePlusE));
}
