/**
 * mean: the arithmetic mean over some dims, sum / count. Also home of the dim handling the other
 * reductions of this family share (PyTorch 1.13: an empty dim list reduces every dim).
 */
import { normalizeDims } from '../../../tensor/shape.js';
import { assertFloating } from '../../../tensor/dtype.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { div, sum } from '../../primitives/index.js';

/** Dims to reduce: one, a list, or all; negative dims count from the end. */
export type Dims = number | readonly number[];

/**
 * `dim` normalised to sorted non-negative dims. Omitted or `[]` means every dim, as in PyTorch 1.13
 * (`x.mean(dim=[])` is a full reduction there).
 */
export function reductionDims(op: string, dim: Dims | undefined, ndim: number): number[] {
  const isAll = dim === undefined || (typeof dim !== 'number' && dim.length === 0);
  return normalizeDims(op, isAll ? undefined : dim, ndim);
}

/** How many elements each output of a reduction over `dims` combines (1 for no dims). */
export function reducedCount(shape: readonly number[], dims: readonly number[]): number {
  return dims.reduce((n, d) => n * shape[d]!, 1);
}

/**
 * Mean over `dim` (one, a list, or all when omitted). x: float, any shape -> the reduced shape
 * (reduced dims kept as 1 with keepDim). Integer and bool inputs throw a DTypeError, like PyTorch.
 * An empty reduction gives NaN (0 / 0).
 * @example mean(tensor([[1, 2], [3, 5]]), 1).toArray() // [1.5, 4]
 */
export function mean(x: Tensor, dim?: Dims, keepDim = false): Tensor {
  assertFloating('mean', x.dtype);
  const dims = reductionDims('mean', dim, x.ndim);
  // d/dx_i mean = 1/N, from sum's rule
  return div(sum(x, dims, keepDim), reducedCount(x.shape, dims));
}
