/** MeanSquaredError: mean (pred − target)² over every element of every batch. */
import type { Tensor } from '../../tensor/tensor.js';
import { Metric, flatPair } from './metric.js';

/**
 * mean (pred − target)²; a (N) target fits a (N, 1) pred.
 * @example
 * const m = new MeanSquaredError();
 * m.update(tensor([1, 2]), tensor([2, 2])); m.update(tensor([[0]]), tensor([3]));
 * m.result() // 3.3333333
 */
export class MeanSquaredError extends Metric {
  private total = 0;
  private count = 0;

  constructor(readonly name = 'mse') {
    super();
  }

  reset(): void {
    this.total = 0;
    this.count = 0;
  }

  update(pred: Tensor, target: Tensor): void {
    const [p, t] = flatPair('MeanSquaredError', pred, target);
    for (let i = 0; i < p.length; i++) this.total += (p[i]! - t[i]!) ** 2;
    this.count += p.length;
  }

  result(): number {
    return this.count === 0 ? NaN : this.total / this.count;
  }
}
