import { kernels } from '../../backend/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { normalizeDim } from '../../tensor/shape.js';
import { cast, empty, record } from '../primitive.js';
import { flip } from './flip.js';

/**
 * Running sum along `dim`: y_i = x_0 + … + x_i. Bools and ints sum as int32.
 * @example cumsum(tensor([1, 2, 3]), 0).toArray() // [1, 3, 6]
 */
export function cumsum(x: Tensor, dim: number): Tensor {
  const d = normalizeDim('cumsum', dim, x.ndim);
  const xs = x.dtype === 'bool' ? cast(x, 'int32') : x;
  const out = empty(x.shape, xs.dtype);
  if (x.ndim === 0) {
    out.data[0] = xs.data[xs.offset]!;
  } else kernels().cumsum(xs, d, out);
  // d/dx_j Σ_{i≥j} y_i: a reversed cumulative sum of dy
  return record('cumsum', [xs], d, ({ dy, attrs }) => [dy.ndim === 0 ? dy : flip(cumsum(flip(dy, [attrs]), attrs), [attrs])], out);
}
