/**
 * binaryCrossEntropyWithLogits / BCEWithLogitsLoss: sigmoid followed by binary cross-entropy in one
 * numerically stable expression, (1 − t)·x + (1 + (p − 1)·t)·softplus(−x), with softplus(−x) =
 * −logSigmoid(x) computed without overflow.
 */
import { ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul, neg, sub } from '../../ops/primitives/index.js';
import { logSigmoid } from '../../ops/composite/index.js';
import { Loss, applyReduction, checkSameShape } from './reduction.js';
import { type WeightedLossOptions, checkWeight } from './binary_cross_entropy.js';

export interface BCEWithLogitsOptions extends WeightedLossOptions {
  /** Weight of the positive term, per class (broadcast along the last dim): > 1 raises recall. */
  posWeight?: Tensor | null;
}

/**
 * input: logits, any shape; target: the same shape, in [0, 1] -> scalar or that shape.
 * @example binaryCrossEntropyWithLogits(tensor([0]), tensor([1])).item() // 0.6931472
 */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, opts: BCEWithLogitsOptions = {}): Tensor {
  checkSameShape('binaryCrossEntropyWithLogits', input, target);
  if (opts.weight) checkWeight('binaryCrossEntropyWithLogits', opts.weight, input.shape);
  const p = opts.posWeight;
  if (p && (p.ndim > input.ndim || p.shape.some((s, i) => s !== 1 && s !== input.shape[input.ndim - p.ndim + i]))) {
    throw new ShapeError(`binaryCrossEntropyWithLogits: posWeight ${fmtShape(p.shape)} does not broadcast to the input's shape ${fmtShape(input.shape)}`);
  }
  const softplusNeg = neg(logSigmoid(input));
  const positive = p ? mul(add(mul(sub(p, 1), target), 1), softplusNeg) : softplusNeg;
  const loss = add(mul(sub(1, target), input), positive);
  return applyReduction('binaryCrossEntropyWithLogits', opts.weight ? mul(loss, opts.weight) : loss, opts.reduction);
}

/**
 * The module form; `weight` and `pos_weight` are buffers (in the state dict), as in PyTorch.
 * @example new BCEWithLogitsLoss({ posWeight: tensor([2]) }).call(tensor([0]), tensor([1])).item() // 1.3862944
 */
export class BCEWithLogitsLoss extends Loss {
  declare weight: Tensor | null;
  declare pos_weight: Tensor | null;

  constructor(opts: BCEWithLogitsOptions = {}) {
    super(opts);
    if (opts.weight) this.registerBuffer('weight', opts.weight);
    else this.weight = null;
    if (opts.posWeight) this.registerBuffer('pos_weight', opts.posWeight);
    else this.pos_weight = null;
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, { reduction: this.reduction, weight: this.weight, posWeight: this.pos_weight });
  }
}
