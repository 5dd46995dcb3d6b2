/**
 * What the losses share: the `reduction` option with PyTorch's semantics ('none' keeps the
 * per-element losses, 'sum' adds them, 'mean' averages them), the same-shape check, and `Loss`,
 * the base of the loss modules (PyTorch's _Loss / _WeightedLoss).
 */
import { ArgumentError, ShapeError, fmtShape } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { sum } from '../../ops/primitives/index.js';
import { mean } from '../../ops/composite/index.js';
import { Module } from '../module.js';

export type Reduction = 'none' | 'mean' | 'sum';

export interface ReductionOptions {
  /** 'mean' (default), 'sum' or 'none'. */
  reduction?: Reduction;
}

/** The reduction, validated (default 'mean'). */
export function reductionOf(op: string, reduction: string | undefined, allowed: readonly string[] = ['none', 'mean', 'sum']): string {
  const r = reduction ?? 'mean';
  if (!allowed.includes(r)) throw new ArgumentError(`${op}: reduction must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got '${r}'`);
  return r;
}

/** Per-element losses reduced as asked: unchanged, summed, or averaged over every element. */
export function applyReduction(op: string, loss: Tensor, reduction: Reduction | undefined): Tensor {
  const r = reductionOf(op, reduction);
  return r === 'none' ? loss : r === 'sum' ? sum(loss) : mean(loss);
}

/** Throws unless input and target are tensors of the same shape. */
export function checkSameShape(op: string, input: Tensor, target: Tensor): void {
  if (!(input instanceof Tensor) || !(target instanceof Tensor)) throw new ArgumentError(`${op}: input and target must be Tensors`);
  if (input.ndim !== target.ndim || input.shape.some((s, i) => s !== target.shape[i])) {
    throw new ShapeError(`${op}: target ${fmtShape(target.shape)} must have the input's shape ${fmtShape(input.shape)}`);
  }
}

/**
 * A loss as a module: `forward(input, target)` -> the loss. Subclasses pass their options through.
 * @example new MSELoss({ reduction: 'sum' }).reduction // 'sum'
 */
export abstract class Loss extends Module {
  readonly reduction: Reduction;

  constructor(opts: ReductionOptions = {}) {
    super();
    this.reduction = reductionOf(this.constructor.name, opts.reduction) as Reduction;
  }
}
