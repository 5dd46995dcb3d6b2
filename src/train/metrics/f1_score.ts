/** F1Score: the harmonic mean of precision and recall, binary or macro/micro over classes. */
import { type ClassScoreOptions, ClassScoreMetric } from './confusion_matrix.js';

/**
 * 2·P·R / (P + R). Macro: the mean of the per-class F1s; micro: F1 of the pooled counts (for
 * single-label data, equal to accuracy).
 * @example
 * const m = new F1Score({ average: 'macro' });
 * m.update(tensor([[1, 0], [1, 0], [0, 1]]), tensor([0, 1, 1], { dtype: 'int32' }));
 * m.result() // 0.6666667
 */
export class F1Score extends ClassScoreMetric {
  constructor(opts: ClassScoreOptions = {}) {
    super('f1', opts);
  }
}
