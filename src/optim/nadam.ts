/**
 * NAdam, step for step PyTorch 1.13's torch.optim.NAdam: Adam with Nesterov momentum and the
 * momentum schedule μₜ = β₁(1 − ½·0.96^(t·momentumDecay)), L2 weight decay. PyTorch 1.13's NAdam
 * has no maximize, so neither does this.
 */
import type { Tensor } from '../tensor/tensor.js';
import { add, div, mul, sqrt } from '../ops/primitives/index.js';
import { zerosLike } from '../tensor/create.js';
import { assign_ } from '../nn/parameter.js';
import { Optimizer, buffer, checkBetas, checkRange, type FloatArray, type OptimizerOptions, type ParamsInput, type Round } from './optimizer.js';

/** NAdam's options (defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, momentumDecay 4e-3). */
export interface NAdamOptions extends OptimizerOptions {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  /** ψ in μₜ = β₁(1 − ½·0.96^(t·ψ)). */
  momentumDecay: number;
}

/** NAdam's per-parameter state: muProduct is Π μᵢ so far. */
export type NAdamState = { step: number; muProduct: number; expAvg: Tensor; expAvgSq: Tensor };

/**
 * NAdam: Adam whose step mixes the current gradient and the momentum with the scheduled μₜ, μₜ₊₁.
 * @example
 * const w = new Parameter(tensor([1, -2]));
 * const opt = new NAdam([w], { lr: 0.1 });
 * w.mul(w).sum().backward();
 * opt.step();   // lr against the sign (the gradient's share), plus 0.005 from the momentum's
 * w.toArray() // [0.895047, -1.895047]
 */
export class NAdam extends Optimizer<NAdamOptions, NAdamState> {
  constructor(params: ParamsInput<NAdamOptions>, options: Partial<NAdamOptions> = {}) {
    super(params, { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3, ...options });
  }

  protected override get name(): string {
    return 'NAdam';
  }

  protected override validate(o: NAdamOptions): void {
    checkRange('NAdam', 'learning rate', o.lr, 0);
    checkRange('NAdam', 'eps', o.eps, 0);
    checkBetas('NAdam', o.betas);
    checkRange('NAdam', 'weightDecay', o.weightDecay, 0);
    checkRange('NAdam', 'momentumDecay', o.momentumDecay, 0);
  }

  protected override initState(p: Tensor): NAdamState {
    return { step: 0, muProduct: 1, expAvg: zerosLike(p), expAvgSq: zerosLike(p) };
  }

  /** Advances step and muProduct; returns the two step sizes (for g and for m) and bias correction 2. */
  private schedule(s: NAdamState, o: NAdamOptions): [number, number, number] {
    const beta1 = o.betas[0];
    s.step += 1;
    const mu = beta1 * (1 - 0.5 * 0.96 ** (s.step * o.momentumDecay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((s.step + 1) * o.momentumDecay));
    // NOTE: PyTorch keeps mu_product in a float32 tensor whatever the parameter's dtype, and
    // 1.13 computes mu_product_next from the already-updated product times mu again (μ counted
    // twice; later versions drop the extra μ). Both are kept here for parity.
    s.muProduct = Math.fround(s.muProduct * Math.fround(mu));
    const muProductNext = Math.fround(Math.fround(s.muProduct * Math.fround(mu)) * Math.fround(muNext));
    return [(-o.lr * (1 - mu)) / (1 - s.muProduct), (-o.lr * muNext) / (1 - muProductNext), 1 - o.betas[1] ** s.step];
  }

  protected override update(p: Tensor, grad: Tensor, s: NAdamState, o: NAdamOptions): void {
    const [beta1, beta2] = o.betas;
    const [stepG, stepM, bc2] = this.schedule(s, o);
    const g = o.weightDecay !== 0 ? add(grad, mul(p, o.weightDecay)) : grad;
    const m = assign_(s.expAvg, add(mul(s.expAvg, beta1), mul(g, 1 - beta1)));
    const v = assign_(s.expAvgSq, add(mul(s.expAvgSq, beta2), mul(mul(g, 1 - beta2), g)));
    const denom = add(sqrt(div(v, bc2)), o.eps);
    assign_(p, add(p, div(mul(g, stepG), denom)));
    assign_(p, add(p, div(mul(m, stepM), denom)));
  }

  protected override fusedUpdate(p: Tensor, w: FloatArray, grad: FloatArray, s: NAdamState, o: NAdamOptions, r: Round): void {
    const [beta1, beta2] = o.betas;
    const [stepG, stepM, bc2] = this.schedule(s, o).map(r) as [number, number, number];
    const wd = r(o.weightDecay), eps = r(o.eps), b1 = r(beta1), c1 = r(1 - beta1), b2 = r(beta2), c2 = r(1 - beta2);
    const m = buffer(s.expAvg), v = buffer(s.expAvgSq);
    for (let i = 0; i < w.length; i++) {
      let g = grad[i]!;
      if (o.weightDecay !== 0) g = r(g + r(w[i]! * wd));
      const mi = (m[i] = r(r(m[i]! * b1) + r(g * c1)));
      const vi = (v[i] = r(r(v[i]! * b2) + r(r(g * c2) * g)));
      const denom = r(r(Math.sqrt(r(vi / bc2))) + eps);
      const wi = r(w[i]! + r(r(g * stepG) / denom));
      w[i] = r(wi + r(r(mi * stepM) / denom));
    }
  }
}
