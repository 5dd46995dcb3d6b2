/**
 * binaryCrossEntropy / BCELoss: −w·(t·log x + (1 − t)·log(1 − x)) for probabilities x in [0, 1],
 * with each log clamped at −100 as in PyTorch, so x = 0 or 1 gives a finite loss.
 */
import { ArgumentError, ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { broadcastShapes } from '../../tensor/shape.js';
import { add, cmpLt, log, maximum, mul, neg, sub, where } from '../../ops/primitives/index.js';
import { Loss, type ReductionOptions, applyReduction, checkSameShape } from './reduction.js';

export interface WeightedLossOptions extends ReductionOptions {
  /** Rescales each element's loss; broadcast to the input's shape. */
  weight?: Tensor | null;
}

/** Throws unless w broadcasts to exactly `shape`. */
export function checkWeight(op: string, w: Tensor, shape: readonly number[]): void {
  let ok = w.ndim <= shape.length;
  try {
    ok &&= broadcastShapes('weight', w.shape, shape).every((s, i) => s === shape[i]);
  } catch {
    ok = false;
  }
  if (!ok) throw new ShapeError(`${op}: weight ${fmtShape(w.shape)} does not broadcast to the input's shape ${fmtShape(shape)}`);
}

/** max(log x, −100), with a gradient that stays finite (0) where x = 0 instead of 0·∞. */
function clampedLog(x: Tensor): Tensor {
  const isPositive = cmpLt(0, x);
  return where(isPositive, maximum(log(where(isPositive, x, 1)), -100), -100);
}

/**
 * input: probabilities, any shape; target: the same shape, in [0, 1] -> scalar or that shape.
 * @example binaryCrossEntropy(tensor([0.5, 1]), tensor([1, 1])).item() // 0.3465736
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, opts: WeightedLossOptions = {}): Tensor {
  checkSameShape('binaryCrossEntropy', input, target);
  if (opts.weight) checkWeight('binaryCrossEntropy', opts.weight, input.shape);
  const xs = input.toTypedArray();
  for (let i = 0; i < xs.length; i++) {
    if (!(xs[i]! >= 0 && xs[i]! <= 1)) throw new ArgumentError(`binaryCrossEntropy: all elements of input should be between 0 and 1, got ${xs[i]}`);
  }
  // NOTE: the loss is written with 1 − x, so d/dx = w·(x − t)/(x(1 − x)) as in PyTorch away from 0 and 1
  const loss = neg(add(mul(target, clampedLog(input)), mul(sub(1, target), clampedLog(sub(1, input)))));
  return applyReduction('binaryCrossEntropy', opts.weight ? mul(loss, opts.weight) : loss, opts.reduction);
}

/**
 * The module form of binaryCrossEntropy; `weight` is a buffer (in the state dict, as in PyTorch).
 * @example new BCELoss().call(tensor([0.5]), tensor([1])).item() // 0.6931472
 */
export class BCELoss extends Loss {
  declare weight: Tensor | null;

  constructor(opts: WeightedLossOptions = {}) {
    super(opts);
    if (opts.weight) this.registerBuffer('weight', opts.weight);
    else this.weight = null;
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, { reduction: this.reduction, weight: this.weight });
  }
}
