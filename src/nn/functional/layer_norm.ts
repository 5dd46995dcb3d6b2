/**
 * layerNorm: normalises over the trailing `normalizedShape` dims of each sample with its own mean
 * and biased variance, then applies an elementwise affine of that shape (PyTorch's F.layer_norm).
 */
import { ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul, sub } from '../../ops/primitives/index.js';
import { mean, rsqrt, variance } from '../../ops/composite/index.js';

/**
 * x: (*, ...normalizedShape), weight/bias: normalizedShape or null -> same shape as x.
 * @example functional.layerNorm(tensor([[1, 3]]), [2]).toArray() // [[-0.99999, 0.99999]]
 */
export function layerNorm(x: Tensor, normalizedShape: readonly number[], weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  const k = normalizedShape.length;
  const tail = x.shape.slice(x.ndim - k);
  if (k === 0 || x.ndim < k || tail.some((s, i) => s !== normalizedShape[i])) {
    throw new ShapeError(`layerNorm: expected input [*, ${normalizedShape.join(', ')}], got ${fmtShape(x.shape)}`);
  }
  for (const t of [weight, bias]) {
    if (t && (t.ndim !== k || t.shape.some((s, i) => s !== normalizedShape[i]))) {
      throw new ShapeError(`layerNorm: weight and bias must have shape ${fmtShape(normalizedShape)}, got ${fmtShape(t.shape)}`);
    }
  }
  const dims = normalizedShape.map((_, i) => x.ndim - k + i);
  const y = mul(sub(x, mean(x, dims, true)), rsqrt(add(variance(x, dims, false, true), eps)));
  const scaled = weight ? mul(y, weight) : y;
  return bias ? add(scaled, bias) : scaled;
}
