/** GELU: x·Φ(x), exactly (erf) or with the tanh approximation, as a module (PyTorch's nn.GELU). */
import type { Tensor } from '../../tensor/tensor.js';
import { type GeluApproximate, gelu } from '../../ops/composite/index.js';
import { Module } from '../module.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new GELU('tanh').toString() // "GELU(approximate='tanh')"
 */
export class GELU extends Module {
  constructor(readonly approximate: GeluApproximate = 'none') {
    super();
  }

  forward(x: Tensor): Tensor {
    return gelu(x, this.approximate);
  }

  protected override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}
