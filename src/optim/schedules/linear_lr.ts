/**
 * LinearLR (PyTorch 1.13, chainable form): warm-up that scales the lr linearly from
 * startFactor·base to endFactor·base over totalIters steps, then leaves it.
 */
import { ArgumentError } from '../../errors.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr_scheduler.js';

/** LinearLR's options (defaults: startFactor 1/3, endFactor 1, totalIters 5). */
export interface LinearLROptions {
  startFactor?: number;
  endFactor?: number;
  totalIters?: number;
}

/**
 * lr_t = base·(startFactor + (endFactor − startFactor)·min(t, totalIters)/totalIters).
 * @example
 * const opt = new SGD([new Parameter(ones([1]))], { lr: 1 });
 * const sched = new LinearLR(opt, { startFactor: 0.25, totalIters: 3 });
 * const lrs = [sched.getLastLr()[0]];
 * for (let i = 0; i < 4; i++) { opt.step(); sched.step(); lrs.push(sched.getLastLr()[0]); }
 * lrs // [0.25, 0.5, 0.75, 1, 1]
 */
export class LinearLR extends LRScheduler {
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;

  constructor(optimizer: Optimizer, options: LinearLROptions = {}) {
    super(optimizer, 'LinearLR');
    const { startFactor = 1 / 3, endFactor = 1, totalIters = 5 } = options;
    if (!(startFactor >= 0 && startFactor <= 1)) throw new ArgumentError(`LinearLR: startFactor must be in [0, 1], got ${startFactor}`);
    if (!(endFactor >= 0 && endFactor <= 1)) throw new ArgumentError(`LinearLR: endFactor must be in [0, 1], got ${endFactor}`);
    if (!Number.isInteger(totalIters) || totalIters < 1) throw new ArgumentError(`LinearLR: totalIters must be a positive integer, got ${totalIters}`);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const { lastEpoch: t, startFactor: s, endFactor: e } = this;
    if (t === 0) return this.groups.map((g) => g.lr * s);
    if (t > this.totalIters) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * (1 + (e - s) / (this.totalIters * s + (t - 1) * (e - s))));
  }
}
