/** Softplus: log(1 + e^(βx))/β, linear above the threshold, as a module (PyTorch's nn.Softplus). */
import type { Tensor } from '../../tensor/tensor.js';
import { softplus } from '../../ops/composite/index.js';
import { Module } from '../module.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new Softplus().call(tensor([0])).toArray() // [0.6931472]
 */
export class Softplus extends Module {
  constructor(readonly beta = 1, readonly threshold = 20) {
    super();
  }

  forward(x: Tensor): Tensor {
    return softplus(x, this.beta, this.threshold);
  }

  protected override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}
