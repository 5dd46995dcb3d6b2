/**
 * CosineAnnealingLR (PyTorch 1.13, chainable form): the lr follows a cosine from its base value
 * down to etaMin over tMax steps, then back up (a period of 2·tMax); no warm restarts.
 */
import { ArgumentError } from '../../errors.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr_scheduler.js';

/** CosineAnnealingLR's options. */
export interface CosineAnnealingLROptions {
  /** Steps from the base lr down to etaMin (PyTorch's T_max). */
  tMax: number;
  /** The lowest lr (default 0). */
  etaMin?: number;
}

/**
 * lr_t = etaMin + (base − etaMin)·(1 + cos(π·t/tMax))/2, computed recursively from the current lr.
 * @example
 * const opt = new SGD([new Parameter(ones([1]))], { lr: 1 });
 * const sched = new CosineAnnealingLR(opt, { tMax: 2 });
 * opt.step(); sched.step();
 * sched.getLastLr() // [0.5]
 */
export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    super(optimizer, 'CosineAnnealingLR');
    if (typeof options?.tMax !== 'number' || !(options.tMax > 0)) throw new ArgumentError(`CosineAnnealingLR: tMax must be a positive number, got ${String(options?.tMax)}`);
    this.tMax = options.tMax;
    this.etaMin = options.etaMin ?? 0;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const { lastEpoch: t, tMax, etaMin } = this;
    if (t === 0) return this.groups.map((g) => g.lr);
    // at the bottom of the cosine the recursive ratio is 0/0: step up by the closed-form increment
    if ((t - 1 - tMax) % (2 * tMax) === 0) {
      return this.groups.map((g, i) => g.lr + ((this.baseLrs[i]! - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2);
    }
    const ratio = (1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax));
    return this.groups.map((g) => ratio * (g.lr - etaMin) + etaMin);
  }
}
