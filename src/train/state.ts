/**
 * Per-model training state (what `compile` sets up), kept in a WeakMap keyed by the module so
 * Modules carry no training fields and a dropped model frees its optimizer with it.
 */
import { ArgumentError } from '../errors.js';
import type { Module } from '../nn/module.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Optimizer } from '../optim/optimizer.js';
import type { LRScheduler } from '../optim/schedules/lr_scheduler.js';
import type { Metric } from './metrics/metric.js';

/** A loss as `compile` uses it: (pred, target) -> scalar tensor. */
export type LossFn = (pred: Tensor, target: Tensor) => Tensor;

/** What `compile` resolved. */
export interface Compiled {
  optimizer: Optimizer;
  loss: LossFn;
  /** The loss's name for messages ('crossEntropy', or the function's name). */
  lossName: string;
  metrics: Metric[];
  scheduler: LRScheduler | undefined;
  schedulerInterval: 'epoch' | 'batch';
}

const compiled = new WeakMap<Module, Compiled>();

export function setCompiled(model: Module, state: Compiled): void {
  compiled.set(model, state);
}

/** The compiled state, or an ArgumentError naming `method` when compile was not called. */
export function getCompiled(model: Module, method: string): Compiled {
  const c = compiled.get(model);
  if (c === undefined) throw new ArgumentError(`${method}: the model is not compiled; call model.compile({ optimizer, loss }) first`);
  return c;
}
