/**
 * bilinear: y_k = x1ᵀ·A_k·x2 + b_k, PyTorch's F.bilinear, as one matmul against A viewed as
 * [in1, out·in2] followed by a product with x2 and a sum.
 */
import { ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul, permute, reshape, sum } from '../../ops/primitives/index.js';
import { matmul } from '../../ops/composite/index.js';

/**
 * x1: (*, in1), x2: (*, in2), weight: (out, in1, in2), bias: (out) or null -> (*, out).
 * @example functional.bilinear(ones([5, 2]), ones([5, 3]), ones([4, 2, 3])).shape // [5, 4]
 */
export function bilinear(x1: Tensor, x2: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const [out, in1, in2] = weight.shape as [number, number, number];
  const lead = x1.shape.slice(0, -1);
  if (weight.ndim !== 3 || x1.ndim < 1 || x1.shape[x1.ndim - 1] !== in1 || x2.shape[x2.ndim - 1] !== in2 ||
      x2.ndim !== x1.ndim || lead.some((s, i) => s !== x2.shape[i])) {
    throw new ShapeError(`bilinear: inputs ${fmtShape(x1.shape)} and ${fmtShape(x2.shape)} do not fit weight ${fmtShape(weight.shape)} (need [*, in1], [*, in2], [out, in1, in2])`);
  }
  const n = lead.reduce((a, b) => a * b, 1);
  // t[n, o, j] = Σ_i x1[n, i]·A[o, i, j]
  const t = reshape(matmul(reshape(x1, [n, in1]), reshape(permute(weight, [1, 0, 2]), [in1, out * in2])), [n, out, in2]);
  const y = reshape(sum(mul(t, reshape(x2, [n, 1, in2])), 2), [...lead, out]);
  return bias ? add(y, bias) : y;
}
