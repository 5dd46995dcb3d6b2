/** mseLoss / MSELoss: squared error, (input − target)², reduced. */
import type { Tensor } from '../../tensor/tensor.js';
import { mul, sub } from '../../ops/primitives/index.js';
import { Loss, type ReductionOptions, applyReduction, checkSameShape } from './reduction.js';

/**
 * input, target: the same shape -> scalar, or that shape with reduction 'none'.
 * @example mseLoss(tensor([1, 2]), tensor([1, 4])).item() // 2
 */
export function mseLoss(input: Tensor, target: Tensor, opts: ReductionOptions = {}): Tensor {
  checkSameShape('mseLoss', input, target);
  const d = sub(input, target);
  return applyReduction('mseLoss', mul(d, d), opts.reduction);
}

/**
 * The module form of mseLoss.
 * @example new MSELoss().call(tensor([1, 2]), tensor([1, 4])).item() // 2
 */
export class MSELoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
}
