/**
 * train: the Keras-style API. Importing it installs compile/fit/evaluate/predict/trainOnBatch/
 * testOnBatch/summary on every Module; the same operations are exported as functions.
 */
import './model_methods.js';

export { compile, type CompileOptions, type OptimizerName, type LossName } from './compile.js';
export type { LossFn } from './state.js';
export { fit } from './fit.js';
export type { FitOptions } from './fit_options.js';
export type { Batch, BatchSource, DataSource } from './fit_data.js';
export { evaluate, predict, trainOnBatch, testOnBatch, type EvaluateOptions, type PredictOptions } from './evaluate.js';
export { summary, type SummaryOptions } from './summary.js';
export { History } from './history.js';
export * from './callbacks/index.js';
export * as callbacks from './callbacks/keras_names.js';
export * from './metrics/index.js';
