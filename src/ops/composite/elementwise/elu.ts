/**
 * elu: x for x > 0, alpha · (e^x − 1) otherwise. Float only, as in PyTorch.
 */
import { ArgumentError } from '../../../errors.js';
import { cmpLt, expm1, mul, where } from '../../primitives/index.js';
import { assertFloating } from '../../../tensor/dtype.js';
import { Tensor } from '../../../tensor/tensor.js';

/**
 * y = x if x > 0 else alpha · (e^x − 1). x: any shape (float) -> y: same shape.
 * @param alpha the negative saturation value is −alpha (default 1); must be finite
 * @example elu(tensor([-1e9, 2])).toArray() // [-1, 2]
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`elu: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  assertFloating('elu', x.dtype);
  if (!Number.isFinite(alpha)) throw new ArgumentError(`elu: alpha must be a finite number, got ${alpha}`);
  const isPos = cmpLt(0, x);
  // NOTE: expm1 only sees min(x, 0), so a large x cannot overflow to inf in the unused branch,
  // whose zero gradient would otherwise meet inf (0 · inf = NaN).
  const negPart = mul(expm1(where(isPos, 0, x)), alpha);
  // d/dx = 1 for x > 0, alpha · e^x for x ≤ 0
  return where(isPos, x, negPart);
}
