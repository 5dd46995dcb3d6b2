/**
 * nllLoss / NLLLoss: the negative log-likelihood of class indices, −w[t]·input[t], given
 * log-probabilities (PyTorch's nll_loss). Targets equal to `ignoreIndex` contribute nothing, and
 * 'mean' divides by the summed weight of the other targets (so with weights it is a weighted mean).
 */
import { DTypeError, IndexError, ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { onesLike } from '../../tensor/create.js';
import { add, cmpEq, div, gather, mul, neg, reshape, sum, where } from '../../ops/primitives/index.js';
import { indexSelect, squeeze, unsqueeze } from '../../ops/composite/index.js';
import { Loss, type ReductionOptions, reductionOf } from './reduction.js';

export interface NllOptions extends ReductionOptions {
  /** Per-class weight, (C). */
  weight?: Tensor | null;
  /** Targets with this value are skipped (default −100). */
  ignoreIndex?: number;
}

/**
 * Checks class-index targets for input (C) / (N, C) / (N, C, d1, …): int32, the input's shape without
 * dim 1, each value in [0, C) or ignoreIndex. Returns the class dim.
 */
export function checkClassTargets(op: string, input: Tensor, target: Tensor, ignoreIndex: number, weight?: Tensor | null): number {
  if (target.dtype !== 'int32') throw new DTypeError(`${op}: class-index targets must be int32, got ${target.dtype} ${fmtShape(target.shape)}`);
  if (input.ndim < 1) throw new ShapeError(`${op}: input must be [C], [N, C] or [N, C, d1, ...], got ${fmtShape(input.shape)}`);
  const classDim = input.ndim === 1 ? 0 : 1;
  const C = input.shape[classDim]!;
  const want = input.shape.filter((_, i) => i !== classDim);
  if (target.ndim !== want.length || want.some((s, i) => s !== target.shape[i])) {
    throw new ShapeError(`${op}: target ${fmtShape(target.shape)} must be ${fmtShape(want)} for input ${fmtShape(input.shape)}`);
  }
  if (weight && (weight.ndim !== 1 || weight.shape[0] !== C)) throw new ShapeError(`${op}: weight must be [${C}] (one per class), got ${fmtShape(weight.shape)}`);
  const ts = target.toTypedArray();
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t !== ignoreIndex && (t < 0 || t >= C)) throw new IndexError(`${op}: target ${t} is out of bounds for ${C} classes`);
  }
  return classDim;
}

/**
 * input: log-probabilities (C), (N, C) or (N, C, d1, …); target: int32 (), (N) or (N, d1, …) ->
 * scalar, or the target's shape with reduction 'none' (ignored entries 0).
 * @example nllLoss(tensor([[-1, -2], [-3, -4]]), tensor([0, 1], { dtype: 'int32' })).item() // 2.5
 */
export function nllLoss(input: Tensor, target: Tensor, opts: NllOptions = {}): Tensor {
  const reduction = reductionOf('nllLoss', opts.reduction);
  const ignoreIndex = opts.ignoreIndex ?? -100;
  const classDim = checkClassTargets('nllLoss', input, target, ignoreIndex, opts.weight);
  const isIgnored = cmpEq(target, ignoreIndex);
  const safe = where(isIgnored, 0, target);
  const picked = squeeze(gather(input, classDim, unsqueeze(safe, classDim)), classDim);
  const w0 = opts.weight ? reshape(indexSelect(opts.weight, 0, reshape(safe, [safe.numel])), target.shape) : onesLike(picked);
  const w = where(isIgnored, 0, w0);
  const loss = neg(mul(picked, w));
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return sum(loss);
  return weightedMean(sum(loss), sum(w));
}

/**
 * total / weightSum. NOTE: with every target ignored the weight sum is 0: the value is then NaN
 * (0/0) as in PyTorch, and the gradient is PyTorch's 0 rather than 0·∞ = NaN.
 */
export function weightedMean(total: Tensor, weightSum: Tensor): Tensor {
  const isEmpty = cmpEq(weightSum, 0);
  return add(div(total, where(isEmpty, 1, weightSum)), where(isEmpty, NaN, 0));
}

/**
 * The module form of nllLoss; `weight` is a buffer (in the state dict), as in PyTorch.
 * @example new NLLLoss({ ignoreIndex: 1 }).call(tensor([[-1, -2], [-3, -4]]), tensor([0, 1], { dtype: 'int32' })).item() // 1
 */
export class NLLLoss extends Loss {
  declare weight: Tensor | null;
  readonly ignoreIndex: number;

  constructor(opts: NllOptions = {}) {
    super(opts);
    if (opts.weight) this.registerBuffer('weight', opts.weight);
    else this.weight = null;
    this.ignoreIndex = opts.ignoreIndex ?? -100;
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, { reduction: this.reduction, weight: this.weight, ignoreIndex: this.ignoreIndex });
  }
}
