/** StepLR: multiply the lr by gamma every stepSize steps (PyTorch 1.13, chainable form). */
import { ArgumentError } from '../../errors.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr_scheduler.js';

/** StepLR's options. */
export interface StepLROptions {
  /** Steps between decays (a positive integer). */
  stepSize: number;
  /** Multiplier per decay (default 0.1). */
  gamma?: number;
}

/**
 * Decays each group's lr by gamma every stepSize steps: lr = base·gamma^⌊t/stepSize⌋.
 * @example
 * const opt = new SGD([new Parameter(ones([1]))], { lr: 1 });
 * const sched = new StepLR(opt, { stepSize: 2, gamma: 0.1 });
 * const lrs = [];
 * for (let i = 0; i < 5; i++) { opt.step(); sched.step(); lrs.push(sched.getLastLr()[0]); }
 * lrs // [1, 0.1, 0.1, 0.01, 0.01]
 */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: StepLROptions) {
    super(optimizer, 'StepLR');
    if (!Number.isInteger(options?.stepSize) || options.stepSize < 1) throw new ArgumentError(`StepLR: stepSize must be a positive integer, got ${String(options?.stepSize)}`);
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
    this.initialStep();
  }

  protected computeLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma);
  }
}
