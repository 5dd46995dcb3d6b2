/** l1Loss / L1Loss: absolute error, |input − target|, reduced. */
import type { Tensor } from '../../tensor/tensor.js';
import { abs, sub } from '../../ops/primitives/index.js';
import { Loss, type ReductionOptions, applyReduction, checkSameShape } from './reduction.js';

/**
 * input, target: the same shape -> scalar, or that shape with reduction 'none'.
 * @example l1Loss(tensor([1, 2]), tensor([1, 4])).item() // 1
 */
export function l1Loss(input: Tensor, target: Tensor, opts: ReductionOptions = {}): Tensor {
  checkSameShape('l1Loss', input, target);
  return applyReduction('l1Loss', abs(sub(input, target)), opts.reduction);
}

/**
 * The module form of l1Loss.
 * @example new L1Loss({ reduction: 'sum' }).call(tensor([1, 2]), tensor([0, 4])).item() // 3
 */
export class L1Loss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, { reduction: this.reduction });
  }
}
