/**
 * crossEntropy / CrossEntropyLoss: logSoftmax over the class dim (1, or 0 for an unbatched (C)
 * input) followed by the negative log-likelihood, PyTorch's cross_entropy. Targets are int32 class
 * indices (weight, ignoreIndex, labelSmoothing) or float class probabilities of the input's shape
 * (weight, labelSmoothing).
 */
import { ArgumentError } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { isFloating } from '../../tensor/dtype.js';
import { add, cmpEq, div, mul, neg, reshape, sum, where } from '../../ops/primitives/index.js';
import { indexSelect, logSoftmax } from '../../ops/composite/index.js';
import { Loss, checkSameShape, reductionOf } from './reduction.js';
import { type NllOptions, checkClassTargets, nllLoss, weightedMean } from './nll_loss.js';

export interface CrossEntropyOptions extends NllOptions {
  /** Mixes the target with the uniform distribution: (1 − ε)·target + ε/C. In [0, 1], default 0. */
  labelSmoothing?: number;
}

/**
 * input: logits (C), (N, C) or (N, C, d1, …); target: int32 indices of the input's shape without
 * the class dim, or float probabilities of the input's shape -> scalar, or per sample with 'none'.
 * @example crossEntropy(tensor([[0, 0]]), tensor([1], { dtype: 'int32' })).item() // 0.6931472
 */
export function crossEntropy(input: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  const reduction = reductionOf('crossEntropy', opts.reduction);
  const eps = opts.labelSmoothing ?? 0;
  if (!(eps >= 0 && eps <= 1)) throw new ArgumentError(`crossEntropy: labelSmoothing must be in [0, 1], got ${eps}`);
  if (!(input instanceof Tensor) || !(target instanceof Tensor)) throw new ArgumentError('crossEntropy: input and target must be Tensors');
  const classDim = input.ndim === 1 ? 0 : 1;
  const C = input.shape[classDim] ?? 0;
  const logp = logSoftmax(input, classDim);
  const w = opts.weight ? reshape(opts.weight, input.shape.map((s, i) => (i === classDim ? s : 1))) : null;
  if (isFloating(target.dtype)) {
    checkSameShape('crossEntropy', input, target);
    if ((opts.ignoreIndex ?? -100) >= 0) throw new ArgumentError('crossEntropy: ignoreIndex is not supported for class-probability targets');
    const t = eps > 0 ? add(mul(target, 1 - eps), eps / C) : target;
    const terms = w ? mul(mul(logp, t), w) : mul(logp, t);
    if (reduction === 'none') return neg(sum(terms, classDim));
    if (reduction === 'sum') return neg(sum(terms));
    return div(neg(sum(terms)), input.numel / Math.max(1, C));
  }
  const nll = nllLoss(logp, target, opts);
  if (eps === 0) return nll;
  // label smoothing: the uniform part, −Σ_c w_c·logp_c per sample, reduced like the nll part
  const ignoreIndex = opts.ignoreIndex ?? -100;
  checkClassTargets('crossEntropy', input, target, ignoreIndex, opts.weight);
  const isIgnored = cmpEq(target, ignoreIndex);
  const smooth = where(isIgnored, 0, neg(sum(w ? mul(logp, w) : logp, classDim)));
  let uniform: Tensor;
  if (reduction === 'none') uniform = smooth;
  else if (reduction === 'sum') uniform = sum(smooth);
  else {
    const safe = where(isIgnored, 0, target);
    const kept = opts.weight ? reshape(indexSelect(opts.weight, 0, reshape(safe, [safe.numel])), target.shape) : 1;
    uniform = weightedMean(sum(smooth), sum(where(isIgnored, 0, kept)));
  }
  return add(mul(nll, 1 - eps), mul(uniform, eps / C));
}

/**
 * The module form of crossEntropy; `weight` is a buffer (in the state dict), as in PyTorch.
 * @example new CrossEntropyLoss({ labelSmoothing: 0.1 }).call(tensor([[0, 0]]), tensor([1], { dtype: 'int32' })).item() // 0.6931472
 */
export class CrossEntropyLoss extends Loss {
  declare weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;

  constructor(opts: CrossEntropyOptions = {}) {
    super(opts);
    if (opts.weight) this.registerBuffer('weight', opts.weight);
    else this.weight = null;
    this.ignoreIndex = opts.ignoreIndex ?? -100;
    this.labelSmoothing = opts.labelSmoothing ?? 0;
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, {
      reduction: this.reduction, weight: this.weight, ignoreIndex: this.ignoreIndex, labelSmoothing: this.labelSmoothing,
    });
  }
}
