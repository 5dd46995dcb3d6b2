import { ShapeError } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { normalizeDim } from '../../tensor/shape.js';
import { record } from '../primitive.js';

/**
 * Reorders dims (a view): out.shape[i] = x.shape[dims[i]].
 * @example permute(zeros([2, 3, 4]), [2, 0, 1]).shape // [4, 2, 3]
 */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (!Array.isArray(dims)) throw new ShapeError(`permute: dims must be an array, got ${String(dims)}`);
  if (dims.length !== x.ndim) throw new ShapeError(`permute: got ${dims.length} dims [${dims.join(',')}] for a ${x.ndim}-d tensor`);
  const d = dims.map((v) => normalizeDim('permute', v, x.ndim));
  if (new Set(d).size !== d.length) throw new ShapeError(`permute: dims [${dims.join(',')}] repeat a dim`);
  const out = new Tensor(x.data, d.map((i) => x.shape[i]!), x.dtype, d.map((i) => x.strides[i]!), x.offset);
  const inverse = new Array<number>(d.length);
  d.forEach((v, i) => (inverse[v] = i));
  // the gradient is permuted back
  return record('permute', [x], inverse, ({ dy, attrs }) => [permute(dy, attrs)], out);
}

/** Swaps two dims (a view). */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim('transpose', dim0, x.ndim);
  const b = normalizeDim('transpose', dim1, x.ndim);
  if (x.ndim < 2) return x;
  const dims = Array.from({ length: x.ndim }, (_, i) => (i === a ? b : i === b ? a : i));
  return permute(x, dims);
}
