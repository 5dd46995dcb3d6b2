/**
 * variance (PyTorch's `var`, a reserved word in JS; the Tensor method is `x.var()`): the mean
 * squared deviation from the mean, two-pass (subtract the mean first) so large offsets do not
 * cancel catastrophically.
 */
import { assertFloating } from '../../../tensor/dtype.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { div, mul, sub, sum } from '../../primitives/index.js';
import { type Dims, mean, reducedCount, reductionDims } from './mean.js';

/**
 * Variance over `dim` (one, a list, or all when omitted), PyTorch 1.13's `torch.var(x, dim,
 * unbiased, keepdim)`. x: float, any shape -> the reduced shape. `unbiased` (default true) divides
 * by N − 1 (Bessel's correction), else by N. When the divisor is 0 (one element, unbiased; or an
 * empty reduction) the result is NaN, like PyTorch.
 * @example variance(tensor([1, 2, 3, 4])).item() // 1.6666667
 */
export function variance(x: Tensor, dim?: Dims, unbiased = true, keepDim = false): Tensor {
  assertFloating('var', x.dtype);
  const dims = reductionDims('var', dim, x.ndim);
  const deviation = sub(x, mean(x, dims, true));
  // NOTE: the mean stays in the graph: its gradient term is 0 in exact arithmetic, but dropping it
  // would make second derivatives wrong. PyTorch clamps the divisor at 0, so N − 1 = 0 gives 0/0.
  const divisor = Math.max(0, reducedCount(x.shape, dims) - (unbiased ? 1 : 0));
  // d/dx_i var = 2(x_i − mean)/divisor
  return div(sum(mul(deviation, deviation), dims, keepDim), divisor);
}
