/** LeakyReLU: x for x ≥ 0, negativeSlope·x otherwise, as a module (PyTorch's nn.LeakyReLU). */
import type { Tensor } from '../../tensor/tensor.js';
import { leakyRelu } from '../../ops/composite/index.js';
import { Module } from '../module.js';
import { pyFloat } from './support.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new LeakyReLU(0.1).call(tensor([-1, 2])).toArray() // [-0.1, 2]
 */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }

  forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }

  protected override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}`;
  }
}
