/**
 * leakyRelu: x for x > 0, negativeSlope · x otherwise. Float only, as in PyTorch.
 */
import { ArgumentError } from '../../../errors.js';
import { cmpLt, mul, where } from '../../primitives/index.js';
import { assertFloating } from '../../../tensor/dtype.js';
import { Tensor } from '../../../tensor/tensor.js';

/**
 * y = x if x > 0 else negativeSlope · x. x: any shape (float) -> y: same shape.
 * @param negativeSlope slope for x ≤ 0 (default 0.01); must be finite
 * @example leakyRelu(tensor([-2, 3]), 0.1).toArray() // [-0.2, 3]
 */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`leakyRelu: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  assertFloating('leakyRelu', x.dtype);
  if (!Number.isFinite(negativeSlope)) throw new ArgumentError(`leakyRelu: negativeSlope must be a finite number, got ${negativeSlope}`);
  // d/dx = 1 for x > 0, negativeSlope for x ≤ 0 (PyTorch takes the slope at 0)
  return where(cmpLt(0, x), x, mul(x, negativeSlope));
}
