/**
 * rsqrt: the reciprocal square root 1/√x, composed of sqrt and reciprocal (no kernel of its own).
 * Ints and bools compute as float32, like PyTorch.
 */
import { ArgumentError } from '../../../errors.js';
import { reciprocal, sqrt } from '../../primitives/index.js';
import { Tensor } from '../../../tensor/tensor.js';

/**
 * y = 1/√x elementwise. x: any shape -> y: same shape. rsqrt(0) = inf, rsqrt(inf) = 0, x < 0 gives NaN.
 * @example rsqrt(tensor([4, 0.25])).toArray() // [0.5, 2]
 */
export function rsqrt(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`rsqrt: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  // d/dx x^(-1/2) = -1/2 · x^(-3/2), from reciprocal's and sqrt's rules
  return reciprocal(sqrt(x));
}
