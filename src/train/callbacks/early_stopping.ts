/**
 * EarlyStopping: ends training once a monitored value (default 'val_loss') has not improved for
 * `patience` epochs, optionally putting back the weights of the best epoch (Keras semantics:
 * restored when it stops). Its counters are saved in checkpoints, so a resumed run stops alike.
 */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { Callback, type Logs } from './callback.js';
import { type MonitorMode, isImprovement, readMonitor, resolveMode } from './monitor.js';

export interface EarlyStoppingOptions {
  /** Log key to watch (default 'val_loss'). */
  monitor?: string;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** 'auto' (default: max for accuracy-like names), 'min' or 'max'. */
  mode?: MonitorMode;
  /** Stop unless the value beats this (default none). */
  baseline?: number;
  /** On stopping, load the weights of the best epoch (default false). */
  restoreBestWeights?: boolean;
  /** Epochs to wait before watching at all (default 0). */
  startFromEpoch?: number;
}

interface EarlyStoppingState {
  wait: number;
  best: number;
  bestEpoch: number;
  stoppedEpoch: number;
  bestWeights: Map<string, Tensor> | null;
}

/**
 * Stops fit when `monitor` stops improving.
 * @example
 * const stop = new EarlyStopping({ monitor: 'loss', patience: 1 });
 * [stop.patience, stop.mode] // [1, 'min']
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  /** Epoch at which training was stopped (0 when it was not). */
  stoppedEpoch = 0;
  /** Epoch with the best value so far (-1 before any). */
  bestEpoch = -1;
  best = NaN;
  private wait = 0;
  private bestWeights: Map<string, Tensor> | null = null;
  private isRestored = false;

  constructor(opts: EarlyStoppingOptions = {}) {
    super();
    this.monitor = opts.monitor ?? 'val_loss';
    this.minDelta = Math.abs(opts.minDelta ?? 0);
    this.patience = opts.patience ?? 0;
    if (!Number.isInteger(this.patience) || this.patience < 0) throw new ArgumentError(`EarlyStopping: patience must be an integer >= 0, got ${this.patience}`);
    this.mode = resolveMode('EarlyStopping', this.monitor, opts.mode);
    this.baseline = opts.baseline;
    this.restoreBestWeights = opts.restoreBestWeights ?? false;
    this.startFromEpoch = opts.startFromEpoch ?? 0;
  }

  override onTrainBegin(): void {
    if (this.isRestored) {
      this.isRestored = false; // resumed from a checkpoint: keep its state
      return;
    }
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestEpoch = -1;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.bestWeights = null;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    if (epoch < this.startFromEpoch) return;
    const current = readMonitor('EarlyStopping', this.monitor, logs);
    if (this.restoreBestWeights && this.bestWeights === null) this.bestWeights = this.snapshot();
    this.wait += 1;
    if (isImprovement(this.mode, current, this.best, this.minDelta)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = this.snapshot();
      if (this.baseline === undefined || isImprovement(this.mode, current, this.baseline, this.minDelta)) {
        this.wait = 0;
        return;
      }
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.context.stopTraining = true;
      if (this.restoreBestWeights && this.bestWeights !== null) this.model.loadStateDict(this.bestWeights);
    }
  }

  /** Copies of the model's current state dict. */
  private snapshot(): Map<string, Tensor> {
    return noGrad(() => new Map([...this.model.stateDict()].map(([k, t]) => [k, t.clone()])));
  }

  override stateDict(): EarlyStoppingState {
    return { wait: this.wait, best: this.best, bestEpoch: this.bestEpoch, stoppedEpoch: this.stoppedEpoch, bestWeights: this.bestWeights };
  }

  override loadStateDict(state: unknown): void {
    const s = state as EarlyStoppingState;
    this.wait = s.wait;
    this.best = s.best;
    this.bestEpoch = s.bestEpoch;
    this.stoppedEpoch = s.stoppedEpoch;
    this.bestWeights = s.bestWeights;
    this.isRestored = true;
  }
}
