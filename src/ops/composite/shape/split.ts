/**
 * split: cuts a tensor into consecutive pieces along a dim (views, through slice). Takes either
 * one piece size (the last piece may be smaller) or the list of sizes, like torch.split.
 */
import { ArgumentError, ShapeError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { normalizeDim } from '../../../tensor/shape.js';
import { slice } from '../../primitives/slice.js';

/** The piece sizes torch.split uses for one size `splitSize` over a dim of `size` elements. */
export function splitSizes(op: string, size: number, splitSize: number): number[] {
  if (!Number.isInteger(splitSize) || splitSize < 0) throw new ArgumentError(`${op}: split size must be a non-negative integer, got ${splitSize}`);
  if (splitSize === 0) {
    if (size !== 0) throw new ArgumentError(`${op}: split size can only be 0 if the dim size is 0, but the dim has size ${size}`);
    return [0];
  }
  const n = Math.max(1, Math.ceil(size / splitSize));
  return Array.from({ length: n }, (_, i) => Math.min(splitSize, size - i * splitSize));
}

/** Slices x along the normalised dim `d` into consecutive pieces of the given sizes (views). */
export function splitWithSizes(x: Tensor, d: number, sizes: readonly number[]): Tensor[] {
  let at = 0;
  return sizes.map((n) => slice(x, d, at, (at += n)));
}

/**
 * Splits x along `dim` into pieces of `splitSizeOrSections` elements (the last may be smaller), or
 * into pieces of the listed sizes, which must add up to x.shape[dim]. Each piece is a view of x.
 * x: (a, n) with [p, q] and dim 1 -> [(a, p), (a, q)], p + q = n.
 * @example split(arange(5), 2).map((t) => t.toArray()) // [[0, 1], [2, 3], [4]]
 * @example split(zeros([2, 5]), [1, 4], 1).map((t) => t.shape) // [[2, 1], [2, 4]]
 */
export function split(x: Tensor, splitSizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  if (x.ndim === 0) throw new ShapeError('split: expected at least a 1-d tensor, got a 0-d one');
  const d = normalizeDim('split', dim, x.ndim);
  const size = x.shape[d]!;
  if (typeof splitSizeOrSections === 'number') return splitWithSizes(x, d, splitSizes('split', size, splitSizeOrSections));
  const sizes = splitSizeOrSections;
  if (sizes.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new ArgumentError(`split: split sizes must be non-negative integers, got [${sizes.join(',')}]`);
  }
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total !== size) {
    throw new ShapeError(`split: split sizes [${sizes.join(',')}] add up to ${total}, but dim ${dim} of ${fmtShape(x.shape)} has size ${size}`);
  }
  return splitWithSizes(x, d, sizes);
}
