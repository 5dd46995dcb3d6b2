/**
 * Accuracy: the fraction of correctly classified samples, over every batch since the last reset.
 * One class for Keras's BinaryAccuracy, CategoricalAccuracy and SparseCategoricalAccuracy: the
 * `kind` option fixes the reading, 'auto' (what the string 'accuracy' gives) picks it by shapes.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { Metric } from './metric.js';
import { type ClassificationOptions, classIds } from './labels.js';

export interface AccuracyOptions extends ClassificationOptions {
  /** Key in the logs (default 'accuracy'). */
  name?: string;
}

/**
 * Correct / total. Binary: pred (N) or (N, 1) scores above `threshold` (0.5) are class 1;
 * sparse: argmax over dim 1 of pred (N, C) vs int labels (N); categorical: argmax of both.
 * @example
 * const acc = new Accuracy();
 * acc.update(tensor([[2, 1], [0, 3], [1, 0]]), tensor([0, 1, 1], { dtype: 'int32' }));
 * acc.result() // 0.6666667
 * @example
 * const acc = new Accuracy({ threshold: 0.5 });
 * acc.update(tensor([0.9, 0.2, 0.6, 0.4]), tensor([1, 0, 0, 0]));
 * acc.result() // 0.75
 */
export class Accuracy extends Metric {
  readonly name: string;
  private correct = 0;
  private total = 0;

  constructor(private readonly opts: AccuracyOptions = {}) {
    super();
    this.name = opts.name ?? 'accuracy';
  }

  reset(): void {
    this.correct = 0;
    this.total = 0;
  }

  update(pred: Tensor, target: Tensor): void {
    const { predicted, actual } = classIds('Accuracy', pred, target, this.opts);
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === actual[i]) this.correct++;
    this.total += predicted.length;
  }

  result(): number {
    return this.total === 0 ? NaN : this.correct / this.total;
  }
}
