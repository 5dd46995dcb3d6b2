/**
 * selu: scale · elu(x, alpha) with the self-normalising constants of Klambauer et al. (2017).
 * Float only, as in PyTorch.
 */
import { ArgumentError } from '../../../errors.js';
import { mul } from '../../primitives/index.js';
import { assertFloating } from '../../../tensor/dtype.js';
import { Tensor } from '../../../tensor/tensor.js';
import { elu } from './elu.js';

const ALPHA = 1.6732632423543772848170429916717;
const SCALE = 1.0507009873554804934193349852946;

/**
 * y = scale · (x if x > 0 else alpha · (e^x − 1)), alpha ≈ 1.6733, scale ≈ 1.0507.
 * x: any shape (float) -> y: same shape.
 * @example selu(tensor([0, 1])).toArray() // [0, 1.0507]
 */
export function selu(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`selu: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  assertFloating('selu', x.dtype);
  return mul(elu(x, ALPHA), SCALE);
}
