/** ExponentialLR: multiply the lr by gamma every step (PyTorch 1.13, chainable form). */
import { ArgumentError } from '../../errors.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr_scheduler.js';

/** ExponentialLR's options. */
export interface ExponentialLROptions {
  /** Multiplier per step. */
  gamma: number;
}

/**
 * Decays each group's lr by gamma every step: lr = base·gammaᵗ.
 * @example
 * const opt = new SGD([new Parameter(ones([1]))], { lr: 1 });
 * const sched = new ExponentialLR(opt, { gamma: 0.5 });
 * opt.step(); sched.step(); opt.step(); sched.step();
 * sched.getLastLr() // [0.25]
 */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: ExponentialLROptions) {
    super(optimizer, 'ExponentialLR');
    if (typeof options?.gamma !== 'number') throw new ArgumentError(`ExponentialLR: gamma must be a number, got ${String(options?.gamma)}`);
    this.gamma = options.gamma;
    this.initialStep();
  }

  protected computeLr(): number[] {
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma);
  }
}
