/**
 * One batch of training (forward, loss, backward, optimizer step) or of testing (forward and loss
 * without a graph), and the running loss/metric logs both feed. Shared by fit, evaluate,
 * trainOnBatch and testOnBatch; the loops live in fit.ts and evaluate.ts.
 */
import { ArgumentError } from '../errors.js';
import type { Module } from '../nn/module.js';
import { Tensor } from '../tensor/tensor.js';
import { inferenceMode } from '../nn/inference_mode.js';
import type { Compiled } from './state.js';
import type { Logs } from './callbacks/callback.js';
import { Mean } from './metrics/metric.js';
import { batchLength } from './fit_data.js';
import type { LayerContext } from './layer_context.js';
import { runScoped } from '../scope.js';

/** The loss of a batch, checked to be one number. */
function lossOf(method: string, c: Compiled, pred: Tensor, y: Tensor): Tensor {
  const loss = c.loss(pred, y);
  if (!(loss instanceof Tensor) || loss.numel !== 1) {
    const what = loss instanceof Tensor ? `a Tensor of shape [${loss.shape.join(', ')}]` : typeof loss;
    throw new ArgumentError(`${method}: the loss '${c.lossName}' must return a one-element Tensor, got ${what}`);
  }
  return loss;
}

/** Running loss (weighted by batch size) and the compiled metrics, reset together. */
export class Tracker {
  readonly loss = new Mean('loss');

  constructor(private readonly c: Compiled) {}

  reset(): void {
    this.loss.reset();
    for (const m of this.c.metrics) m.reset();
  }

  add(loss: number, pred: Tensor, y: Tensor): void {
    this.loss.add(loss, batchLength(pred));
    for (const m of this.c.metrics) m.update(pred, y);
  }

  /** { loss, <metric>: value, … }, names prefixed (e.g. 'val_'). */
  logs(prefix = ''): Logs {
    const out: Logs = { [`${prefix}loss`]: this.loss.result() };
    for (const m of this.c.metrics) out[`${prefix}${m.name}`] = m.result();
    return out;
  }
}

/** One optimizer step on (x, y) in the model's current mode; returns the batch loss. */
export function trainStep(method: string, model: Module, c: Compiled, ctx: LayerContext, x: Tensor, y: Tensor, tracker: Tracker): number {
  return ctx.run(() => {
    model.zeroGrad();
    const pred = model.call(x);
    const loss = lossOf(method, c, pred, y);
    loss.backward();
    c.optimizer.step();
    const value = loss.item();
    tracker.add(value, pred.detach(), y);
    return value;
  });
}

/**
 * Forward and loss without a graph (inside inferenceMode: packed weights, linear chains); returns
 * the batch loss.
 */
export function testStep(method: string, model: Module, c: Compiled, ctx: LayerContext, x: Tensor, y: Tensor, tracker: Tracker): number {
  return ctx.run(() =>
    inferenceMode(() => {
      const pred = model.call(x);
      const value = lossOf(method, c, pred, y).item();
      tracker.add(value, pred, y);
      return value;
    }),
  );
}

/** Runs fn with the model in train (true) or eval (false) mode, then restores every module's own mode. */
export function inMode<T>(model: Module, training: boolean, fn: () => T): T {
  const saved = [...model.modules()].map((m) => [m, m.training] as const);
  model.train(training);
  const restore = (): void => saved.forEach(([m, t]) => (m.training = t));
  return runScoped(fn, restore);
}
