/**
 * clamp: limits x to [min, max]; either bound may be a number, a tensor (broadcast) or absent.
 * Values are PyTorch's min(max(x, min), max) (NaN in x or a tensor bound propagates); gradients
 * follow PyTorch's clamp_backward: x gets dy where min ≤ x ≤ max, a bound where it was taken.
 */
import { ArgumentError } from '../../../errors.js';
import { cmpLe, cmpLt, logicalAnd, logicalOr, maximum, minimum, where } from '../../primitives/index.js';
import { noGrad } from '../../../autograd/grad_mode.js';
import { Tensor } from '../../../tensor/tensor.js';
import { broadcastShapes } from '../../../tensor/shape.js';

/** A clamp bound: a number, a tensor broadcast against x, or absent (undefined or null). */
export type ClampBound = Tensor | number | null | undefined;

/**
 * y = min(max(x, min), max) elementwise; with min > max every element is max. At least one bound
 * is required. x: any shape; tensor bounds broadcast with it -> y: the broadcast shape, dtype by
 * PyTorch's promotion (an int32 x with a fractional bound gives float32).
 * @example clamp(tensor([-2, 0.5, 3]), 0, 1).toArray() // [0, 0.5, 1]
 * @example clamp(tensor([-2, 3]), undefined, 1).toArray() // [-2, 1]
 */
export function clamp(x: Tensor, min?: ClampBound, max?: ClampBound): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`clamp: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  const lo = min ?? undefined;
  const hi = max ?? undefined;
  if (lo === undefined && hi === undefined) throw new ArgumentError('clamp: at least one of min and max must be given');
  for (const [what, b] of [['min', lo], ['max', hi]] as const) {
    if (b !== undefined && typeof b !== 'number' && !(b instanceof Tensor)) throw new ArgumentError(`clamp: ${what} must be a number, a Tensor or undefined, got ${typeof b}`);
    if (typeof b === 'number' && Number.isNaN(b)) throw new ArgumentError(`clamp: ${what} is NaN; pass a finite or infinite number`);
    if (b instanceof Tensor) broadcastShapes('clamp', x.shape, b.shape);
  }
  // NOTE: the value where no rule below applies (NaN anywhere, or x outside [min, max] with
  // min == max): a constant, so nothing gets a gradient there, as in PyTorch.
  const fallback = noGrad(() => {
    const y = lo === undefined ? x : maximum(x, lo);
    return hi === undefined ? y : minimum(y, hi);
  });
  if (hi === undefined) return where(cmpLe(lo!, x), x, where(cmpLt(x, lo!), lo!, fallback));
  if (lo === undefined) return where(cmpLe(x, hi), x, where(cmpLt(hi, x), hi, fallback));
  const passesX = logicalAnd(cmpLe(lo, x), cmpLe(x, hi));
  const takesMin = logicalAnd(cmpLt(x, lo), cmpLt(lo, hi));
  const takesMax = logicalOr(cmpLt(hi, x), cmpLt(hi, lo));
  // d/dx = [min ≤ x ≤ max], d/dmin = [x < min < max], d/dmax = [x > max or max < min]
  return where(passesX, x, where(takesMin, lo, where(takesMax, hi, fallback)));
}
