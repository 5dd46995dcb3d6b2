/**
 * Adam (and, through `decoupledDecay`, AdamW's update), step for step PyTorch 1.13's
 * torch.optim.Adam: bias-corrected first and second moments, optional AMSGrad (the running
 * maximum of the second moment), L2 weight decay added to the gradient, maximize.
 */
import type { Tensor } from '../tensor/tensor.js';
import { add, div, maximum, mul, neg, sqrt } from '../ops/primitives/index.js';
import { zerosLike } from '../tensor/create.js';
import { ADAM_FLAGS, allF32, nativeSteps } from './native.js';
import { assign_ } from '../nn/parameter.js';
import { Optimizer, buffer, checkBetas, checkRange, type FloatArray, type OptimizerOptions, type ParamsInput, type Round } from './optimizer.js';

/** Adam's options (defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0). */
export interface AdamOptions extends OptimizerOptions {
  /** Decay rates of the first and second moment averages. */
  betas: [number, number];
  /** Added to the denominator √v̂ for stability. */
  eps: number;
  /** Adam: L2 penalty added to the gradient. AdamW: decoupled decay w ← w·(1 − lr·wd). */
  weightDecay: number;
  /** Normalise by the running maximum of the second moment (AMSGrad). */
  amsgrad: boolean;
  maximize: boolean;
}

/** Adam's per-parameter state. */
export type AdamState = { step: number; expAvg: Tensor; expAvgSq: Tensor; maxExpAvgSq?: Tensor };

/**
 * Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + eps).
 * @example
 * const w = new Parameter(tensor([1, -2]));
 * const opt = new Adam([w], { lr: 0.1 });
 * w.mul(w).sum().backward();
 * opt.step();   // the first step moves each weight by lr against its gradient's sign
 * w.toArray() // [0.9, -1.9]
 */
export class Adam extends Optimizer<AdamOptions, AdamState> {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, ...options });
  }

  protected override get name(): string {
    return 'Adam';
  }

  /** True for AdamW: weight decay scales the weights instead of adding to the gradient. */
  protected get decoupledDecay(): boolean {
    return false;
  }

  protected override validate(o: AdamOptions): void {
    checkRange(this.name, 'learning rate', o.lr, 0);
    checkRange(this.name, 'eps', o.eps, 0);
    checkBetas(this.name, o.betas);
    checkRange(this.name, 'weightDecay', o.weightDecay, 0);
  }

  protected override initState(p: Tensor, o: AdamOptions): AdamState {
    const s: AdamState = { step: 0, expAvg: zerosLike(p), expAvgSq: zerosLike(p) };
    if (o.amsgrad) s.maxExpAvgSq = zerosLike(p);
    return s;
  }

  protected override update(p: Tensor, grad: Tensor, s: AdamState, o: AdamOptions): void {
    const [beta1, beta2] = o.betas;
    s.step += 1;
    let g = o.maximize ? neg(grad) : grad;
    if (this.decoupledDecay) assign_(p, mul(p, 1 - o.lr * o.weightDecay));
    else if (o.weightDecay !== 0) g = add(g, mul(p, o.weightDecay));
    assign_(s.expAvg, add(mul(s.expAvg, beta1), mul(g, 1 - beta1)));
    assign_(s.expAvgSq, add(mul(s.expAvgSq, beta2), mul(mul(g, 1 - beta2), g)));
    const stepSize = o.lr / (1 - beta1 ** s.step);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** s.step);
    const v = s.maxExpAvgSq ? assign_(s.maxExpAvgSq, maximum(s.maxExpAvgSq, s.expAvgSq)) : s.expAvgSq;
    const denom = add(div(sqrt(v), bc2Sqrt), o.eps);
    assign_(p, add(p, div(mul(s.expAvg, -stepSize), denom)));
  }

  protected override fusedUpdate(p: Tensor, w: FloatArray, grad: FloatArray, s: AdamState, o: AdamOptions, r: Round): void {
    const [beta1, beta2] = o.betas;
    s.step += 1;
    const isDecoupled = this.decoupledDecay, isL2 = !isDecoupled && o.weightDecay !== 0, isMax = o.maximize;
    const decay = r(1 - o.lr * o.weightDecay), wd = r(o.weightDecay), eps = r(o.eps);
    const b1 = r(beta1), c1 = r(1 - beta1), b2 = r(beta2), c2 = r(1 - beta2);
    const negStep = r(-(o.lr / (1 - beta1 ** s.step))), bc2Sqrt = r(Math.sqrt(1 - beta2 ** s.step));
    const m = buffer(s.expAvg), v = buffer(s.expAvgSq), vMax = s.maxExpAvgSq && buffer(s.maxExpAvgSq);
    const nat = r === Math.fround && w instanceof Float32Array && allF32(w.length, grad, m, v, vMax) ? nativeSteps() : undefined;
    if (nat) {
      const f = ADAM_FLAGS;
      const flags = (isMax ? f.maximize : 0) | (isDecoupled ? f.decoupled : 0) | (isL2 ? f.l2 : 0) | (vMax ? f.amsgrad : 0);
      nat.adamUpdate(w as Float32Array, grad as Float32Array, m as Float32Array, v as Float32Array, (vMax as Float32Array | undefined) ?? null, decay, wd, b1, c1, b2, c2, negStep, bc2Sqrt, eps, flags);
      return;
    }
    for (let i = 0; i < w.length; i++) {
      let g = isMax ? -grad[i]! : grad[i]!;
      if (isDecoupled) w[i] = r(w[i]! * decay);
      else if (isL2) g = r(g + r(w[i]! * wd));
      const mi = (m[i] = r(r(m[i]! * b1) + r(g * c1)));
      let vi = (v[i] = r(r(v[i]! * b2) + r(r(g * c2) * g)));
      if (vMax) vi = vMax[i] = Math.max(vMax[i]!, vi);
      const denom = r(r(r(Math.sqrt(vi)) / bc2Sqrt) + eps);
      w[i] = r(w[i]! + r(r(mi * negStep) / denom));
    }
  }
}
