/** tile: torch.tile, which is repeat with the repetition list padded with leading ones. */
import { ArgumentError } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { repeat } from './repeat.js';

/**
 * Repeats x `reps[d]` times along each dim; when reps is shorter than x.ndim it is padded with
 * leading 1s (so tile(x, [2]) repeats the last dim), when longer x gains leading dims.
 * x: (a, b) with reps [r] -> (a, r·b).
 * @example tile(tensor([[1, 2]]), [2]).toArray() // [[1, 2, 1, 2]]
 */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  if (reps.some((s) => !Number.isInteger(s) || s < 0)) throw new ArgumentError(`tile: reps must be non-negative integers, got [${reps.join(',')}]`);
  const full = [...new Array<number>(Math.max(0, x.ndim - reps.length)).fill(1), ...reps];
  return repeat(x, ...full);
}
