/**
 * klDiv / KLDivLoss: the pointwise Kullback–Leibler divergence t·(log t − input) for log-probability
 * inputs (PyTorch's kl_div; 0·log 0 = 0). With logTarget the target is given as log-probabilities too.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { cmpEq, div, exp, log, mul, sub, sum, where } from '../../ops/primitives/index.js';
import { mean } from '../../ops/composite/index.js';
import { Loss, checkSameShape, reductionOf } from './reduction.js';
import type { Reduction } from './reduction.js';

export interface KlDivOptions {
  /** 'mean' (default; over every element, as PyTorch), 'batchmean' (the mathematically right one: sum / N), 'sum' or 'none'. */
  reduction?: Reduction | 'batchmean';
  /** The target holds log-probabilities (default false). */
  logTarget?: boolean;
}

/**
 * input: log-probabilities, target: probabilities (or log-probabilities), the same shape.
 * @example klDiv(tensor([Math.log(0.5), Math.log(0.5)]), tensor([0.5, 0.5]), { reduction: 'sum' }).item() // 0
 */
export function klDiv(input: Tensor, target: Tensor, opts: KlDivOptions = {}): Tensor {
  checkSameShape('klDiv', input, target);
  const reduction = reductionOf('klDiv', opts.reduction, ['none', 'mean', 'sum', 'batchmean']);
  let loss: Tensor;
  if (opts.logTarget) loss = mul(exp(target), sub(target, input));
  else {
    // xlogy(t, t): 0 where t = 0, with log reading 1 there so no 0·(−inf) reaches the gradient
    const isZero = cmpEq(target, 0);
    loss = sub(where(isZero, 0, mul(target, log(where(isZero, 1, target)))), mul(target, input));
  }
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return sum(loss);
  if (reduction === 'batchmean') return input.ndim === 0 ? sum(loss) : div(sum(loss), input.shape[0]!);
  return mean(loss);
}

/**
 * The module form of klDiv.
 * @example new KLDivLoss({ reduction: 'batchmean' }).call(zeros([2, 2]), full([2, 2], 0.5)).item() // -0.6931472
 */
export class KLDivLoss extends Loss {
  readonly klReduction: Reduction | 'batchmean';
  readonly logTarget: boolean;

  constructor(opts: KlDivOptions = {}) {
    super({ reduction: opts.reduction === 'batchmean' ? 'sum' : opts.reduction ?? 'mean' });
    this.klReduction = opts.reduction ?? 'mean';
    this.logTarget = opts.logTarget ?? false;
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return klDiv(input, target, { reduction: this.klReduction, logTarget: this.logTarget });
  }
}
