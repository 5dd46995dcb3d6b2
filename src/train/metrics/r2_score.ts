/**
 * R2Score: the coefficient of determination, 1 − SS_res / SS_tot, from sums kept per output
 * column over every batch (so the epoch value is exact), averaged uniformly over the columns
 * like Keras's R2Score and scikit-learn's r2_score.
 */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Metric, flatPair } from './metric.js';

/**
 * pred (N) or (N, D) against a target of the same size. A constant target gives NaN (0/0).
 * @example
 * const m = new R2Score();
 * m.update(tensor([2.5, 0]), tensor([3, -0.5])); m.update(tensor([2, 8]), tensor([2, 7]));
 * m.result() // 0.9486081
 */
export class R2Score extends Metric {
  private n = 0;
  private sum: number[] = [];
  private sumSq: number[] = [];
  private sse: number[] = [];

  constructor(readonly name = 'r2') {
    super();
  }

  reset(): void {
    this.n = 0;
    this.sum = [];
    this.sumSq = [];
    this.sse = [];
  }

  update(pred: Tensor, target: Tensor): void {
    const [p, t] = flatPair('R2Score', pred, target);
    const N = pred.ndim === 0 ? 1 : pred.shape[0]!;
    const D = N === 0 ? this.sum.length : p.length / N;
    if (this.sum.length === 0) {
      this.sum = new Array<number>(D).fill(0);
      this.sumSq = new Array<number>(D).fill(0);
      this.sse = new Array<number>(D).fill(0);
    } else if (D !== this.sum.length) {
      throw new ArgumentError(`R2Score: this batch has ${D} outputs per sample, earlier ones ${this.sum.length}`);
    }
    for (let i = 0; i < p.length; i++) {
      const d = i % D;
      this.sum[d]! += t[i]!;
      this.sumSq[d]! += t[i]! * t[i]!;
      this.sse[d]! += (p[i]! - t[i]!) ** 2;
    }
    this.n += N;
  }

  result(): number {
    if (this.n === 0) return NaN;
    const scores = this.sum.map((s, d) => 1 - this.sse[d]! / (this.sumSq[d]! - (s * s) / this.n));
    return scores.reduce((a, b) => a + b, 0) / scores.length;
  }
}
