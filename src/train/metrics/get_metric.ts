/**
 * The metric names `compile` accepts, mapped to fresh Metric objects (the closed list below is
 * the only registry). Pass a Metric instance instead for options (k, average, threshold, names).
 */
import { ArgumentError } from '../../errors.js';
import { Metric } from './metric.js';
import { Accuracy } from './accuracy.js';
import { TopKAccuracy } from './top_k_accuracy.js';
import { Precision } from './precision.js';
import { Recall } from './recall.js';
import { F1Score } from './f1_score.js';
import { MeanAbsoluteError } from './mae.js';
import { MeanSquaredError } from './mse.js';
import { R2Score } from './r2_score.js';

/** Settings a metric name resolves with; `fromLogits` makes binary metrics apply a sigmoid first. */
export interface MetricContext {
  fromLogits?: boolean;
}

const METRICS = {
  accuracy: (c: MetricContext) => new Accuracy({ fromLogits: c.fromLogits ?? false }),
  acc: (c: MetricContext) => new Accuracy({ name: 'acc', fromLogits: c.fromLogits ?? false }),
  binaryAccuracy: (c: MetricContext) => new Accuracy({ kind: 'binary', name: 'binary_accuracy', fromLogits: c.fromLogits ?? false }),
  categoricalAccuracy: () => new Accuracy({ kind: 'categorical', name: 'categorical_accuracy' }),
  sparseCategoricalAccuracy: () => new Accuracy({ kind: 'sparse', name: 'sparse_categorical_accuracy' }),
  topKAccuracy: () => new TopKAccuracy(),
  precision: (c: MetricContext) => new Precision({ fromLogits: c.fromLogits ?? false }),
  recall: (c: MetricContext) => new Recall({ fromLogits: c.fromLogits ?? false }),
  f1: (c: MetricContext) => new F1Score({ fromLogits: c.fromLogits ?? false }),
  mae: () => new MeanAbsoluteError(),
  mse: () => new MeanSquaredError(),
  r2: () => new R2Score(),
} satisfies Record<string, (c: MetricContext) => Metric>;

/** A metric's name as `compile` accepts it. */
export type MetricName = keyof typeof METRICS;

/**
 * A fresh Metric for `name`, or `metric` itself when it is one.
 * @example getMetric('accuracy').name // 'accuracy'
 * @example getMetric(new TopKAccuracy({ k: 3 })).name // 'top3_accuracy'
 */
export function getMetric(metric: MetricName | Metric, context: MetricContext = {}): Metric {
  if (metric instanceof Metric) return metric;
  if (typeof metric === 'string' && Object.hasOwn(METRICS, metric)) return METRICS[metric](context);
  throw new ArgumentError(`compile: unknown metric ${JSON.stringify(metric)}; use one of ${Object.keys(METRICS).map((k) => `'${k}'`).join(', ')} or a Metric`);
}
