/**
 * RMSprop, step for step PyTorch 1.13's torch.optim.RMSprop: a running average of g², optionally
 * centered (minus the squared running mean of g), with optional momentum, L2 weight decay and
 * maximize. eps is added to the root (√v + eps), not inside it.
 */
import type { Tensor } from '../tensor/tensor.js';
import { add, div, mul, neg, sqrt, sub } from '../ops/primitives/index.js';
import { zerosLike } from '../tensor/create.js';
import { assign_ } from '../nn/parameter.js';
import { Optimizer, buffer, checkRange, type FloatArray, type OptimizerOptions, type ParamsInput, type Round } from './optimizer.js';

/** RMSprop's options (defaults: lr 1e-2, alpha 0.99, eps 1e-8, the rest 0/false). */
export interface RMSpropOptions extends OptimizerOptions {
  /** Smoothing constant of the running averages. */
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  /** Normalise by the estimated variance, v − (mean g)², instead of v. */
  centered: boolean;
  maximize: boolean;
}

/** RMSprop's per-parameter state (momentumBuffer when momentum > 0, gradAvg when centered). */
export type RMSpropState = { step: number; squareAvg: Tensor; momentumBuffer?: Tensor; gradAvg?: Tensor };

/**
 * RMSprop: v ← αv + (1−α)g², w ← w − lr·g/(√v + eps) (with momentum: b ← μb + g/(√v + eps),
 * w ← w − lr·b).
 * @example
 * const w = new Parameter(tensor([1, -2]));
 * const opt = new RMSprop([w], { lr: 0.01 });
 * w.mul(w).sum().backward();
 * opt.step();   // v = 0.01·g², so the step is lr·g/(0.1·|g|) = 0.1 against the sign
 * w.toArray() // [0.9, -1.9]
 */
export class RMSprop extends Optimizer<RMSpropOptions, RMSpropState> {
  constructor(params: ParamsInput<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super(params, { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false, ...options });
  }

  protected override get name(): string {
    return 'RMSprop';
  }

  protected override validate(o: RMSpropOptions): void {
    checkRange('RMSprop', 'learning rate', o.lr, 0);
    checkRange('RMSprop', 'eps', o.eps, 0);
    checkRange('RMSprop', 'momentum', o.momentum, 0);
    checkRange('RMSprop', 'weightDecay', o.weightDecay, 0);
    checkRange('RMSprop', 'alpha', o.alpha, 0);
  }

  protected override initState(p: Tensor, o: RMSpropOptions): RMSpropState {
    const s: RMSpropState = { step: 0, squareAvg: zerosLike(p) };
    this.ensureBuffers(p, s, o);
    return s;
  }

  /**
   * NOTE: momentum or centered switched on after the first step (a scheduler cycling momentum)
   * starts its buffer at zero here; PyTorch raises a KeyError instead.
   */
  private ensureBuffers(p: Tensor, s: RMSpropState, o: RMSpropOptions): void {
    if (o.momentum > 0) s.momentumBuffer ??= zerosLike(p);
    if (o.centered) s.gradAvg ??= zerosLike(p);
  }

  protected override update(p: Tensor, grad: Tensor, s: RMSpropState, o: RMSpropOptions): void {
    s.step += 1;
    this.ensureBuffers(p, s, o);
    let g = o.maximize ? neg(grad) : grad;
    if (o.weightDecay !== 0) g = add(g, mul(p, o.weightDecay));
    const v = assign_(s.squareAvg, add(mul(s.squareAvg, o.alpha), mul(mul(g, 1 - o.alpha), g)));
    let avg: Tensor;
    if (o.centered) {
      const mean = assign_(s.gradAvg!, add(mul(s.gradAvg!, o.alpha), mul(g, 1 - o.alpha)));
      avg = sqrt(sub(v, mul(mean, mean)));
    } else {
      avg = sqrt(v);
    }
    avg = add(avg, o.eps);
    if (o.momentum > 0) {
      const b = assign_(s.momentumBuffer!, add(mul(s.momentumBuffer!, o.momentum), div(g, avg)));
      assign_(p, add(p, mul(b, -o.lr)));
    } else {
      assign_(p, add(p, div(mul(g, -o.lr), avg)));
    }
  }

  protected override fusedUpdate(p: Tensor, w: FloatArray, grad: FloatArray, s: RMSpropState, o: RMSpropOptions, r: Round): void {
    s.step += 1;
    const wd = r(o.weightDecay), a = r(o.alpha), c = r(1 - o.alpha), eps = r(o.eps), mu = r(o.momentum), negLr = r(-o.lr);
    this.ensureBuffers(p, s, o);
    const v = buffer(s.squareAvg), mean = o.centered ? buffer(s.gradAvg!) : undefined, b = o.momentum > 0 ? buffer(s.momentumBuffer!) : undefined;
    for (let i = 0; i < w.length; i++) {
      let g = o.maximize ? -grad[i]! : grad[i]!;
      if (o.weightDecay !== 0) g = r(g + r(w[i]! * wd));
      const vi = (v[i] = r(r(v[i]! * a) + r(r(g * c) * g)));
      let avg: number;
      if (mean) {
        const mi = (mean[i] = r(r(mean[i]! * a) + r(g * c)));
        avg = r(Math.sqrt(r(vi - r(mi * mi))));
      } else {
        avg = r(Math.sqrt(vi));
      }
      avg = r(avg + eps);
      if (b) {
        const bi = (b[i] = r(r(b[i]! * mu) + r(g / avg)));
        w[i] = r(w[i]! + r(bi * negLr));
      } else {
        w[i] = r(w[i]! + r(r(g * negLr) / avg));
      }
    }
  }
}
