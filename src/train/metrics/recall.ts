/** Recall: TP / (TP + FN), binary or averaged over classes (macro/micro), over whole epochs. */
import { type ClassScoreOptions, ClassScoreMetric } from './confusion_matrix.js';

/**
 * Of the samples of a class, the fraction predicted as it. Binary inputs: class 1's recall.
 * @example
 * const m = new Recall();
 * m.update(tensor([0.9, 0.8, 0.7, 0.1]), tensor([1, 0, 1, 1]));
 * m.result() // 0.6666667
 * @example
 * const m = new Recall({ average: 'macro' });
 * m.update(tensor([[1, 0], [1, 0], [0, 1]]), tensor([0, 1, 1], { dtype: 'int32' }));
 * m.result() // 0.75
 */
export class Recall extends ClassScoreMetric {
  constructor(opts: ClassScoreOptions = {}) {
    super('recall', opts);
  }
}
