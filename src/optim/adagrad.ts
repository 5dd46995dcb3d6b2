/**
 * Adagrad, step for step PyTorch 1.13's torch.optim.Adagrad (dense gradients): a running sum of
 * g², per-step lr decay lr/(1 + (t−1)·lrDecay), L2 weight decay and maximize. Sparse gradients
 * do not exist in Myelin.
 */
import type { Tensor } from '../tensor/tensor.js';
import { add, div, mul, neg, sqrt } from '../ops/primitives/index.js';
import { fullLike } from '../tensor/create.js';
import { assign_ } from '../nn/parameter.js';
import { Optimizer, buffer, checkRange, type FloatArray, type OptimizerOptions, type ParamsInput, type Round } from './optimizer.js';

/** Adagrad's options (defaults: lr 1e-2, eps 1e-10, the rest 0/false). */
export interface AdagradOptions extends OptimizerOptions {
  /** The lr at step t is lr/(1 + (t−1)·lrDecay). */
  lrDecay: number;
  weightDecay: number;
  /** Starting value of the sum of squares. */
  initialAccumulatorValue: number;
  eps: number;
  maximize: boolean;
}

/** Adagrad's per-parameter state. */
export type AdagradState = { step: number; sum: Tensor };

/**
 * Adagrad: s ← s + g², w ← w − lr_t·g/(√s + eps).
 * @example
 * const w = new Parameter(tensor([1, -2]));
 * const opt = new Adagrad([w], { lr: 0.5 });
 * w.mul(w).sum().backward();
 * opt.step();   // s = g², so the first step is lr against the sign
 * w.toArray() // [0.5, -1.5]
 */
export class Adagrad extends Optimizer<AdagradOptions, AdagradState> {
  constructor(params: ParamsInput<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super(params, { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false, ...options });
  }

  protected override get name(): string {
    return 'Adagrad';
  }

  protected override validate(o: AdagradOptions): void {
    checkRange('Adagrad', 'learning rate', o.lr, 0);
    checkRange('Adagrad', 'lrDecay', o.lrDecay, 0);
    checkRange('Adagrad', 'weightDecay', o.weightDecay, 0);
    checkRange('Adagrad', 'initialAccumulatorValue', o.initialAccumulatorValue, 0);
    checkRange('Adagrad', 'eps', o.eps, 0);
  }

  protected override initState(p: Tensor, o: AdagradOptions): AdagradState {
    return { step: 0, sum: fullLike(p, o.initialAccumulatorValue) };
  }

  protected override update(p: Tensor, grad: Tensor, s: AdagradState, o: AdagradOptions): void {
    s.step += 1;
    let g = o.maximize ? neg(grad) : grad;
    if (o.weightDecay !== 0) g = add(g, mul(p, o.weightDecay));
    const clr = o.lr / (1 + (s.step - 1) * o.lrDecay);
    const sum = assign_(s.sum, add(s.sum, mul(g, g)));
    assign_(p, add(p, div(mul(g, -clr), add(sqrt(sum), o.eps))));
  }

  protected override fusedUpdate(p: Tensor, w: FloatArray, grad: FloatArray, s: AdagradState, o: AdagradOptions, r: Round): void {
    s.step += 1;
    const wd = r(o.weightDecay), eps = r(o.eps), negClr = r(-(o.lr / (1 + (s.step - 1) * o.lrDecay)));
    const sum = buffer(s.sum);
    for (let i = 0; i < w.length; i++) {
      let g = o.maximize ? -grad[i]! : grad[i]!;
      if (o.weightDecay !== 0) g = r(g + r(w[i]! * wd));
      const si = (sum[i] = r(sum[i]! + r(g * g)));
      w[i] = r(w[i]! + r(r(g * negClr) / r(r(Math.sqrt(si)) + eps)));
    }
  }
}
