/**
 * ConfusionMatrix: counts of (true class, predicted class) pairs over batches, rows = true class,
 * columns = predicted (scikit-learn's layout). Precision, recall and F1 are computed from it,
 * so they aggregate exactly over an epoch. Its result is a matrix, so it is not a log Metric.
 */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { type ClassificationOptions, classIds } from './labels.js';
import { Metric } from './metric.js';

export interface ConfusionMatrixOptions extends ClassificationOptions {
  /** Number of classes (default: grows to the classes seen, at least pred's C). */
  numClasses?: number;
}

/** How per-class scores are combined: class 1 only, the mean over classes, or from global counts. */
export type Average = 'binary' | 'macro' | 'micro';

/**
 * counts[true][predicted], accumulated batch by batch.
 * @example
 * const cm = new ConfusionMatrix();
 * cm.update(tensor([[3, 1], [0, 2], [5, 1]]), tensor([0, 0, 1], { dtype: 'int32' }));
 * cm.result() // [[1, 1], [1, 0]]
 */
export class ConfusionMatrix {
  private counts: number[][] = [];
  /** 'binary', 'sparse' or 'categorical', as read from the last batch. */
  kind: 'binary' | 'sparse' | 'categorical' | undefined;

  constructor(private readonly opts: ConfusionMatrixOptions = {}) {
    const k = opts.numClasses;
    if (k !== undefined && (!Number.isInteger(k) || k < 1)) throw new ArgumentError(`ConfusionMatrix: numClasses must be a positive integer, got ${k}`);
    this.reset();
  }

  /** Forgets every batch (keeps numClasses). */
  reset(): void {
    this.counts = [];
    this.grow(this.opts.numClasses ?? 0);
  }

  private grow(k: number): void {
    while (this.counts.length < k) this.counts.push([]);
    for (const row of this.counts) while (row.length < this.counts.length) row.push(0);
  }

  /** Adds a batch: pred and target as the classification metrics read them. */
  update(pred: Tensor, target: Tensor): void {
    const { predicted, actual, numClasses, kind } = classIds('ConfusionMatrix', pred, target, this.opts);
    this.kind = kind;
    const fixed = this.opts.numClasses;
    let k = Math.max(this.counts.length, numClasses);
    for (let i = 0; i < actual.length; i++) k = Math.max(k, actual[i]! + 1);
    if (fixed !== undefined && k > fixed) throw new ArgumentError(`ConfusionMatrix: saw class ${k - 1}, but numClasses is ${fixed}`);
    this.grow(k);
    for (let i = 0; i < actual.length; i++) this.counts[actual[i]!]![predicted[i]!]! += 1;
  }

  /** A copy of the counts: rows are true classes, columns predicted ones. */
  result(): number[][] {
    return this.counts.map((row) => [...row]);
  }

  /**
   * Precision, recall or F1 from the counts, combined by `average` (zero when undefined, as
   * scikit-learn's zero_division=0). Macro averages over the classes that occur in targets or
   * predictions, or over all `numClasses` when given.
   * @example
   * const cm = new ConfusionMatrix();
   * cm.update(tensor([0.9, 0.8, 0.2, 0.1]), tensor([1, 0, 1, 0]));
   * cm.score('precision', 'binary') // 0.5
   */
  score(which: 'precision' | 'recall' | 'f1', average: Average): number {
    const m = this.counts;
    const K = m.length;
    const tp = (c: number): number => m[c]?.[c] ?? 0;
    const predictedAs = (c: number): number => m.reduce((s, row) => s + (row[c] ?? 0), 0);
    const actually = (c: number): number => (m[c] ?? []).reduce((s, v) => s + v, 0);
    const f = (tpv: number, pred: number, act: number): number => {
      const precision = pred === 0 ? 0 : tpv / pred;
      const recall = act === 0 ? 0 : tpv / act;
      if (which === 'precision') return precision;
      if (which === 'recall') return recall;
      return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    };
    if (average === 'binary') {
      if (K > 2) throw new ArgumentError(`${which}: average 'binary' needs 2 classes, saw ${K}; use 'macro' or 'micro'`);
      return f(tp(1), predictedAs(1), actually(1));
    }
    const classes = Array.from({ length: K }, (_, c) => c).filter((c) => this.opts.numClasses !== undefined || predictedAs(c) + actually(c) > 0);
    if (average === 'micro') {
      let tps = 0;
      let preds = 0;
      let acts = 0;
      for (const c of classes) {
        tps += tp(c);
        preds += predictedAs(c);
        acts += actually(c);
      }
      return f(tps, preds, acts);
    }
    if (classes.length === 0) return NaN;
    return classes.reduce((s, c) => s + f(tp(c), predictedAs(c), actually(c)), 0) / classes.length;
  }
}

/** Options of Precision, Recall and F1Score. */
export interface ClassScoreOptions extends ConfusionMatrixOptions {
  /** 'binary' (class 1; the default for binary inputs), 'macro' (the default otherwise) or 'micro'. */
  average?: Average;
  /** Key in the logs (default: the metric's name). */
  name?: string;
}

/** Precision, recall and F1: a confusion matrix and one score of it. Internal base class. */
export abstract class ClassScoreMetric extends Metric {
  readonly name: string;
  private readonly cm: ConfusionMatrix;

  constructor(private readonly which: 'precision' | 'recall' | 'f1', private readonly opts: ClassScoreOptions) {
    super();
    if (opts.average !== undefined && !['binary', 'macro', 'micro'].includes(opts.average)) {
      throw new ArgumentError(`${which}: average must be 'binary', 'macro' or 'micro', got '${String(opts.average)}'`);
    }
    this.name = opts.name ?? which;
    this.cm = new ConfusionMatrix(opts);
  }

  reset(): void {
    this.cm.reset();
  }

  update(pred: Tensor, target: Tensor): void {
    this.cm.update(pred, target);
  }

  result(): number {
    if (this.cm.kind === undefined) return NaN;
    return this.cm.score(this.which, this.opts.average ?? (this.cm.kind === 'binary' ? 'binary' : 'macro'));
  }
}
