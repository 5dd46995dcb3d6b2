/**
 * compile: turns the names Keras users write ('adam', 'crossEntropy', 'accuracy') into objects
 * (an Optimizer over the model's parameters, a loss function, Metrics) and stores them for fit,
 * evaluate and trainOnBatch. Objects pass through unchanged, for full control.
 */
import { ArgumentError } from '../errors.js';
import type { Module } from '../nn/module.js';
import { Tensor } from '../tensor/tensor.js';
import { isFloating } from '../tensor/dtype.js';
import { cast } from '../ops/primitive.js';
import { Loss } from '../nn/losses/reduction.js';
import * as L from '../nn/losses/index.js';
import { Optimizer } from '../optim/optimizer.js';
import { LRScheduler } from '../optim/schedules/lr_scheduler.js';
import { SGD, Adam, AdamW, RMSprop, Adagrad, Adamax, NAdam } from '../optim/index.js';
import { type Metric } from './metrics/metric.js';
import { type MetricName, getMetric } from './metrics/get_metric.js';
import { type LossFn, setCompiled } from './state.js';

/** Optimizers by name, with Keras's default learning rates (AdamW: PyTorch's weight decay 0.01). */
const OPTIMIZERS = {
  sgd: (p: Module, lr: number | undefined) => new SGD(p.parameters(), { lr: lr ?? 0.01 }),
  adam: (p: Module, lr: number | undefined) => new Adam(p.parameters(), { lr: lr ?? 1e-3 }),
  adamw: (p: Module, lr: number | undefined) => new AdamW(p.parameters(), { lr: lr ?? 1e-3 }),
  rmsprop: (p: Module, lr: number | undefined) => new RMSprop(p.parameters(), { lr: lr ?? 1e-3 }),
  adagrad: (p: Module, lr: number | undefined) => new Adagrad(p.parameters(), { lr: lr ?? 1e-3 }),
  adamax: (p: Module, lr: number | undefined) => new Adamax(p.parameters(), { lr: lr ?? 1e-3 }),
  nadam: (p: Module, lr: number | undefined) => new NAdam(p.parameters(), { lr: lr ?? 1e-3 }),
} satisfies Record<string, (m: Module, lr: number | undefined) => Optimizer>;

export type OptimizerName = keyof typeof OPTIMIZERS;

/** Float targets of the prediction's shape for elementwise losses: (N) fits (N, 1), ints become floats. */
function likePred(pred: Tensor, target: Tensor): Tensor {
  let t = target;
  if (t.numel === pred.numel && (t.ndim !== pred.ndim || t.shape.some((s, i) => s !== pred.shape[i]))) t = t.reshape(pred.shape);
  return t.dtype === pred.dtype ? t : cast(t, pred.dtype);
}

/** Class targets for crossEntropy/nll: float labels become int32, (N, 1) becomes (N). */
function classTargets(pred: Tensor, target: Tensor): Tensor {
  const isProbabilities = isFloating(target.dtype) && target.ndim === pred.ndim;
  if (isProbabilities && target.shape.every((s, i) => s === pred.shape[i])) return target;
  let t = target;
  if (t.ndim === 2 && t.shape[1] === 1 && pred.ndim === 2) t = t.reshape([t.shape[0]!]);
  return t.dtype === 'int32' ? t : cast(t, 'int32');
}

const LOSSES = {
  crossEntropy: (p: Tensor, t: Tensor) => L.crossEntropy(p, classTargets(p, t)),
  nll: (p: Tensor, t: Tensor) => L.nllLoss(p, classTargets(p, t)),
  mse: (p: Tensor, t: Tensor) => L.mseLoss(p, likePred(p, t)),
  mae: (p: Tensor, t: Tensor) => L.l1Loss(p, likePred(p, t)),
  huber: (p: Tensor, t: Tensor) => L.huberLoss(p, likePred(p, t)),
  smoothL1: (p: Tensor, t: Tensor) => L.smoothL1Loss(p, likePred(p, t)),
  bce: (p: Tensor, t: Tensor) => L.binaryCrossEntropy(p, likePred(p, t)),
  bceWithLogits: (p: Tensor, t: Tensor) => L.binaryCrossEntropyWithLogits(p, likePred(p, t)),
} satisfies Record<string, LossFn>;

export type LossName = keyof typeof LOSSES;

/** What `compile` takes. */
export interface CompileOptions {
  /** An Optimizer over the model's parameters, or a name (default 'rmsprop', as in Keras). */
  optimizer?: Optimizer | OptimizerName;
  /** Learning rate for a named optimizer (default: Keras's for that optimizer). */
  lr?: number;
  /** A name, a loss function (pred, target) -> scalar, or a loss module such as `new CrossEntropyLoss()`. */
  loss: LossName | LossFn | Loss;
  /** Metrics to log: names or Metric objects (default none). */
  metrics?: readonly (MetricName | Metric)[];
  /** An LR schedule stepped by fit, or a function making one from the optimizer. */
  scheduler?: LRScheduler | ((optimizer: Optimizer) => LRScheduler);
  /** Step the scheduler after every epoch (default) or every batch. */
  schedulerInterval?: 'epoch' | 'batch';
}

function resolveOptimizer(model: Module, o: CompileOptions): Optimizer {
  const opt = o.optimizer ?? 'rmsprop';
  if (opt instanceof Optimizer) {
    if (o.lr !== undefined) throw new ArgumentError('compile: lr is only for named optimizers; set it on the Optimizer');
    return opt;
  }
  if (o.lr !== undefined && !(typeof o.lr === 'number' && o.lr >= 0)) throw new ArgumentError(`compile: lr must be a number >= 0, got ${String(o.lr)}`);
  if (typeof opt === 'string' && Object.hasOwn(OPTIMIZERS, opt)) {
    if ([...model.parameters()].length === 0) throw new ArgumentError('compile: the model has no parameters to optimize');
    return OPTIMIZERS[opt](model, o.lr);
  }
  throw new ArgumentError(`compile: unknown optimizer ${JSON.stringify(opt)}; use one of ${Object.keys(OPTIMIZERS).map((k) => `'${k}'`).join(', ')} or an Optimizer`);
}

function resolveLoss(loss: CompileOptions['loss']): [LossFn, string] {
  if (loss instanceof Loss) return [(p, t) => loss.call(p, t), loss.constructor.name];
  if (typeof loss === 'string' && Object.hasOwn(LOSSES, loss)) return [LOSSES[loss], loss];
  if (typeof loss === 'function') return [loss, loss.name || 'loss'];
  throw new ArgumentError(`compile: unknown loss ${JSON.stringify(loss)}; use one of ${Object.keys(LOSSES).map((k) => `'${k}'`).join(', ')}, a function (pred, target) => Tensor or a Loss module`);
}

/**
 * Configures `model` for fit/evaluate/trainOnBatch. Returns the model.
 * @example
 * const model = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 2));
 * compile(model, { optimizer: 'adam', lr: 0.01, loss: 'crossEntropy', metrics: ['accuracy'] }) === model // true
 */
export function compile<M extends Module>(model: M, options: CompileOptions): M {
  if (options === null || typeof options !== 'object') throw new ArgumentError('compile: expected an options object { optimizer, loss, metrics }');
  if (options.loss === undefined) throw new ArgumentError("compile: 'loss' is required");
  const known = new Set(['optimizer', 'lr', 'loss', 'metrics', 'scheduler', 'schedulerInterval']);
  for (const k of Object.keys(options)) if (!known.has(k)) throw new ArgumentError(`compile: unknown option '${k}'`);
  const optimizer = resolveOptimizer(model, options);
  const [loss, lossName] = resolveLoss(options.loss);
  if (options.metrics !== undefined && !Array.isArray(options.metrics)) throw new ArgumentError('compile: metrics must be an array');
  const fromLogits = lossName === 'bceWithLogits' || lossName === 'BCEWithLogitsLoss';
  const metrics = (options.metrics ?? []).map((m) => getMetric(m, { fromLogits }));
  const names = new Set<string>(['loss']);
  for (const m of metrics) {
    if (names.has(m.name)) throw new ArgumentError(`compile: two metrics are named '${m.name}'; pass a name option to tell them apart`);
    names.add(m.name);
  }
  const s = options.scheduler;
  const scheduler = typeof s === 'function' ? s(optimizer) : s;
  if (scheduler !== undefined && !(scheduler instanceof LRScheduler)) throw new ArgumentError('compile: scheduler must be an LRScheduler (use the ReduceLROnPlateau callback for plateaus)');
  const interval = options.schedulerInterval ?? 'epoch';
  if (interval !== 'epoch' && interval !== 'batch') throw new ArgumentError(`compile: schedulerInterval must be 'epoch' or 'batch', got '${String(interval)}'`);
  setCompiled(model, { optimizer, loss, lossName, metrics, scheduler, schedulerInterval: interval });
  return model;
}
