/**
 * The Keras methods on every Module (`model.compile`, `model.fit`, …), installed like the Tensor
 * methods: declaration merging for the types, one-line prototype assignments delegating to the
 * functions. Training state lives in state.ts's WeakMap, never in module fields.
 */
import { Module } from '../nn/module.js';
import type { Tensor } from '../tensor/tensor.js';
import { type CompileOptions, compile } from './compile.js';
import { fit } from './fit.js';
import type { FitOptions } from './fit_options.js';
import type { DataSource } from './fit_data.js';
import type { History } from './history.js';
import type { Logs } from './callbacks/callback.js';
import { type EvaluateOptions, type PredictOptions, evaluate, predict, testOnBatch, trainOnBatch } from './evaluate.js';
import { type SummaryOptions, summary } from './summary.js';

declare module '../nn/module.js' {
  interface Module {
    /** Sets the optimizer, loss and metrics for fit/evaluate (strings or objects). Returns this. */
    compile(options: CompileOptions): this;
    /** Trains on (x, y) tensors; resolves to the History. */
    fit(x: Tensor, y: Tensor, options?: FitOptions): Promise<History>;
    /** Trains on a dataset, DataLoader or iterable of [x, y] batches; resolves to the History. */
    fit(data: DataSource, options?: FitOptions): Promise<History>;
    /** Loss and metrics on (x, y), in eval mode. */
    evaluate(x: Tensor, y: Tensor, options?: EvaluateOptions): Logs;
    /** Loss and metrics on a dataset or batches, in eval mode. */
    evaluate(data: DataSource, options?: EvaluateOptions): Logs;
    /** Outputs for x, batched, in eval mode without a graph. */
    predict(x: Tensor | Iterable<Tensor | readonly Tensor[]>, options?: PredictOptions): Tensor;
    /** One optimizer step on one batch; its loss and metrics. */
    trainOnBatch(x: Tensor, y: Tensor): Logs;
    /** Loss and metrics of one batch, in eval mode. */
    testOnBatch(x: Tensor, y: Tensor): Logs;
    /** Prints and returns a Keras-style table of layers, output shapes and parameter counts. */
    summary(input: readonly number[] | Tensor, options?: SummaryOptions): string;
  }
}

const M = Module.prototype;
M.compile = function (options) { return compile(this, options); };
M.fit = function (this: Module, x: Tensor | DataSource, y?: Tensor | FitOptions, options?: FitOptions) { return fit(this, x as Tensor, y as Tensor, options); } as Module['fit'];
M.evaluate = function (this: Module, x: Tensor | DataSource, y?: Tensor | EvaluateOptions, options?: EvaluateOptions) { return evaluate(this, x as Tensor, y as Tensor, options); } as Module['evaluate'];
M.predict = function (x, options) { return predict(this, x, options); };
M.trainOnBatch = function (x, y) { return trainOnBatch(this, x, y); };
M.testOnBatch = function (x, y) { return testOnBatch(this, x, y); };
M.summary = function (input, options) { return summary(this, input, options); };
