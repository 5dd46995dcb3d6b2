/**
 * dropout: in training, zeroes each element with probability p and scales the rest by 1/(1−p),
 * so the expectation is unchanged; outside training it is the identity. Seeded by the default
 * Generator or a passed one.
 */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { rand } from '../../tensor/create.js';
import type { Generator } from '../../tensor/random.js';
import { cmpLt, mul, where } from '../../ops/primitives/index.js';
import { zerosLike } from '../../tensor/create.js';

export interface DropoutOptions {
  /** Whether to drop (default true, like F.dropout). */
  training?: boolean;
  generator?: Generator;
}

export function checkP(op: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new ArgumentError(`${op}: dropout probability has to be between 0 and 1, but got ${p}`);
}

/** x * mask / (1 − p), with one Bernoulli(1 − p) draw per element of `maskShape` (broadcast to x). */
export function dropMask(x: Tensor, p: number, maskShape: readonly number[], generator?: Generator): Tensor {
  if (p === 1) return mul(x, zerosLike(x));
  const keep = cmpLt(rand(maskShape, generator ? { generator } : {}), 1 - p);
  return where(keep, mul(x, 1 / (1 - p)), 0);
}

/**
 * x: any shape -> same shape.
 * @example functional.dropout(ones([4]), 0.5, { training: false }).toArray() // [1, 1, 1, 1]
 */
export function dropout(x: Tensor, p = 0.5, opts: DropoutOptions = {}): Tensor {
  checkP('dropout', p);
  if (!(opts.training ?? true) || p === 0) return x;
  return dropMask(x, p, x.shape, opts.generator);
}
