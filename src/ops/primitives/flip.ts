import { Tensor } from '../../tensor/tensor.js';
import { normalizeDims } from '../../tensor/shape.js';
import { record } from '../primitive.js';

/**
 * Reverses the order of elements along `dims` (a view with negative strides; no copy).
 * @example flip(tensor([1, 2, 3]), [0]).toArray() // [3, 2, 1]
 */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  const ds = normalizeDims('flip', dims, x.ndim);
  let offset = x.offset;
  const strides = x.strides.map((s, d) => {
    if (!ds.includes(d)) return s;
    if (x.shape[d]! > 0) offset += (x.shape[d]! - 1) * s;
    return -s;
  });
  const out = new Tensor(x.data, x.shape, x.dtype, strides, offset);
  // flipping is its own inverse
  return record('flip', [x], ds, ({ dy, attrs }) => [flip(dy, attrs)], out);
}
