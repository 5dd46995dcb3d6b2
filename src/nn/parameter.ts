/**
 * A Parameter is a leaf tensor that requires grad and that a Module finds and owns. Optimizers
 * update it in place (`assign_`), so references held by modules and optimizers stay valid.
 */
import { ShapeError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { shapesEqual } from '../tensor/shape.js';
import { noGrad } from '../autograd/grad_mode.js';
import { cast } from '../ops/primitive.js';
import { kernels } from '../backend/registry.js';

export class Parameter extends Tensor {
  /**
   * Wraps `value` (copied into fresh contiguous storage) as a trainable leaf.
   * @example new Parameter(zeros([2, 3])).requiresGrad // true
   */
  constructor(value: Tensor, requiresGrad = true) {
    const own = noGrad(() => cast(value, value.dtype, true));
    super(own.data, own.shape, own.dtype);
    if (requiresGrad) this.requiresGrad_();
  }
}

/**
 * Overwrites `dst`'s elements with `src` (broadcast not allowed, dtype converted), outside the
 * graph. The in-place write optimizers and `loadStateDict` use. Returns dst.
 * @example const p = new Parameter(zeros([2])); assign_(p, ones([2])); p.toArray() // [1, 1]
 */
export function assign_(dst: Tensor, src: Tensor): Tensor {
  if (!shapesEqual(dst.shape, src.shape)) {
    throw new ShapeError(`assign_: shape ${fmtShape(src.shape)} does not match destination ${fmtShape(dst.shape)}`);
  }
  // NOTE: a source that shares storage with dst is copied first, so the write cannot read itself
  const from = src.data === dst.data ? noGrad(() => cast(src, src.dtype, true)) : src;
  kernels().cast(from, dst);
  return dst;
}
