/** MultiStepLR: multiply the lr by gamma at each milestone step (PyTorch 1.13, chainable form). */
import { ArgumentError } from '../../errors.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr_scheduler.js';

/** MultiStepLR's options. */
export interface MultiStepLROptions {
  /** Steps at which to decay; a milestone listed k times decays by gamma^k. */
  milestones: number[];
  /** Multiplier per milestone (default 0.1). */
  gamma?: number;
}

/**
 * Decays each group's lr by gamma when the step count reaches a milestone.
 * @example
 * const opt = new SGD([new Parameter(ones([1]))], { lr: 1 });
 * const sched = new MultiStepLR(opt, { milestones: [1, 3], gamma: 0.5 });
 * const lrs = [];
 * for (let i = 0; i < 4; i++) { opt.step(); sched.step(); lrs.push(sched.getLastLr()[0]); }
 * lrs // [0.5, 0.5, 0.25, 0.25]
 */
export class MultiStepLR extends LRScheduler {
  /** Sorted, repeats kept. */
  readonly milestones: number[];
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: MultiStepLROptions) {
    super(optimizer, 'MultiStepLR');
    if (!Array.isArray(options?.milestones) || !options.milestones.every(Number.isInteger)) {
      throw new ArgumentError(`MultiStepLR: milestones must be an array of integers, got ${String(options?.milestones)}`);
    }
    this.milestones = [...options.milestones].sort((a, b) => a - b);
    this.gamma = options.gamma ?? 0.1;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const count = this.milestones.filter((m) => m === this.lastEpoch).length;
    if (count === 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma ** count);
  }
}
