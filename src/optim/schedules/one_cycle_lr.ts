/**
 * OneCycleLR (PyTorch 1.13): the 1cycle policy. The lr rises from maxLr/divFactor to maxLr over
 * the first pctStart of the steps, then falls to initial/finalDivFactor (three-phase: back to the
 * initial lr first, then down); momentum (SGD's momentum or Adam's beta1) moves inversely between
 * maxMomentum and baseMomentum. Defined per step: stepping past totalSteps throws.
 */
import { ArgumentError } from '../../errors.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr_scheduler.js';

/** OneCycleLR's options; give totalSteps, or epochs and stepsPerEpoch. */
export interface OneCycleLROptions {
  /** Peak lr, for every group or one per group. */
  maxLr: number | number[];
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the steps spent rising (default 0.3). */
  pctStart?: number;
  /** 'cos' (default) or 'linear'. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle the momentum (or beta1) inversely to the lr (default true). */
  cycleMomentum?: boolean;
  baseMomentum?: number | number[];
  maxMomentum?: number | number[];
  /** initial lr = maxLr/divFactor (default 25). */
  divFactor?: number;
  /** final lr = initial lr/finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** Rise, fall back to the initial lr, then anneal to the final lr (default false). */
  threePhase?: boolean;
}

type Level = 'initial' | 'max' | 'min';
interface Phase {
  end: number;
  lr: [Level, Level];
  momentum: ['max' | 'base', 'max' | 'base'];
}

/**
 * The 1cycle learning-rate (and momentum) policy.
 * @example
 * const opt = new SGD([new Parameter(ones([1]))], { lr: 0.1, momentum: 0.9 });
 * const sched = new OneCycleLR(opt, { maxLr: 1, totalSteps: 10 });
 * const start = sched.getLastLr()[0];
 * for (let i = 0; i < 2; i++) { opt.step(); sched.step(); }
 * [start, sched.getLastLr()[0], opt.paramGroups[0].momentum] // [0.04, 1, 0.85]
 */
export class OneCycleLR extends LRScheduler {
  readonly totalSteps: number;
  readonly pctStart: number;
  readonly annealStrategy: 'cos' | 'linear';
  readonly threePhase: boolean;
  readonly cycleMomentum: boolean;
  /** Whether momentum lives in betas[0] (Adam-like) rather than momentum (SGD-like). */
  readonly useBeta1: boolean;
  readonly maxLrs: number[];
  readonly minLrs: number[];
  readonly maxMomentums: number[];
  readonly baseMomentums: number[];

  constructor(optimizer: Optimizer, options: OneCycleLROptions) {
    super(optimizer, 'OneCycleLR');
    const o = options ?? ({} as OneCycleLROptions);
    const isPosInt = (v: number | undefined): v is number => Number.isInteger(v) && v! > 0;
    if (o.totalSteps !== undefined) {
      if (!isPosInt(o.totalSteps)) throw new ArgumentError(`OneCycleLR: totalSteps must be a positive integer, got ${o.totalSteps}`);
      this.totalSteps = o.totalSteps;
    } else if (o.epochs !== undefined || o.stepsPerEpoch !== undefined) {
      if (!isPosInt(o.epochs)) throw new ArgumentError(`OneCycleLR: epochs must be a positive integer, got ${o.epochs}`);
      if (!isPosInt(o.stepsPerEpoch)) throw new ArgumentError(`OneCycleLR: stepsPerEpoch must be a positive integer, got ${o.stepsPerEpoch}`);
      this.totalSteps = o.epochs * o.stepsPerEpoch;
    } else {
      throw new ArgumentError('OneCycleLR: give totalSteps, or epochs and stepsPerEpoch');
    }
    this.pctStart = o.pctStart ?? 0.3;
    if (!(this.pctStart >= 0 && this.pctStart <= 1)) throw new ArgumentError(`OneCycleLR: pctStart must be in [0, 1], got ${this.pctStart}`);
    this.annealStrategy = o.annealStrategy ?? 'cos';
    if (this.annealStrategy !== 'cos' && this.annealStrategy !== 'linear') throw new ArgumentError(`OneCycleLR: annealStrategy must be 'cos' or 'linear', got ${String(this.annealStrategy)}`);
    this.threePhase = o.threePhase ?? false;
    const divFactor = o.divFactor ?? 25;
    const finalDivFactor = o.finalDivFactor ?? 1e4;
    this.maxLrs = this.perGroup('maxLr', o.maxLr);
    this.groups.forEach((g, i) => (g.initialLr = this.maxLrs[i]! / divFactor));
    this.minLrs = this.groups.map((g) => g.initialLr! / finalDivFactor);
    this.baseLrs = this.groups.map((g) => g.initialLr!);
    this.cycleMomentum = o.cycleMomentum ?? true;
    const defaults = optimizer.defaults as { momentum?: number; betas?: [number, number] };
    if (this.cycleMomentum && defaults.momentum === undefined && defaults.betas === undefined) {
      throw new ArgumentError('OneCycleLR: the optimizer has no momentum or betas to cycle; pass cycleMomentum: false');
    }
    this.useBeta1 = defaults.betas !== undefined;
    this.maxMomentums = this.perGroup('maxMomentum', o.maxMomentum ?? 0.95);
    this.baseMomentums = this.perGroup('baseMomentum', o.baseMomentum ?? 0.85);
    if (this.cycleMomentum) this.groups.forEach((_, i) => this.setMomentum(i, this.maxMomentums[i]!));
    this.initialStep();
  }

  private perGroup(what: string, v: number | number[]): number[] {
    if (!Array.isArray(v)) return this.groups.map(() => v);
    if (v.length !== this.groups.length) throw new ArgumentError(`OneCycleLR: expected ${this.groups.length} values for ${what}, got ${v.length}`);
    return [...v];
  }

  private setMomentum(i: number, m: number): void {
    const g = this.groups[i]!;
    if (this.useBeta1) g.betas = [m, g.betas![1]];
    else g.momentum = m;
  }

  private phases(): Phase[] {
    const n = this.totalSteps, p = this.pctStart;
    if (!this.threePhase) {
      return [
        { end: p * n - 1, lr: ['initial', 'max'], momentum: ['max', 'base'] },
        { end: n - 1, lr: ['max', 'min'], momentum: ['base', 'max'] },
      ];
    }
    return [
      { end: p * n - 1, lr: ['initial', 'max'], momentum: ['max', 'base'] },
      { end: 2 * p * n - 2, lr: ['max', 'initial'], momentum: ['base', 'max'] },
      { end: n - 1, lr: ['initial', 'min'], momentum: ['max', 'max'] },
    ];
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.annealStrategy === 'linear') return (end - start) * pct + start;
    return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  }

  protected computeLr(): number[] {
    const t = this.lastEpoch;
    if (t > this.totalSteps) throw new ArgumentError(`OneCycleLR: tried to step ${t + 1} times; totalSteps is ${this.totalSteps}`);
    const phases = this.phases();
    return this.groups.map((g, i) => {
      const lrOf = (l: Level): number => (l === 'initial' ? g.initialLr! : l === 'max' ? this.maxLrs[i]! : this.minLrs[i]!);
      const momentumOf = (m: 'max' | 'base'): number => (m === 'max' ? this.maxMomentums[i]! : this.baseMomentums[i]!);
      let start = 0;
      for (const [j, phase] of phases.entries()) {
        if (t <= phase.end || j === phases.length - 1) {
          const pct = (t - start) / (phase.end - start);
          if (this.cycleMomentum) this.setMomentum(i, this.anneal(momentumOf(phase.momentum[0]), momentumOf(phase.momentum[1]), pct));
          return this.anneal(lrOf(phase.lr[0]), lrOf(phase.lr[1]), pct);
        }
        start = phase.end;
      }
      return g.lr;
    });
  }
}
