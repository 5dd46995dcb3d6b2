/**
 * groupNorm: splits the channels (dim 1) into groups and normalises each group of each sample by
 * its own mean and biased variance, then applies a per-channel affine (PyTorch's F.group_norm).
 */
import { ArgumentError, ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul, reshape, sub } from '../../ops/primitives/index.js';
import { mean, rsqrt, variance } from '../../ops/composite/index.js';
import { affine } from './batch_norm.js';

/**
 * x: (N, C, *), C divisible by numGroups; weight/bias: (C) or null -> same shape as x.
 * @example functional.groupNorm(tensor([[[1], [3]]]), 1).reshape(-1).toArray() // [-0.99999, 0.99999]
 */
export function groupNorm(x: Tensor, numGroups: number, weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  if (!Number.isInteger(numGroups) || numGroups < 1) throw new ArgumentError(`groupNorm: numGroups must be a positive integer, got ${numGroups}`);
  if (x.ndim < 2 || x.shape[1]! % numGroups !== 0) {
    throw new ShapeError(`groupNorm: expected input [N, C, *] with C divisible by ${numGroups} groups, got ${fmtShape(x.shape)}`);
  }
  const C = x.shape[1]!;
  for (const t of [weight, bias]) {
    if (t && (t.ndim !== 1 || t.shape[0] !== C)) throw new ShapeError(`groupNorm: weight and bias must be [${C}], got ${fmtShape(t.shape)}`);
  }
  const N = x.shape[0]!;
  const g = reshape(x, [N, numGroups, x.numel / Math.max(1, N * numGroups)]);
  const y = reshape(mul(sub(g, mean(g, 2, true)), rsqrt(add(variance(g, 2, false, true), eps))), x.shape);
  return affine(y, weight, bias, x.shape.map((s, i) => (i === 1 ? s : 1)));
}
