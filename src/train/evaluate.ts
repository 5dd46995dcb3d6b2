/**
 * evaluate, predict, trainOnBatch and testOnBatch: the Keras methods besides fit. evaluate and
 * predict run in eval mode without a graph and restore each module's mode afterwards; they are
 * synchronous (async datasets: evaluate them through fit's validationData, or loop yourself).
 */
import { ArgumentError } from '../errors.js';
import type { Module } from '../nn/module.js';
import { Tensor } from '../tensor/tensor.js';
import { inferenceMode } from '../nn/inference_mode.js';
import { cat } from '../ops/primitives/cat.js';
import { getCompiled } from './state.js';
import type { Logs } from './callbacks/callback.js';
import { type BatchSource, type DataSource, checkBatchSize, tensorDataset, toBatches, unpackBatch } from './fit_data.js';
import { type LayerContext, withLayerContext } from './layer_context.js';
import { Tracker, inMode, testStep, trainStep } from './steps.js';

export interface EvaluateOptions {
  /** Samples per batch for tensor or dataset input (default 32). */
  batchSize?: number;
}

export interface PredictOptions {
  /** Samples per batch (default 32). */
  batchSize?: number;
}

/** Loss and metrics over every batch of `source` (awaited batches, for fit's validation). */
export async function evaluateBatches(method: string, model: Module, source: BatchSource, ctx: LayerContext, prefix = ''): Promise<Logs> {
  const c = getCompiled(model, method);
  const tracker = new Tracker(c);
  tracker.reset();
  await inMode(model, false, async () => {
    for await (const batch of source) {
      const [x, y] = unpackBatch(method, batch);
      testStep(method, model, c, ctx, x, y, tracker);
    }
  });
  return tracker.logs(prefix);
}

/**
 * Loss and metrics of the compiled model on (x, y) or a dataset, in eval mode.
 * @example
 * manualSeed(0);
 * const model = compile(new Linear(2, 1), { loss: 'mse', metrics: ['mae'] });
 * const logs = evaluate(model, zeros([4, 2]), zeros([4, 1]));
 * Object.keys(logs) // ['loss', 'mae']
 */
export function evaluate(model: Module, x: Tensor, y: Tensor, opts?: EvaluateOptions): Logs;
export function evaluate(model: Module, data: DataSource, opts?: EvaluateOptions): Logs;
export function evaluate(model: Module, x: Tensor | DataSource, y?: Tensor | EvaluateOptions, opts: EvaluateOptions = {}): Logs {
  const method = 'evaluate';
  const c = getCompiled(model, method);
  const isTensors = x instanceof Tensor;
  const o = (isTensors ? opts : (y as EvaluateOptions | undefined)) ?? {};
  const data = isTensors ? tensorDataset(method, x, y as Tensor) : x;
  const { source } = toBatches(method, data, checkBatchSize(method, o.batchSize), false);
  if (!(Symbol.iterator in source)) throw new ArgumentError(`${method}: the data is asynchronous; evaluate it with for await, or as fit's validationData`);
  const tracker = new Tracker(c);
  tracker.reset();
  return withLayerContext(model, (ctx) =>
    inMode(model, false, () => {
      for (const batch of source) {
        const [bx, by] = unpackBatch(method, batch);
        testStep(method, model, c, ctx, bx, by, tracker);
      }
      return tracker.logs();
    }),
  );
}

/**
 * The model's outputs for x, computed in batches in eval mode without a graph, concatenated.
 * Also takes an iterable of input batches (tensors, or [x, …] arrays). Runs inside
 * `inferenceMode`, so the weights must not change until it returns (an iterable that trains the
 * model between batches gets an error from the optimizer).
 * @example
 * const model = new Sequential(new Linear(3, 2), new Dropout(0.5));
 * predict(model, ones([5, 3]), { batchSize: 2 }).shape // [5, 2]
 */
export function predict(model: Module, x: Tensor | Iterable<Tensor | readonly Tensor[]>, opts: PredictOptions = {}): Tensor {
  const method = 'predict';
  const batchSize = checkBatchSize(method, opts.batchSize);
  let batches: Iterable<Tensor | readonly Tensor[]>;
  if (x instanceof Tensor) {
    if (x.ndim === 0) throw new ArgumentError(`${method}: x needs a batch dim, got a 0-d tensor`);
    const n = x.shape[0]!;
    batches = Array.from({ length: Math.ceil(n / batchSize) }, (_, i) => x.narrow(0, i * batchSize, Math.min(batchSize, n - i * batchSize)));
  } else if (typeof x === 'object' && x !== null && Symbol.iterator in x) {
    batches = x;
  } else {
    throw new ArgumentError(`${method}: expected a Tensor or an iterable of input batches`);
  }
  // inferenceMode: weights are packed once for the whole prediction (they cannot change inside)
  return withLayerContext(model, (ctx) =>
    inMode(model, false, () =>
      inferenceMode(() => {
        const outs: Tensor[] = [];
        for (const b of batches) {
          const bx = b instanceof Tensor ? b : b[0];
          if (!(bx instanceof Tensor)) throw new ArgumentError(`${method}: each batch must be a Tensor or [x, …] with a Tensor x`);
          outs.push(ctx.run(() => model.call(bx)));
        }
        if (outs.length === 0) throw new ArgumentError(`${method}: no input batches`);
        return outs.length === 1 ? outs[0]! : cat(outs, 0);
      }),
    ),
  );
}

/**
 * One optimizer step on a single batch, in training mode; returns that batch's loss and metrics.
 * @example
 * manualSeed(0);
 * const model = compile(new Linear(2, 1), { optimizer: 'sgd', lr: 0.01, loss: 'mse' });
 * const x = tensor([[1, 2], [3, 4]]), y = tensor([[1], [2]]);
 * const first = trainOnBatch(model, x, y).loss;
 * trainOnBatch(model, x, y).loss < first // true
 */
export function trainOnBatch(model: Module, x: Tensor, y: Tensor): Logs {
  const method = 'trainOnBatch';
  const c = getCompiled(model, method);
  tensorDataset(method, x, y);
  const tracker = new Tracker(c);
  tracker.reset();
  withLayerContext(model, (ctx) => inMode(model, true, () => trainStep(method, model, c, ctx, x, y, tracker)));
  return tracker.logs();
}

/**
 * Loss and metrics of a single batch in eval mode, without updating anything.
 * @example
 * const model = compile(new Linear(2, 2), { loss: 'crossEntropy', metrics: ['accuracy'] });
 * Object.keys(testOnBatch(model, ones([3, 2]), tensor([0, 1, 1], { dtype: 'int32' }))) // ['loss', 'accuracy']
 */
export function testOnBatch(model: Module, x: Tensor, y: Tensor): Logs {
  const method = 'testOnBatch';
  const c = getCompiled(model, method);
  tensorDataset(method, x, y);
  const tracker = new Tracker(c);
  tracker.reset();
  withLayerContext(model, (ctx) => inMode(model, false, () => testStep(method, model, c, ctx, x, y, tracker)));
  return tracker.logs();
}
