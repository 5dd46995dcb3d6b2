/** huberLoss / HuberLoss: quadratic below `delta`, linear (slope delta) above. */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { abs, cmpLt, mul, sub, where } from '../../ops/primitives/index.js';
import { Loss, type ReductionOptions, applyReduction, checkSameShape } from './reduction.js';

export interface HuberOptions extends ReductionOptions {
  /** Where the loss turns linear (default 1, > 0). */
  delta?: number;
}

/**
 * With z = |input − target|: 0.5·z² if z < δ, else δ·(z − 0.5·δ). Equals δ·smoothL1Loss with β = δ.
 * @example huberLoss(tensor([0, 0]), tensor([0.5, 3]), { reduction: 'none', delta: 2 }).toArray() // [0.125, 4]
 */
export function huberLoss(input: Tensor, target: Tensor, opts: HuberOptions = {}): Tensor {
  checkSameShape('huberLoss', input, target);
  const delta = opts.delta ?? 1;
  if (!(delta > 0)) throw new ArgumentError(`huberLoss: delta must be > 0, got ${delta}`);
  const d = sub(input, target);
  const z = abs(d);
  const loss = where(cmpLt(z, delta), mul(mul(d, d), 0.5), mul(sub(z, 0.5 * delta), delta));
  return applyReduction('huberLoss', loss, opts.reduction);
}

/**
 * The module form of huberLoss.
 * @example new HuberLoss({ delta: 2 }).call(tensor([0]), tensor([3])).item() // 4
 */
export class HuberLoss extends Loss {
  readonly delta: number;

  constructor(opts: HuberOptions = {}) {
    super(opts);
    this.delta = opts.delta ?? 1;
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
}
