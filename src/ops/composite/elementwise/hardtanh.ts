/**
 * hardtanh: clamps x to [minVal, maxVal] (default [−1, 1]) with PyTorch's hardtanh gradient, which,
 * unlike clamp's, is 0 at the bounds themselves. Int32 stays int32; bool is refused, as in PyTorch.
 */
import { ArgumentError, DTypeError, fmtShape } from '../../../errors.js';
import { cmpLe, where } from '../../primitives/index.js';
import { Tensor } from '../../../tensor/tensor.js';

/**
 * y = minVal where x ≤ minVal, maxVal where x ≥ maxVal, else x; NaN stays NaN.
 * x: any shape -> y: same shape.
 * @param minVal lower bound (default −1); must not exceed maxVal, and neither may be NaN
 * @example hardtanh(tensor([-3, 0.5, 3])).toArray() // [-1, 0.5, 1]
 */
export function hardtanh(x: Tensor, minVal = -1, maxVal = 1): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`hardtanh: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  if (x.dtype === 'bool') throw new DTypeError(`hardtanh: bool tensors are not supported, got bool ${fmtShape(x.shape)}`);
  if (Number.isNaN(minVal) || Number.isNaN(maxVal)) throw new ArgumentError(`hardtanh: bounds must not be NaN, got (${minVal}, ${maxVal})`);
  // NOTE: PyTorch's functional form silently returns maxVal everywhere here; we refuse, like nn.Hardtanh
  if (minVal > maxVal) throw new ArgumentError(`hardtanh: minVal (${minVal}) must not exceed maxVal (${maxVal})`);
  // d/dx = 1 strictly inside (minVal, maxVal), 0 elsewhere (NaN passes dy, as in PyTorch)
  return where(cmpLe(x, minVal), minVal, where(cmpLe(maxVal, x), maxVal, x));
}
