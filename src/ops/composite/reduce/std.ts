/**
 * std: the standard deviation, √var, with PyTorch's gradient at a zero deviation (0, not the
 * NaN that √'s rule 1/(2√v)·0 would give).
 */
import { assertFloating } from '../../../tensor/dtype.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { cmpEq, sqrt, where } from '../../primitives/index.js';
import { type Dims, reductionDims } from './mean.js';
import { variance } from './variance.js';

/**
 * Standard deviation over `dim` (one, a list, or all when omitted), like `torch.std(x, dim,
 * unbiased, keepdim)`. x: float, any shape -> the reduced shape. `unbiased` (default true) uses
 * N − 1. One element with `unbiased`, or an empty reduction, gives NaN.
 * @example std(tensor([2, 4, 4, 4, 5, 5, 7, 9]), undefined, false).item() // 2
 */
export function std(x: Tensor, dim?: Dims, unbiased = true, keepDim = false): Tensor {
  assertFloating('std', x.dtype);
  const v = variance(x, reductionDims('std', dim, x.ndim), unbiased, keepDim);
  // NOTE: where v = 0 the root is taken of 1 instead and then replaced by 0, so no inf·0 = NaN
  // reaches the gradient there (PyTorch masks the same entries to 0).
  const isZero = cmpEq(v, 0);
  // d/dv √v = 1/(2√v), and 0 where v = 0
  return where(isZero, 0, sqrt(where(isZero, 1, v)));
}
