/** MeanAbsoluteError: mean |pred − target| over every element of every batch. */
import type { Tensor } from '../../tensor/tensor.js';
import { Metric, flatPair } from './metric.js';

/**
 * mean |pred − target|; a (N) target fits a (N, 1) pred.
 * @example
 * const m = new MeanAbsoluteError();
 * m.update(tensor([1, 2]), tensor([2, 2])); m.update(tensor([[0]]), tensor([3]));
 * m.result() // 1.3333333
 */
export class MeanAbsoluteError extends Metric {
  private total = 0;
  private count = 0;

  constructor(readonly name = 'mae') {
    super();
  }

  reset(): void {
    this.total = 0;
    this.count = 0;
  }

  update(pred: Tensor, target: Tensor): void {
    const [p, t] = flatPair('MeanAbsoluteError', pred, target);
    for (let i = 0; i < p.length; i++) this.total += Math.abs(p[i]! - t[i]!);
    this.count += p.length;
  }

  result(): number {
    return this.count === 0 ? NaN : this.total / this.count;
  }
}
