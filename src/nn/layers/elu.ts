/** ELU: x for x > 0, α(eˣ − 1) otherwise, as a module (PyTorch's nn.ELU). */
import type { Tensor } from '../../tensor/tensor.js';
import { elu } from '../../ops/composite/index.js';
import { Module } from '../module.js';
import { pyFloat } from './support.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new ELU().toString() // 'ELU(alpha=1.0)'
 */
export class ELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return elu(x, this.alpha);
  }

  protected override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}
