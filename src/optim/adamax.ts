/**
 * Adamax, step for step PyTorch 1.13's torch.optim.Adamax: Adam with the infinity norm, u ←
 * max(β₂u, |g| + eps) (eps inside the max, as PyTorch), L2 weight decay and maximize.
 */
import type { Tensor } from '../tensor/tensor.js';
import { abs, add, div, maximum, mul, neg } from '../ops/primitives/index.js';
import { zerosLike } from '../tensor/create.js';
import { assign_ } from '../nn/parameter.js';
import { Optimizer, buffer, checkBetas, checkRange, type FloatArray, type OptimizerOptions, type ParamsInput, type Round } from './optimizer.js';

/** Adamax's options (defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0). */
export interface AdamaxOptions extends OptimizerOptions {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

/** Adamax's per-parameter state: first moment and exponentially weighted infinity norm. */
export type AdamaxState = { step: number; expAvg: Tensor; expInf: Tensor };

/**
 * Adamax: m ← β₁m + (1−β₁)g, u ← max(β₂u, |g| + eps), w ← w − lr/(1−β₁ᵗ)·m/u.
 * @example
 * const w = new Parameter(tensor([1, -2]));
 * const opt = new Adamax([w], { lr: 0.1 });
 * w.mul(w).sum().backward();
 * opt.step();
 * w.toArray() // [0.9, -1.9]
 */
export class Adamax extends Optimizer<AdamaxOptions, AdamaxState> {
  constructor(params: ParamsInput<AdamaxOptions>, options: Partial<AdamaxOptions> = {}) {
    super(params, { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false, ...options });
  }

  protected override get name(): string {
    return 'Adamax';
  }

  protected override validate(o: AdamaxOptions): void {
    checkRange('Adamax', 'learning rate', o.lr, 0);
    checkRange('Adamax', 'eps', o.eps, 0);
    checkBetas('Adamax', o.betas);
    checkRange('Adamax', 'weightDecay', o.weightDecay, 0);
  }

  protected override initState(p: Tensor): AdamaxState {
    return { step: 0, expAvg: zerosLike(p), expInf: zerosLike(p) };
  }

  protected override update(p: Tensor, grad: Tensor, s: AdamaxState, o: AdamaxOptions): void {
    const [beta1, beta2] = o.betas;
    s.step += 1;
    let g = o.maximize ? neg(grad) : grad;
    if (o.weightDecay !== 0) g = add(g, mul(p, o.weightDecay));
    const m = assign_(s.expAvg, add(mul(s.expAvg, beta1), mul(g, 1 - beta1)));
    const u = assign_(s.expInf, maximum(mul(s.expInf, beta2), add(abs(g), o.eps)));
    const clr = o.lr / (1 - beta1 ** s.step);
    assign_(p, add(p, div(mul(m, -clr), u)));
  }

  protected override fusedUpdate(p: Tensor, w: FloatArray, grad: FloatArray, s: AdamaxState, o: AdamaxOptions, r: Round): void {
    const [beta1, beta2] = o.betas;
    s.step += 1;
    const wd = r(o.weightDecay), eps = r(o.eps), b1 = r(beta1), c1 = r(1 - beta1), b2 = r(beta2);
    const negClr = r(-(o.lr / (1 - beta1 ** s.step)));
    const m = buffer(s.expAvg), u = buffer(s.expInf);
    for (let i = 0; i < w.length; i++) {
      let g = o.maximize ? -grad[i]! : grad[i]!;
      if (o.weightDecay !== 0) g = r(g + r(w[i]! * wd));
      const mi = (m[i] = r(r(m[i]! * b1) + r(g * c1)));
      const ui = (u[i] = Math.max(r(u[i]! * b2), r(Math.abs(g) + eps)));
      w[i] = r(w[i]! + r(r(mi * negClr) / ui));
    }
  }
}
