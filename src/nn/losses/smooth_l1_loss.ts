/** smoothL1Loss / SmoothL1Loss: quadratic below `beta`, linear above (PyTorch's smooth_l1_loss). */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { abs, cmpLt, div, mul, sub, where } from '../../ops/primitives/index.js';
import { Loss, type ReductionOptions, applyReduction, checkSameShape } from './reduction.js';

export interface SmoothL1Options extends ReductionOptions {
  /** Where the loss turns linear (default 1; 0 gives the L1 loss). */
  beta?: number;
}

/**
 * With z = |input − target|: 0.5·z²/β if z < β, else z − 0.5·β. Same shapes -> scalar or that shape.
 * @example smoothL1Loss(tensor([0, 0]), tensor([0.5, 3]), { reduction: 'none' }).toArray() // [0.125, 2.5]
 */
export function smoothL1Loss(input: Tensor, target: Tensor, opts: SmoothL1Options = {}): Tensor {
  checkSameShape('smoothL1Loss', input, target);
  const beta = opts.beta ?? 1;
  if (!(beta >= 0)) throw new ArgumentError(`smoothL1Loss: beta must be >= 0, got ${beta}`);
  const d = sub(input, target);
  const z = abs(d);
  if (beta === 0) return applyReduction('smoothL1Loss', z, opts.reduction);
  const loss = where(cmpLt(z, beta), div(mul(mul(d, d), 0.5), beta), sub(z, 0.5 * beta));
  return applyReduction('smoothL1Loss', loss, opts.reduction);
}

/**
 * The module form of smoothL1Loss.
 * @example new SmoothL1Loss({ beta: 0.5 }).beta // 0.5
 */
export class SmoothL1Loss extends Loss {
  readonly beta: number;

  constructor(opts: SmoothL1Options = {}) {
    super(opts);
    this.beta = opts.beta ?? 1;
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}
