/**
 * silu (swish): x · σ(x). Float only, as in PyTorch. Finite at any finite |x| because sigmoid is.
 */
import { ArgumentError } from '../../../errors.js';
import { mul } from '../../primitives/index.js';
import { assertFloating } from '../../../tensor/dtype.js';
import { Tensor } from '../../../tensor/tensor.js';
import { sigmoid } from './sigmoid.js';

/**
 * y = x · σ(x). x: any shape (float) -> y: same shape. silu(−inf) is NaN (−inf · 0), as in PyTorch.
 * @example silu(tensor([0, 800])).toArray() // [0, 800]
 */
export function silu(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`silu: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  assertFloating('silu', x.dtype);
  // d/dx = σ(x) · (1 + x · (1 − σ(x)))
  return mul(x, sigmoid(x));
}
