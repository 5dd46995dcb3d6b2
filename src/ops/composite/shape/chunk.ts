/** chunk: splits into a requested number of nearly equal pieces with PyTorch's sizing rule. */
import { ArgumentError, ShapeError } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { normalizeDim } from '../../../tensor/shape.js';
import { splitSizes, splitWithSizes } from './split.js';

/**
 * Splits x along `dim` into pieces of ceil(size / chunks) elements, so it may return fewer than
 * `chunks` pieces (6 into 4 gives 2,2,2), exactly as torch.chunk. An empty dim gives `chunks`
 * empty pieces. Each piece is a view of x.
 * @example chunk(arange(5), 3).map((t) => t.toArray()) // [[0, 1], [2, 3], [4]]
 */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (x.ndim === 0) throw new ShapeError('chunk: expected at least a 1-d tensor, got a 0-d one');
  if (!Number.isInteger(chunks) || chunks <= 0) throw new ArgumentError(`chunk: chunks must be a positive integer, got ${chunks}`);
  const d = normalizeDim('chunk', dim, x.ndim);
  const size = x.shape[d]!;
  if (size === 0) return splitWithSizes(x, d, new Array<number>(chunks).fill(0));
  return splitWithSizes(x, d, splitSizes('chunk', size, Math.ceil(size / chunks)));
}
