/**
 * norm: vector p-norms over some dims (PyTorch's `torch.norm` for p = 2, 'fro', 1, ±inf, 0 and
 * any p > 0). Not matrix norms: 'fro' is the 2-norm of the flattened dims, and 'nuc' is absent.
 */
import { ArgumentError } from '../../../errors.js';
import { assertFloating } from '../../../tensor/dtype.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { cast } from '../../primitive.js';
import { abs, amax, cmpEq, logicalNot, mul, pow, sqrt, sum, where } from '../../primitives/index.js';
import { amin } from './amin.js';
import { type Dims, reductionDims } from './mean.js';

/** The order of a norm: a number p ≥ 0, ±Infinity, or 'fro' (same as 2 for these vector norms). */
export type NormOrder = number | 'fro';

/**
 * s^(1/p), and 0 with a zero gradient where s = 0. PyTorch's norm backward masks those entries
 * to 0; the plain rule would give (1/p)·0^(1/p − 1)·0 = inf·0 = NaN.
 */
function rootOrZero(s: Tensor, p: number): Tensor {
  const isZero = cmpEq(s, 0);
  const safe = where(isZero, 1, s);
  return where(isZero, 0, p === 2 ? sqrt(safe) : pow(safe, 1 / p));
}

/**
 * The p-norm (Σ|x|^p)^(1/p) over `dim` (one, a list, or all when omitted). x: float, any shape ->
 * the reduced shape. p = Infinity is max|x| (ties share the gradient), -Infinity is min|x|, 0
 * counts the non-zeros (no gradient). The gradient at an all-zero slice is 0, like PyTorch.
 * @example norm(tensor([[3, 4], [6, 8]]), 2, 1).toArray() // [5, 10]
 */
export function norm(x: Tensor, p: NormOrder = 2, dim?: Dims, keepDim = false): Tensor {
  assertFloating('norm', x.dtype);
  const order = p === 'fro' ? 2 : p;
  if (typeof order !== 'number' || Number.isNaN(order) || (order < 0 && order !== -Infinity)) {
    throw new ArgumentError(`norm: p must be a number >= 0, ±Infinity or 'fro', got ${String(p)}`);
  }
  const dims = reductionDims('norm', dim, x.ndim);
  if (order === 2) return rootOrZero(sum(mul(x, x), dims, keepDim), 2);
  if (order === 1) return sum(abs(x), dims, keepDim);
  if (order === 0) return sum(cast(logicalNot(cmpEq(x, 0)), x.dtype), dims, keepDim);
  if (!Number.isFinite(order)) {
    // NOTE: torch.norm gives 0 for the inf-norms of an empty slice; amax/amin would throw
    if (dims.some((d) => x.shape[d] === 0) || x.numel === 0) return sum(abs(x), dims, keepDim);
    return order > 0 ? amax(abs(x), dims, keepDim) : amin(abs(x), dims, keepDim);
  }
  // NOTE: |x|^p is built as 0 where x = 0 (pow of 1 there instead), so for p < 1 the
  // gradient p·|x|^(p−1) = inf at 0 never meets the 0 from abs's rule; PyTorch gives 0 there too.
  const isZero = cmpEq(x, 0);
  const powered = where(isZero, 0, pow(where(isZero, 1, abs(x)), order));
  return rootOrZero(sum(powered, dims, keepDim), order);
}
