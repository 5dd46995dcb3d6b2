/**
 * Callback: hooks into `fit` (Keras's Callback). A callback sees the model, the optimizer and the
 * run's numbers through `context`, reads the logs (`loss`, metrics, `val_*`), may set
 * `context.stopTraining`, and may carry state that checkpoints save (`stateDict`/`loadStateDict`)
 * so a resumed run behaves as the uninterrupted one. CallbackList calls a list of them in order.
 */
import { ArgumentError } from '../../errors.js';
import type { Module } from '../../nn/module.js';
import type { Optimizer } from '../../optim/optimizer.js';
import type { LRScheduler } from '../../optim/schedules/lr_scheduler.js';
import type { CheckpointState } from '../../io/checkpoint.js';

/** What a step or an epoch reports: 'loss', metric names, 'val_loss', 'val_<metric>', 'lr'. */
export type Logs = Record<string, number>;

/** The run's settings, as callbacks see them. */
export interface FitParams {
  epochs: number;
  /** Batches per epoch, when the data has a length. */
  steps: number | undefined;
  /** Training samples per epoch, when known. */
  samples: number | undefined;
  batchSize: number | undefined;
  verbose: 0 | 1 | 2;
}

/** The live state of a `fit` run that callbacks read (and `stopTraining`, which they set). */
export interface TrainingContext {
  readonly model: Module;
  readonly optimizer: Optimizer;
  readonly scheduler: LRScheduler | undefined;
  readonly params: FitParams;
  /** Set to true to end training after the current batch. */
  stopTraining: boolean;
  /** The current epoch (0-based). */
  epoch: number;
  /** Epochs finished; what a checkpoint written now resumes from. */
  epochsDone: number;
  /** Optimizer steps taken over the whole run (across resumes). */
  step: number;
  /** Training samples seen in the current epoch. */
  samplesSeen: number;
  /** The last training batch's own loss (the logs hold the epoch's running mean); undefined before the first. */
  batchLoss: number | undefined;
  /** Everything a checkpoint needs to resume this run exactly, as of now. */
  checkpointState(): CheckpointState;
}

/**
 * Base class with no-op hooks; override the ones you need. `context` is set by `fit`.
 * @example
 * class CountBatches extends Callback {
 *   n = 0;
 *   override onBatchEnd() { this.n++; }
 * }
 * const cb = new CountBatches(); cb.onBatchEnd(0, { loss: 1 });
 * cb.n // 1
 */
export class Callback {
  private ctx: TrainingContext | undefined;
  /** Run after the other callbacks in each hook (checkpoints: see the others' updated state). */
  readonly runsLast: boolean = false;

  /** Called by fit before onTrainBegin. */
  setContext(context: TrainingContext): void {
    this.ctx = context;
  }

  /** The running fit's state; throws outside fit. */
  get context(): TrainingContext {
    if (this.ctx === undefined) throw new ArgumentError(`${this.constructor.name}: not attached to a fit() run`);
    return this.ctx;
  }

  /** The model being trained. */
  get model(): Module {
    return this.context.model;
  }

  onTrainBegin(logs: Logs = {}): void {}
  onTrainEnd(logs: Logs = {}): void {}
  onEpochBegin(epoch: number, logs: Logs = {}): void {}
  onEpochEnd(epoch: number, logs: Logs = {}): void {}
  onBatchBegin(batch: number, logs: Logs = {}): void {}
  onBatchEnd(batch: number, logs: Logs = {}): void {}

  /** State a resumed run needs (e.g. EarlyStopping's wait count); undefined when stateless. */
  stateDict(): unknown {
    return undefined;
  }

  /** Restores `stateDict()` output. */
  loadStateDict(state: unknown): void {}
}

/**
 * Calls every callback's hook in order (those with `runsLast` after the others).
 * @example
 * const seen: number[] = [];
 * class Tap extends Callback { override onEpochEnd(e: number) { seen.push(e); } }
 * new CallbackList([new Tap(), new Tap()]).onEpochEnd(3, {});
 * seen // [3, 3]
 */
export class CallbackList {
  readonly callbacks: Callback[];

  constructor(callbacks: readonly Callback[]) {
    callbacks.forEach((c, i) => {
      if (!(c instanceof Callback)) throw new ArgumentError(`fit: callbacks[${i}] is not a Callback`);
    });
    this.callbacks = [...callbacks.filter((c) => !c.runsLast), ...callbacks.filter((c) => c.runsLast)];
  }

  setContext(context: TrainingContext): void {
    for (const c of this.callbacks) c.setContext(context);
  }

  onTrainBegin(logs: Logs = {}): void {
    for (const c of this.callbacks) c.onTrainBegin(logs);
  }

  onTrainEnd(logs: Logs = {}): void {
    for (const c of this.callbacks) c.onTrainEnd(logs);
  }

  onEpochBegin(epoch: number, logs: Logs = {}): void {
    for (const c of this.callbacks) c.onEpochBegin(epoch, logs);
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    for (const c of this.callbacks) c.onEpochEnd(epoch, logs);
  }

  onBatchBegin(batch: number, logs: Logs = {}): void {
    for (const c of this.callbacks) c.onBatchBegin(batch, logs);
  }

  onBatchEnd(batch: number, logs: Logs): void {
    for (const c of this.callbacks) c.onBatchEnd(batch, logs);
  }

  /** Each stateful callback's state, keyed by position and class ('2:EarlyStopping'). */
  stateDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.callbacks.forEach((c, i) => {
      const s = c.stateDict();
      if (s !== undefined) out[`${i}:${c.constructor.name}`] = s;
    });
    return out;
  }

  /** Restores the states of the callbacks at the same position with the same class. */
  loadStateDict(state: Record<string, unknown>): void {
    this.callbacks.forEach((c, i) => {
      const key = `${i}:${c.constructor.name}`;
      if (Object.hasOwn(state, key)) c.loadStateDict(state[key]);
    });
  }
}
