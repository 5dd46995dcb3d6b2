/**
 * linear: y = x·Wᵀ + b, PyTorch's F.linear (the weight is stored [out, in], as nn.Linear keeps it).
 */
import { ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, transpose } from '../../ops/primitives/index.js';
import { matmul } from '../../ops/composite/index.js';

/**
 * x: (*, in), weight: (out, in), bias: (out) or null -> (*, out).
 * @example functional.linear(ones([2, 3]), ones([4, 3]), zeros([4])).shape // [2, 4]
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const inFeatures = weight.shape[1];
  if (weight.ndim !== 2 || x.ndim < 1 || x.shape[x.ndim - 1] !== inFeatures) {
    throw new ShapeError(`linear: input ${fmtShape(x.shape)} does not fit weight ${fmtShape(weight.shape)} (need input [*, in] and weight [out, in])`);
  }
  const y = matmul(x, transpose(weight, 0, 1));
  return bias ? add(y, bias) : y;
}
