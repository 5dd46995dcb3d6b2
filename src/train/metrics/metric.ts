/**
 * Metric: the base of the stateful training metrics (Keras's Metric, torchmetrics' update/compute).
 * A metric accumulates plain numbers over batches (`update`), so `result()` over an epoch is the
 * exact value on all the samples seen, not an average of per-batch values. Inputs are read as
 * float64 JS numbers; metrics never build autograd graphs.
 */
import { ArgumentError } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';

/**
 * Base class of every metric: `update(pred, target)` per batch (the losses' argument order),
 * `result()` for the value so far, `reset()` between epochs.
 * @example
 * class Count extends Metric {
 *   readonly name = 'count';
 *   private n = 0;
 *   reset() { this.n = 0; }
 *   update(pred: Tensor) { this.n += pred.shape[0]!; }
 *   result() { return this.n; }
 * }
 * const m = new Count(); m.update(ones([3, 2]), ones([3])); m.update(ones([2, 2]), ones([2]));
 * m.result() // 5
 */
export abstract class Metric {
  /** The key of this metric in the training logs ('accuracy', 'val_accuracy', …). */
  abstract readonly name: string;
  /** Forgets every batch seen. */
  abstract reset(): void;
  /** Adds one batch: pred (N, …) from the model, target (N, …) from the data. */
  abstract update(pred: Tensor, target: Tensor): void;
  /** The value over every batch since the last reset (NaN before any batch). */
  abstract result(): number;
}

/**
 * A weighted running mean (Keras's Mean): how the loss is averaged over an epoch's samples.
 * @example
 * const m = new Mean('loss'); m.add(1, 3); m.add(3, 1);
 * m.result() // 1.5
 */
export class Mean extends Metric {
  private total = 0;
  private count = 0;

  constructor(readonly name = 'mean') {
    super();
  }

  reset(): void {
    this.total = 0;
    this.count = 0;
  }

  /** Adds `value` with weight `weight` (e.g. a batch's mean loss and its size). */
  add(value: number, weight = 1): void {
    this.total += value * weight;
    this.count += weight;
  }

  /** Adds the mean of `pred` (the target is ignored): lets a Mean track any per-sample value. */
  update(pred: Tensor): void {
    const v = pred.toFlatArray();
    for (const x of v) this.total += x;
    this.count += v.length;
  }

  result(): number {
    return this.count === 0 ? NaN : this.total / this.count;
  }
}

/** Throws unless pred and target are tensors with the same first (batch) dim. */
export function checkBatch(op: string, pred: Tensor, target: Tensor): number {
  if (!(pred instanceof Tensor) || !(target instanceof Tensor)) throw new ArgumentError(`${op}: pred and target must be Tensors`);
  const n = pred.ndim === 0 ? 1 : pred.shape[0]!;
  const m = target.ndim === 0 ? 1 : target.shape[0]!;
  if (n !== m) throw new ArgumentError(`${op}: pred has ${n} samples, target ${m}`);
  return n;
}

/** pred and target as flat float arrays of equal length (a (N) target fits a (N, 1) pred). */
export function flatPair(op: string, pred: Tensor, target: Tensor): [ArrayLike<number>, ArrayLike<number>] {
  checkBatch(op, pred, target);
  if (pred.numel !== target.numel) throw new ArgumentError(`${op}: pred [${pred.shape.join(', ')}] and target [${target.shape.join(', ')}] differ in size`);
  return [pred.toTypedArray(), target.toTypedArray()];
}
