/**
 * logsumexp: log Σ exp(x) over some dims, computed as m + log Σ exp(x − m) with m the (finite)
 * maximum, so neither overflow (x = 1000) nor underflow of every term (x = −1000) can occur.
 */
import { noGrad } from '../../../autograd/grad_mode.js';
import { toFloating } from '../../../tensor/dtype.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { zeros } from '../../../tensor/create.js';
import { cast } from '../../primitive.js';
import { abs, add, amax, cmpLt, exp, log, reshape, sub, sum, where } from '../../primitives/index.js';
import { keepDimShape } from '../../primitives/sum.js';
import { type Dims, reductionDims } from './mean.js';

/**
 * The per-row shift m for a stable log-sum-exp: the maximum over `dims` (keepDim shape), or 0
 * where that is ±inf or NaN (or the reduction is empty), so x − m never computes inf − inf.
 * Outside the graph: the result does not depend on m, so neither does its gradient.
 */
function stableShift(x: Tensor, dims: readonly number[]): Tensor {
  return noGrad(() => {
    if (dims.some((d) => x.shape[d] === 0)) return zeros(keepDimShape(x.shape, dims), { dtype: x.dtype });
    const m = amax(x, dims, true);
    return where(cmpLt(abs(m), Infinity), m, 0);
  });
}

/**
 * log Σ exp(x) over `dim` (one, a list, or all when omitted). x: any shape (ints and bools
 * compute as float32) -> the reduced shape. Exact for large |x|; a row of −inf gives −inf, a +inf
 * entry gives +inf, an empty reduction gives −inf, like PyTorch. The gradient is softmax(x)·dy.
 * @example logsumexp(tensor([1000, 1000]), 0).item() // 1000.6931
 */
export function logsumexp(x: Tensor, dim?: Dims, keepDim = false): Tensor {
  const xf = cast(x, toFloating(x.dtype));
  const dims = reductionDims('logsumexp', dim, x.ndim);
  const shift = stableShift(xf, dims);
  const lse = log(sum(exp(sub(xf, shift)), dims, keepDim));
  return add(lse, keepDim ? shift : reshape(shift, lse.shape));
}
