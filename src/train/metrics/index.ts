/** Training metrics, one per file: stateful (reset/update/result) so epoch values are exact. */
export { Metric, Mean } from './metric.js';
export type { ClassificationKind, ClassificationOptions } from './labels.js';
export { Accuracy, type AccuracyOptions } from './accuracy.js';
export { TopKAccuracy, type TopKAccuracyOptions } from './top_k_accuracy.js';
export { ConfusionMatrix, type ConfusionMatrixOptions, type ClassScoreOptions, type Average } from './confusion_matrix.js';
export { Precision } from './precision.js';
export { Recall } from './recall.js';
export { F1Score } from './f1_score.js';
export { MeanAbsoluteError } from './mae.js';
export { MeanSquaredError } from './mse.js';
export { R2Score } from './r2_score.js';
export { getMetric, type MetricName, type MetricContext } from './get_metric.js';
