/**
 * AdamW: Adam with decoupled weight decay (Loshchilov & Hutter), PyTorch 1.13's
 * torch.optim.AdamW: the weights shrink by (1 − lr·wd) before the Adam step, and the gradient
 * carries no L2 term. The update itself is Adam's (adam.ts).
 */
import { Adam, type AdamOptions } from './adam.js';
import type { ParamsInput } from './optimizer.js';

/**
 * Adam with decoupled weight decay (default weightDecay 0.01): w ← w·(1 − lr·wd), then Adam.
 * @example
 * const w = new Parameter(tensor([1, -2]));
 * const opt = new AdamW([w], { lr: 0.1, weightDecay: 0.5 });
 * w.mul(w).sum().backward();
 * opt.step();   // w·(1 − 0.05), then ∓0.1
 * w.toArray() // [0.85, -1.8]
 */
export class AdamW extends Adam {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { weightDecay: 1e-2, ...options });
  }

  protected override get name(): string {
    return 'AdamW';
  }

  protected override get decoupledDecay(): boolean {
    return true;
  }
}
