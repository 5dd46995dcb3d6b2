/**
 * LRScheduler: the base of the epoch-indexed learning-rate schedules (PyTorch 1.13's
 * _LRScheduler, chainable form): each `step()` advances `lastEpoch` and sets every group's lr
 * from its current lr. Construction performs step 0. It does not support PyTorch's deprecated
 * `step(epoch)` nor `lastEpoch` resumption in the constructor: resume with `loadStateDict`.
 */
import { ArgumentError } from '../../errors.js';
import { Optimizer, type OptimizerOptions, type ParamGroup } from '../optimizer.js';

/** Values a scheduler's state dict holds: plain JSON. */
export type SchedulerStateValue = number | string | boolean | null | number[];

/** A scheduler's serialisable state (PyTorch: every attribute but the optimizer). */
export type SchedulerStateDict = Record<string, SchedulerStateValue>;

/** The options a schedule reads or writes on a group. */
export type SchedulableGroup = ParamGroup<OptimizerOptions> & { momentum?: number; betas?: [number, number] };

/** Checks `optimizer` is an Optimizer; returns its groups as the scheduler sees them. */
export function groupsOf(op: string, optimizer: Optimizer): SchedulableGroup[] {
  if (!(optimizer instanceof Optimizer)) throw new ArgumentError(`${op}: expected an Optimizer, got ${optimizer === null ? 'null' : typeof optimizer}`);
  return optimizer.paramGroups;
}

/** A copy of the scheduler's own fields except the optimizer (arrays copied). */
export function stateOf(scheduler: object): SchedulerStateDict {
  const out: SchedulerStateDict = {};
  for (const [k, v] of Object.entries(scheduler)) {
    if (k === 'optimizer' || typeof v === 'function') continue;
    out[k] = Array.isArray(v) ? [...(v as number[])] : (v as SchedulerStateValue);
  }
  return out;
}

/**
 * Base of the step-indexed schedules: a subclass supplies `computeLr()` (next lrs from the
 * current ones) and calls `initialStep()` at the end of its constructor.
 * @example
 * class Halve extends LRScheduler {
 *   constructor(opt: Optimizer) { super(opt, 'Halve'); this.initialStep(); }
 *   protected computeLr() { return this.optimizer.paramGroups.map((g) => (this.lastEpoch === 0 ? g.lr : g.lr / 2)); }
 * }
 * const opt = new SGD([new Parameter(ones([1]))], { lr: 1 });
 * const sched = new Halve(opt); sched.step(); sched.step();
 * sched.getLastLr() // [0.25]
 */
export abstract class LRScheduler {
  /** The lr each group started from (its `initialLr`). */
  baseLrs: number[];
  /** Steps taken; 0 right after construction. */
  lastEpoch = -1;
  /** Times `step()` ran, including the one in the constructor. */
  protected stepCount = 0;
  protected lastLr: number[] = [];

  constructor(readonly optimizer: Optimizer, op: string) {
    const groups = groupsOf(op, optimizer);
    for (const g of groups) g.initialLr ??= g.lr;
    this.baseLrs = groups.map((g) => g.initialLr!);
  }

  /** The groups' next lrs, from their current lrs (PyTorch's get_lr, chainable form). */
  protected abstract computeLr(): number[];

  protected get groups(): SchedulableGroup[] {
    return this.optimizer.paramGroups;
  }

  /**
   * Advances the schedule one step (call after `optimizer.step()`) and sets each group's lr.
   * @example
   * const opt = new SGD([new Parameter(ones([1]))], { lr: 1 });
   * const sched = new StepLR(opt, { stepSize: 2, gamma: 0.5 });
   * for (let i = 0; i < 4; i++) { opt.step(); sched.step(); }
   * opt.paramGroups[0]!.lr // 0.25
   */
  step(): void {
    this.stepCount += 1;
    this.lastEpoch += 1;
    const lrs = this.computeLr();
    this.groups.forEach((g, i) => (g.lr = lrs[i]!));
    this.lastLr = this.groups.map((g) => g.lr);
  }

  /**
   * The lrs the last step set, one per group.
   * @example
   * const opt = new SGD([new Parameter(ones([1]))], { lr: 0.1 });
   * new ExponentialLR(opt, { gamma: 0.5 }).getLastLr() // [0.1]
   */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /**
   * The schedule's state as plain JSON (every field but the optimizer, PyTorch's layout).
   * @example
   * const opt = new SGD([new Parameter(ones([1]))], { lr: 0.1 });
   * new StepLR(opt, { stepSize: 3 }).stateDict().lastEpoch // 0
   */
  stateDict(): SchedulerStateDict {
    return stateOf(this);
  }

  /**
   * Restores `stateDict()` output; with the optimizer's own state restored too, the schedule
   * continues exactly where it stopped.
   * @example
   * const opt = new SGD([new Parameter(ones([1]))], { lr: 0.1 });
   * const a = new StepLR(opt, { stepSize: 3 }); a.step(); a.step();
   * const b = new StepLR(opt, { stepSize: 3 }); b.loadStateDict(a.stateDict());
   * b.lastEpoch // 2
   */
  loadStateDict(state: SchedulerStateDict): void {
    if (state === null || typeof state !== 'object') throw new ArgumentError(`${this.constructor.name}.loadStateDict: expected an object`);
    Object.assign(this, stateOf(state));
  }

  /** Runs step 0; every subclass constructor ends with it (after its own fields are set). */
  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }
}
