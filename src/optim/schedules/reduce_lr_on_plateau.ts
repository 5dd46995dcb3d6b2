/**
 * ReduceLROnPlateau (PyTorch 1.13): multiply the lr by `factor` once a metric has stopped
 * improving for more than `patience` steps, then wait `cooldown` steps. Driven by the metric
 * passed to `step(metric)`, not by the step count, so it is not an LRScheduler subclass.
 */
import { ArgumentError } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import type { Optimizer } from '../optimizer.js';
import { groupsOf, stateOf, type SchedulableGroup, type SchedulerStateDict } from './lr_scheduler.js';

/** ReduceLROnPlateau's options (PyTorch's defaults). */
export interface ReduceLROnPlateauOptions {
  /** 'min' (default): lower is better (a loss); 'max': higher is better (an accuracy). */
  mode?: 'min' | 'max';
  /** New lr = lr·factor (default 0.1; must be < 1). */
  factor?: number;
  /** Steps without improvement tolerated before reducing (default 10). */
  patience?: number;
  /** How much better counts as better (default 1e-4). */
  threshold?: number;
  /** 'rel' (default): best·(1 ∓ threshold); 'abs': best ∓ threshold. */
  thresholdMode?: 'rel' | 'abs';
  /** Steps to wait after a reduction before counting bad steps again (default 0). */
  cooldown?: number;
  /** Lower bound on the lr, for every group or one per group (default 0). */
  minLr?: number | number[];
  /** Reductions smaller than eps are skipped (default 1e-8). */
  eps?: number;
}

/**
 * Reduces the lr when a metric plateaus.
 * @example
 * const opt = new SGD([new Parameter(ones([1]))], { lr: 1 });
 * const sched = new ReduceLROnPlateau(opt, { patience: 1, factor: 0.5 });
 * for (const loss of [3, 2, 2, 2, 2]) sched.step(loss);
 * sched.getLastLr() // [0.5]
 */
export class ReduceLROnPlateau {
  readonly factor: number;
  readonly minLrs: number[];
  readonly patience: number;
  readonly cooldown: number;
  readonly mode: 'min' | 'max';
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly eps: number;
  cooldownCounter = 0;
  /** The best metric so far (±Infinity before the first step). */
  best: number;
  numBadEpochs = 0;
  lastEpoch = 0;
  protected lastLr: number[];

  constructor(readonly optimizer: Optimizer, options: ReduceLROnPlateauOptions = {}) {
    const groups = groupsOf('ReduceLROnPlateau', optimizer);
    const o = options;
    this.factor = o.factor ?? 0.1;
    if (!(this.factor < 1)) throw new ArgumentError(`ReduceLROnPlateau: factor must be < 1, got ${this.factor}`);
    const minLr = o.minLr ?? 0;
    if (Array.isArray(minLr) && minLr.length !== groups.length) throw new ArgumentError(`ReduceLROnPlateau: expected ${groups.length} minLrs, got ${minLr.length}`);
    this.minLrs = Array.isArray(minLr) ? [...minLr] : groups.map(() => minLr);
    this.patience = o.patience ?? 10;
    this.cooldown = o.cooldown ?? 0;
    this.mode = o.mode ?? 'min';
    this.threshold = o.threshold ?? 1e-4;
    this.thresholdMode = o.thresholdMode ?? 'rel';
    this.eps = o.eps ?? 1e-8;
    if (this.mode !== 'min' && this.mode !== 'max') throw new ArgumentError(`ReduceLROnPlateau: mode must be 'min' or 'max', got ${String(this.mode)}`);
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs') throw new ArgumentError(`ReduceLROnPlateau: thresholdMode must be 'rel' or 'abs', got ${String(this.thresholdMode)}`);
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.lastLr = groups.map((g) => g.lr);
  }

  private get groups(): SchedulableGroup[] {
    return this.optimizer.paramGroups;
  }

  /** True when `a` beats `best` by more than the threshold. */
  private isBetter(a: number, best: number): boolean {
    const { mode, threshold } = this;
    if (mode === 'min') return this.thresholdMode === 'rel' ? a < best * (1 - threshold) : a < best - threshold;
    return this.thresholdMode === 'rel' ? a > best * (threshold + 1) : a > best + threshold;
  }

  /**
   * Records one value of the metric (a number or a one-element tensor) and reduces the lr if
   * it has plateaued.
   * @example
   * const opt = new SGD([new Parameter(ones([1]))], { lr: 1 });
   * const sched = new ReduceLROnPlateau(opt, { mode: 'max', patience: 0 });
   * sched.step(0.5); sched.step(tensor(0.4));
   * opt.paramGroups[0]!.lr // 0.1
   */
  step(metric: number | Tensor): void {
    const current = metric instanceof Tensor ? metric.item() : metric;
    if (typeof current !== 'number') throw new ArgumentError(`ReduceLROnPlateau.step: metric must be a number or a one-element Tensor, got ${typeof current}`);
    this.lastEpoch += 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad steps during cooldown don't count
    }
    if (this.numBadEpochs > this.patience) {
      this.groups.forEach((g, i) => {
        const newLr = Math.max(g.lr * this.factor, this.minLrs[i]!);
        if (g.lr - newLr > this.eps) g.lr = newLr;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.groups.map((g) => g.lr);
  }

  /**
   * The groups' lrs after the last step (before any step: their current lrs).
   * @example
   * const opt = new SGD([new Parameter(ones([1]))], { lr: 0.3 });
   * new ReduceLROnPlateau(opt).getLastLr() // [0.3]
   */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /**
   * The state as plain values (every field but the optimizer). NOTE: `best` is ±Infinity until
   * the first step, which JSON.stringify writes as null.
   * @example
   * const opt = new SGD([new Parameter(ones([1]))], { lr: 1 });
   * const sched = new ReduceLROnPlateau(opt); sched.step(2);
   * sched.stateDict().best // 2
   */
  stateDict(): SchedulerStateDict {
    return stateOf(this);
  }

  /**
   * Restores `stateDict()` output (a null `best`, from JSON, is read as the mode's worst value).
   * @example
   * const opt = new SGD([new Parameter(ones([1]))], { lr: 1 });
   * const a = new ReduceLROnPlateau(opt); a.step(2);
   * const b = new ReduceLROnPlateau(opt); b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
   * b.best // 2
   */
  loadStateDict(state: SchedulerStateDict): void {
    if (state === null || typeof state !== 'object') throw new ArgumentError('ReduceLROnPlateau.loadStateDict: expected an object');
    Object.assign(this, stateOf(state));
    if (this.best === null) this.best = this.mode === 'min' ? Infinity : -Infinity;
  }
}
