/**
 * TopKAccuracy: a sample counts as correct when its true class is among the k highest scores
 * (Keras's TopKCategoricalAccuracy / SparseTopKCategoricalAccuracy; ties counted in its favour).
 */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Metric } from './metric.js';
import { resolveKind } from './labels.js';

export interface TopKAccuracyOptions {
  /** How many of the top scores count (default 5). */
  k?: number;
  /** Key in the logs (default `top${k}_accuracy`). */
  name?: string;
}

/**
 * pred (N, C) scores; target int labels (N) or one-hot (N, C).
 * @example
 * const m = new TopKAccuracy({ k: 2 });
 * m.update(tensor([[0.5, 0.3, 0.2], [0.1, 0.2, 0.7]]), tensor([1, 0], { dtype: 'int32' }));
 * m.result() // 0.5
 */
export class TopKAccuracy extends Metric {
  readonly name: string;
  readonly k: number;
  private correct = 0;
  private total = 0;

  constructor(opts: TopKAccuracyOptions = {}) {
    super();
    this.k = opts.k ?? 5;
    if (!Number.isInteger(this.k) || this.k < 1) throw new ArgumentError(`TopKAccuracy: k must be a positive integer, got ${this.k}`);
    this.name = opts.name ?? `top${this.k}_accuracy`;
  }

  reset(): void {
    this.correct = 0;
    this.total = 0;
  }

  update(pred: Tensor, target: Tensor): void {
    const kind = resolveKind('TopKAccuracy', pred, target);
    if (pred.ndim !== 2 || kind === 'binary') throw new ArgumentError(`TopKAccuracy: expected pred [N, C] with C > 1, got [${pred.shape.join(', ')}]`);
    const [N, C] = pred.shape as [number, number];
    const p = pred.toTypedArray();
    const t = target.toTypedArray();
    for (let n = 0; n < N; n++) {
      let y = 0;
      if (kind === 'sparse') y = t[n]!;
      else for (let c = 1; c < C; c++) if (t[n * C + c]! > t[n * C + y]!) y = c;
      const score = p[n * C + y]!;
      let above = 0; // classes scoring strictly higher than the true one
      for (let c = 0; c < C; c++) if (p[n * C + c]! > score) above++;
      if (above < this.k) this.correct++;
    }
    this.total += N;
  }

  result(): number {
    return this.total === 0 ? NaN : this.correct / this.total;
  }
}
