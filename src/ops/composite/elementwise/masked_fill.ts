/**
 * maskedFill: x with `value` written where the bool mask is true; out of place, composed of where.
 * As in PyTorch the result keeps x's dtype (value is converted to it) and has the broadcast shape.
 */
import { ArgumentError, DTypeError, ShapeError, fmtShape } from '../../../errors.js';
import { where } from '../../primitives/index.js';
import { cast, checkOperand, scalar } from '../../primitive.js';
import { Tensor } from '../../../tensor/tensor.js';
import { broadcastShapes } from '../../../tensor/shape.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * y = value where mask else x. x: any shape; mask: bool, broadcastable with x; value: a number,
 * boolean or 0-d tensor (a 0-d tensor that requires grad gets the sum of dy over the mask).
 * -> y: the broadcast shape, x's dtype (filling int32 with 1.5 writes 1, like PyTorch).
 * @example maskedFill(tensor([1, 2, 3]), tensor([true, false, true]), 0).toArray() // [0, 2, 0]
 */
export function maskedFill(x: Tensor, mask: Tensor, value: number | boolean | Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`maskedFill: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  if (!(mask instanceof Tensor)) throw new ArgumentError(`maskedFill: mask must be a bool Tensor, got ${mask === null ? 'null' : typeof mask}`);
  checkOperand('maskedFill', value);
  if (mask.dtype !== 'bool') throw new DTypeError(`maskedFill: mask must be bool, got ${mask.dtype} ${fmtShape(mask.shape)}`);
  if (value instanceof Tensor && value.ndim !== 0) {
    throw new ShapeError(`maskedFill: value must be a number or a 0-d tensor, got a tensor of shape ${fmtShape(value.shape)}`);
  }
  if (typeof value === 'number' && x.dtype === 'int32' && !(value >= INT32_MIN && value <= INT32_MAX)) {
    throw new ArgumentError(`maskedFill: value ${value} cannot be converted to int32 without overflow`);
  }
  broadcastShapes('maskedFill', x.shape, mask.shape);
  // NOTE: through float64 first, so that cast applies one rule (truncate to int, x != 0 to bool)
  const fill = value instanceof Tensor ? cast(value, x.dtype) : cast(scalar(value, 'float64'), x.dtype);
  // d/dx = [not mask], d/dvalue = Σ dy over the mask (the engine sums the broadcast)
  return where(mask, fill, x);
}
