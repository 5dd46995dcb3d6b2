/**
 * SGD: stochastic gradient descent with momentum, dampening, Nesterov momentum, L2 weight decay
 * (added to the gradient) and maximize, step for step PyTorch 1.13's torch.optim.SGD. The
 * momentum buffer starts as the first step's gradient (not zero), as in PyTorch.
 */
import type { Tensor } from '../tensor/tensor.js';
import { add, mul, neg } from '../ops/primitives/index.js';
import { cast } from '../ops/primitive.js';
import { zerosLike } from '../tensor/create.js';
import { assign_ } from '../nn/parameter.js';
import { Optimizer, buffer, checkRange, type FloatArray, type OptimizerOptions, type ParamsInput, type Round } from './optimizer.js';
import { ArgumentError } from '../errors.js';
import { SGD_FLAGS, allF32, nativeSteps } from './native.js';

/** SGD's options (PyTorch names in camelCase; all but lr default to 0/false). */
export interface SGDOptions extends OptimizerOptions {
  momentum: number;
  /** Scales the gradient's share of the momentum update by (1 − dampening). */
  dampening: number;
  /** L2 penalty: wd·w is added to the gradient. */
  weightDecay: number;
  nesterov: boolean;
  /** Ascend instead of descend. */
  maximize: boolean;
}

/** SGD's per-parameter state: the momentum buffer, made on the first step when momentum ≠ 0. */
export type SGDState = { momentumBuffer?: Tensor };

/**
 * Stochastic gradient descent: w ← w − lr·d, where d is the gradient, plus wd·w, folded into a
 * momentum buffer b ← μ·b + (1 − dampening)·d (Nesterov: d + μ·b, else b).
 * @example
 * const w = new Parameter(tensor([1, -2]));
 * const opt = new SGD([w], { lr: 0.1, momentum: 0.9 });
 * for (let i = 0; i < 2; i++) { opt.zeroGrad(); w.mul(w).sum().backward(); opt.step(); }
 * w.toArray() // [0.46, -0.92]
 */
export class SGD extends Optimizer<SGDOptions, SGDState> {
  constructor(params: ParamsInput<SGDOptions>, options: Partial<SGDOptions> & { lr: number }) {
    super(params, { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, ...options });
  }

  protected override get name(): string {
    return 'SGD';
  }

  protected override validate(o: SGDOptions): void {
    checkRange('SGD', 'learning rate', o.lr, 0);
    checkRange('SGD', 'momentum', o.momentum, 0);
    checkRange('SGD', 'weightDecay', o.weightDecay, 0);
    if (typeof o.dampening !== 'number') throw new ArgumentError(`SGD: invalid dampening ${String(o.dampening)}`);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) throw new ArgumentError('SGD: Nesterov momentum requires a momentum and zero dampening');
  }

  protected override initState(): SGDState {
    return {};
  }

  protected override update(p: Tensor, grad: Tensor, s: SGDState, o: SGDOptions): void {
    let d = o.maximize ? neg(grad) : grad;
    if (o.weightDecay !== 0) d = add(d, mul(p, o.weightDecay));
    if (o.momentum !== 0) {
      const b = s.momentumBuffer === undefined
        ? (s.momentumBuffer = cast(d, p.dtype, true))
        : assign_(s.momentumBuffer, add(mul(s.momentumBuffer, o.momentum), mul(d, 1 - o.dampening)));
      d = o.nesterov ? add(d, mul(b, o.momentum)) : b;
    }
    assign_(p, add(p, mul(d, -o.lr)));
  }

  protected override fusedUpdate(p: Tensor, w: FloatArray, grad: FloatArray, s: SGDState, o: SGDOptions, r: Round): void {
    const { momentum, nesterov, maximize } = o;
    const wd = r(o.weightDecay), mu = r(momentum), damp = r(1 - o.dampening), alpha = r(-o.lr);
    const isFirst = momentum !== 0 && s.momentumBuffer === undefined;
    const b = momentum !== 0 ? buffer((s.momentumBuffer ??= zerosLike(p))) : undefined;
    const nat = r === Math.fround && w instanceof Float32Array && allF32(w.length, grad, b) ? nativeSteps() : undefined;
    if (nat) {
      const f = SGD_FLAGS;
      const flags = (maximize ? f.maximize : 0) | (o.weightDecay !== 0 ? f.weightDecay : 0) | (b ? f.momentum : 0) | (isFirst ? f.first : 0) | (nesterov ? f.nesterov : 0);
      nat.sgdUpdate(w as Float32Array, grad as Float32Array, (b as Float32Array | undefined) ?? null, wd, mu, damp, alpha, flags);
      return;
    }
    for (let i = 0; i < w.length; i++) {
      let d = maximize ? -grad[i]! : grad[i]!;
      if (o.weightDecay !== 0) d = r(d + r(w[i]! * wd));
      if (b) {
        const bi = (b[i] = isFirst ? d : r(r(b[i]! * mu) + r(d * damp)));
        d = nesterov ? r(d + r(bi * mu)) : bi;
      }
      w[i] = r(w[i]! + r(d * alpha));
    }
  }
}
