/**
 * ReduceLROnPlateauCallback (Keras's callbacks.ReduceLROnPlateau): multiplies every parameter
 * group's lr by `factor` when a monitored value has not improved for `patience` epochs, then
 * waits `cooldown` epochs. Keras's counting (patience epochs, absolute minDelta), which differs
 * by one from torch's ReduceLROnPlateau; that one stays available in optim for hand-written loops.
 */
import { ArgumentError } from '../../errors.js';
import { Callback, type Logs } from './callback.js';
import { type MonitorMode, isImprovement, readMonitor, resolveMode } from './monitor.js';

export interface ReduceLROnPlateauCallbackOptions {
  /** Log key to watch (default 'val_loss'). */
  monitor?: string;
  /** New lr = lr · factor (default 0.1, must be < 1). */
  factor?: number;
  /** Epochs without improvement before reducing (default 10). */
  patience?: number;
  /** 'auto' (default), 'min' or 'max'. */
  mode?: MonitorMode;
  /** Smallest change that counts as an improvement (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a reduction (default 0). */
  cooldown?: number;
  /** Lower bound on the lr (default 0). */
  minLr?: number;
}

interface PlateauState {
  best: number;
  wait: number;
  cooldownCounter: number;
}

/**
 * Lowers the learning rate on a plateau; adds 'lr' to the epoch logs.
 * @example new ReduceLROnPlateauCallback({ monitor: 'val_loss', factor: 0.5, patience: 2 }).factor // 0.5
 */
export class ReduceLROnPlateauCallback extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  private state: PlateauState;
  private isRestored = false;

  constructor(opts: ReduceLROnPlateauCallbackOptions = {}) {
    super();
    this.monitor = opts.monitor ?? 'val_loss';
    this.factor = opts.factor ?? 0.1;
    if (!(this.factor < 1 && this.factor >= 0)) throw new ArgumentError(`ReduceLROnPlateau: factor must be in [0, 1), got ${this.factor}`);
    this.patience = opts.patience ?? 10;
    this.mode = resolveMode('ReduceLROnPlateau', this.monitor, opts.mode);
    this.minDelta = opts.minDelta ?? 1e-4;
    this.cooldown = opts.cooldown ?? 0;
    this.minLr = opts.minLr ?? 0;
    this.state = this.fresh();
  }

  private fresh(): PlateauState {
    return { best: this.mode === 'min' ? Infinity : -Infinity, wait: 0, cooldownCounter: 0 };
  }

  override onTrainBegin(): void {
    if (!this.isRestored) this.state = this.fresh(); // a resumed run keeps the checkpoint's counters
    this.isRestored = false;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const groups = this.context.optimizer.paramGroups;
    logs.lr = groups[0]!.lr;
    const current = readMonitor('ReduceLROnPlateau', this.monitor, logs);
    const s = this.state;
    if (s.cooldownCounter > 0) {
      s.cooldownCounter -= 1;
      s.wait = 0;
    }
    if (isImprovement(this.mode, current, s.best, this.minDelta)) {
      s.best = current;
      s.wait = 0;
    } else if (s.cooldownCounter === 0) {
      s.wait += 1;
      if (s.wait >= this.patience) {
        for (const g of groups) if (g.lr > this.minLr) g.lr = Math.max(g.lr * this.factor, this.minLr);
        s.cooldownCounter = this.cooldown;
        s.wait = 0;
      }
    }
  }

  override stateDict(): PlateauState {
    return { ...this.state };
  }

  override loadStateDict(state: unknown): void {
    this.state = { ...(state as PlateauState) };
    this.isRestored = true;
  }
}
