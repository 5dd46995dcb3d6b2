/**
 * prelu: x where x > 0, else a·x with a learnable slope per channel (dim 1) or one for all.
 */
import { ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { cmpLt, mul, reshape, where } from '../../ops/primitives/index.js';

/**
 * x: (N, C, *) or any shape when weight has one element; weight: (C) or (1) -> same shape as x.
 * @example functional.prelu(tensor([-2, 3]), tensor([0.25])).toArray() // [-0.5, 3]
 */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  const c = weight.numel;
  if (weight.ndim > 1 || (c !== 1 && (x.ndim < 2 || x.shape[1] !== c))) {
    throw new ShapeError(`prelu: weight ${fmtShape(weight.shape)} needs 1 element or one per channel (dim 1) of input ${fmtShape(x.shape)}`);
  }
  const a = c === 1 ? reshape(weight, []) : reshape(weight, [c, ...x.shape.slice(2).map(() => 1)]);
  // NOTE: x = 0 takes the a·x branch, so its input gradient is a, as in PyTorch's prelu backward
  return where(cmpLt(0, x), x, mul(a, x));
}
