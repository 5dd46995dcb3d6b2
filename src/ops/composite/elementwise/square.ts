/**
 * square: x · x. Keeps int32 and floats as they are; bool becomes int32 (PyTorch gives int64),
 * since bool · bool would otherwise be a logical and.
 */
import { ArgumentError } from '../../../errors.js';
import { mul } from '../../primitives/index.js';
import { cast } from '../../primitive.js';
import { Tensor } from '../../../tensor/tensor.js';

/**
 * y = x² elementwise. x: any shape -> y: same shape (bool input gives int32).
 * @example square(tensor([-3, 0.5])).toArray() // [9, 0.25]
 */
export function square(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`square: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  const xs = x.dtype === 'bool' ? cast(x, 'int32') : x;
  // d/dx x² = 2x, from mul's rule (both operands are x)
  return mul(xs, xs);
}
