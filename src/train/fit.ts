/**
 * fit: the training loop. Epochs, then batches: forward, loss, backward, optimizer step, with the
 * callbacks' hooks around each; validation in eval mode after each epoch. Everything else lives
 * beside it: options (fit_options.ts), data (fit_data.ts), one batch (steps.ts), resuming
 * (resume.ts), callbacks and metrics (one file each).
 */
import type { Module } from '../nn/module.js';
import { Tensor } from '../tensor/tensor.js';
import { Generator } from '../tensor/random.js';
import { getCompiled } from './state.js';
import { History } from './history.js';
import { CallbackList, type FitParams, type Logs, type TrainingContext } from './callbacks/callback.js';
import { ProgressBar } from './callbacks/progress_bar.js';
import { type DataSource, batchLength, splitValidation, tensorDataset, toBatches, unpackBatch } from './fit_data.js';
import { type FitOptions, isTensorPair, resolveFitOptions } from './fit_options.js';
import { withLayerContext } from './layer_context.js';
import { Tracker, inMode, trainStep } from './steps.js';
import { evaluateBatches } from './evaluate.js';
import { restoreTraining, runGenerators, trainingState } from './resume.js';

/**
 * Trains the compiled model on (x, y) tensors or on a dataset / DataLoader / iterable of [x, y]
 * batches. Resolves to the History (`history.history.loss[epoch]`). Async, so streaming data
 * and progress output work; the math itself runs synchronously per batch.
 * @example
 * const model = compile(new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2)), { optimizer: 'adam', loss: 'crossEntropy', metrics: ['accuracy'] });
 * const { x, y } = moons(64, { seed: 0 });
 * // const history = await fit(model, x, y, { epochs: 5, batchSize: 16, validationSplit: 0.25 });
 * // history.history.val_accuracy.at(-1) is then about 0.85
 * trainOnBatch(model, x, y).loss > 0 // true
 */
export async function fit(model: Module, x: Tensor, y: Tensor, options?: FitOptions): Promise<History>;
export async function fit(model: Module, data: DataSource, options?: FitOptions): Promise<History>;
export async function fit(model: Module, x: Tensor | DataSource, y?: Tensor | FitOptions, options?: FitOptions): Promise<History> {
  const method = 'fit';
  const c = getCompiled(model, method);
  const isTensors = x instanceof Tensor;
  const o = resolveFitOptions(isTensors ? options : (y as FitOptions | undefined));
  let data: DataSource = isTensors ? tensorDataset(method, x, y as Tensor) : x;
  let val: DataSource | undefined;
  if (o.validationSplit !== undefined) [data, val] = splitValidation(method, data, o.validationSplit);
  else if (isTensorPair(o.validationData)) val = tensorDataset('fit (validationData)', o.validationData[0], o.validationData[1]);
  else val = o.validationData;

  const fitGenerator = o.seed !== undefined ? new Generator(o.seed) : undefined;
  const train = toBatches(method, data, o.batchSize, o.shuffle, fitGenerator);
  const valBatches = val === undefined ? undefined : toBatches(method, val, o.validationBatchSize ?? o.batchSize, false);
  const history = new History();
  const hasBar = o.callbacks.some((cb) => cb instanceof ProgressBar);
  const bar = o.verbose === 0 || hasBar ? [] : [new ProgressBar({ mode: o.verbose === 1 ? 'bar' : 'line' })];
  const callbacks = new CallbackList([...o.callbacks, history, ...bar]); // History sees what callbacks add ('lr')
  const generators = runGenerators(model, fitGenerator, train.source);
  const params: FitParams = { epochs: o.epochs, steps: train.steps, samples: train.samples, batchSize: o.batchSize, verbose: o.verbose };
  const ctx: TrainingContext = {
    model,
    optimizer: c.optimizer,
    scheduler: c.scheduler,
    params,
    stopTraining: false,
    epoch: o.initialEpoch,
    epochsDone: o.initialEpoch,
    step: 0,
    samplesSeen: 0,
    batchLoss: undefined,
    checkpointState: () => trainingState(model, c, ctx.epochsDone, ctx.step, generators, callbacks),
  };
  if (o.resumeFrom !== undefined) {
    const ckpt = restoreTraining(method, o.resumeFrom, model, c, generators, callbacks);
    ctx.epoch = ctx.epochsDone = ckpt.epoch;
    ctx.step = ckpt.step;
  }
  callbacks.setContext(ctx);

  return withLayerContext(model, (layers) =>
    inMode(model, true, async () => {
      const tracker = new Tracker(c);
      let logs: Logs = {};
      callbacks.onTrainBegin();
      for (let epoch = ctx.epochsDone; epoch < o.epochs && !ctx.stopTraining; epoch++) {
        ctx.epoch = epoch;
        ctx.samplesSeen = 0;
        callbacks.onEpochBegin(epoch);
        tracker.reset();
        let batch = 0;
        for await (const b of train.source) {
          const [bx, by] = unpackBatch(method, b);
          callbacks.onBatchBegin(batch);
          ctx.batchLoss = trainStep(method, model, c, layers, bx, by, tracker);
          ctx.step += 1;
          ctx.samplesSeen += batchLength(bx);
          if (c.scheduler !== undefined && c.schedulerInterval === 'batch') c.scheduler.step();
          callbacks.onBatchEnd(batch, tracker.logs());
          batch += 1;
          if (ctx.stopTraining) break;
        }
        logs = tracker.logs();
        if (valBatches !== undefined) Object.assign(logs, await evaluateBatches(method, model, valBatches.source, layers, 'val_'));
        if (c.scheduler !== undefined && c.schedulerInterval === 'epoch') c.scheduler.step();
        ctx.epochsDone = epoch + 1;
        callbacks.onEpochEnd(epoch, logs);
      }
      callbacks.onTrainEnd(logs);
      return history;
    }),
  );
}
