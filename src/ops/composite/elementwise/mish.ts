/**
 * mish: x · tanh(softplus(x)) (Misra, 2019). Float only, as in PyTorch.
 */
import { ArgumentError } from '../../../errors.js';
import { mul, tanh } from '../../primitives/index.js';
import { assertFloating } from '../../../tensor/dtype.js';
import { Tensor } from '../../../tensor/tensor.js';
import { softplus } from './softplus.js';

/**
 * y = x · tanh(log(1 + e^x)). x: any shape (float) -> y: same shape. mish(−inf) is NaN, as in PyTorch.
 * @example mish(tensor([0, 100])).toArray() // [0, 100]
 */
export function mish(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`mish: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  assertFloating('mish', x.dtype);
  // NOTE: softplus switches to x above 20, where tanh is already 1 in float32 and float64 alike
  return mul(x, tanh(softplus(x)));
}
