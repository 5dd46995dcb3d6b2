/**
 * logSigmoid: log σ(x) = −softplus(−x), computed as min(x, 0) − log(1 + e^(−|x|)) so that exp never
 * overflows and large negative x gives x rather than −inf. Float only, as in PyTorch.
 */
import { ArgumentError } from '../../../errors.js';
import { cmpLt, exp, log1p, neg, sub, where } from '../../primitives/index.js';
import { assertFloating } from '../../../tensor/dtype.js';
import { Tensor } from '../../../tensor/tensor.js';

/**
 * y = log(1 / (1 + e^(−x))), in (−inf, 0]. x: any shape (float) -> y: same shape.
 * @example logSigmoid(tensor([-800, 0])).toArray() // [-800, -0.6931472]
 */
export function logSigmoid(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`logSigmoid: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  assertFloating('logSigmoid', x.dtype);
  const isNeg = cmpLt(x, 0);
  // NOTE: −|x| through where, not abs, so that its gradient at 0 is −1 rather than abs's 0
  const negAbs = where(isNeg, x, neg(x));
  // d/dx = σ(−x)
  return sub(where(isNeg, x, 0), log1p(exp(negAbs)));
}
