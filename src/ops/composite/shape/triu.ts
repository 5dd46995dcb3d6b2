/** triu: keeps the upper triangle of the last two dims (batched), the mirror of tril. */
import type { Tensor } from '../../../tensor/tensor.js';
import { where } from '../../primitives/where.js';
import { triangleMask } from './tril.js';

/**
 * The upper triangle of each matrix in x: x[..., i, j] where j - i >= diagonal, else 0.
 * diagonal 0 keeps the main diagonal, > 0 drops it and more, < 0 keeps sub-diagonals too.
 * x: (..., M, N) -> (..., M, N).
 * @example triu(ones([3, 3]), 1).toArray() // [[0, 1, 1], [0, 0, 1], [0, 0, 0]]
 */
export function triu(x: Tensor, diagonal = 0): Tensor {
  const mask = triangleMask('triu', x.shape, diagonal, false);
  return where(mask, x, x.dtype === 'bool' ? false : 0);
}
