/**
 * tril: keeps the lower triangle of the last two dims (batched), zeroing the rest with `where`,
 * so NaN/Inf above the diagonal are removed rather than multiplied by 0.
 */
import { ArgumentError, ShapeError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { arange } from '../../../tensor/create.js';
import { cmpLe } from '../../primitives/cmp_le.js';
import { reshape } from '../../primitives/reshape.js';
import { sub } from '../../primitives/sub.js';
import { where } from '../../primitives/where.js';

/**
 * Bool mask (M, N) of the cells with column - row <= diagonal (lower: true) or >= diagonal (lower: false).
 */
export function triangleMask(op: string, shape: readonly number[], diagonal: number, lower: boolean): Tensor {
  if (shape.length < 2) throw new ShapeError(`${op}: input must have at least 2 dims, got ${fmtShape(shape)}`);
  if (!Number.isInteger(diagonal)) throw new ArgumentError(`${op}: diagonal must be an integer, got ${diagonal}`);
  const M = shape.at(-2)!;
  const N = shape.at(-1)!;
  // offset[i][j] = j - i
  const offset = sub(reshape(arange(N), [1, N]), reshape(arange(M), [M, 1]));
  return lower ? cmpLe(offset, diagonal) : cmpLe(diagonal, offset);
}

/**
 * The lower triangle of each matrix in x: x[..., i, j] where j - i <= diagonal, else 0.
 * diagonal 0 keeps the main diagonal, > 0 keeps more super-diagonals, < 0 drops sub-diagonals.
 * x: (..., M, N) -> (..., M, N).
 * @example tril(ones([3, 3])).toArray() // [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
 */
export function tril(x: Tensor, diagonal = 0): Tensor {
  const mask = triangleMask('tril', x.shape, diagonal, true);
  return where(mask, x, x.dtype === 'bool' ? false : 0);
}
