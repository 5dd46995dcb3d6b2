/** Precision: TP / (TP + FP), binary or averaged over classes (macro/micro), over whole epochs. */
import { type ClassScoreOptions, ClassScoreMetric } from './confusion_matrix.js';

/**
 * Of the samples predicted as a class, the fraction that are. Binary inputs: class 1's precision.
 * @example
 * const m = new Precision();
 * m.update(tensor([0.9, 0.8, 0.7, 0.1]), tensor([1, 0, 1, 1]));
 * m.result() // 0.6666667
 * @example
 * const m = new Precision({ average: 'macro' });
 * m.update(tensor([[1, 0], [1, 0], [0, 1]]), tensor([0, 1, 1], { dtype: 'int32' }));
 * m.result() // 0.75
 */
export class Precision extends ClassScoreMetric {
  constructor(opts: ClassScoreOptions = {}) {
    super('precision', opts);
  }
}
