/** movedim: moves dims to new positions, keeping the others in order (a view, through permute). */
import { ArgumentError, IndexError } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { normalizeDim } from '../../../tensor/shape.js';
import { permute } from '../../primitives/permute.js';

/**
 * Moves dim(s) `source` to position(s) `destination` (negative dims allowed); the remaining dims
 * keep their relative order. x: (a, b, c) with (0, -1) -> (b, c, a). A view of x.
 * @example movedim(zeros([2, 3, 4]), 0, -1).shape // [3, 4, 2]
 */
export function movedim(x: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  const src = typeof source === 'number' ? [source] : [...source];
  const dst = typeof destination === 'number' ? [destination] : [...destination];
  if (src.length !== dst.length) {
    throw new ArgumentError(`movedim: source [${src.join(',')}] and destination [${dst.join(',')}] must have the same length`);
  }
  const s = src.map((v) => normalizeDim('movedim', v, x.ndim));
  const t = dst.map((v) => normalizeDim('movedim', v, x.ndim));
  if (new Set(s).size !== s.length) throw new IndexError(`movedim: source [${src.join(',')}] repeats a dim`);
  if (new Set(t).size !== t.length) throw new IndexError(`movedim: destination [${dst.join(',')}] repeats a dim`);
  if (x.ndim === 0) return x;
  // order[p] = the input dim that lands at position p
  const order = new Array<number>(x.ndim).fill(-1);
  t.forEach((p, i) => (order[p] = s[i]!));
  const rest = Array.from({ length: x.ndim }, (_, i) => i).filter((i) => !s.includes(i));
  for (let p = 0; p < x.ndim; p++) if (order[p] === -1) order[p] = rest.shift()!;
  return permute(x, order);
}
