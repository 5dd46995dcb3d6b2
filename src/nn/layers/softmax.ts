/** Softmax: e^(x_i) / Σ_j e^(x_j) along `dim`, as a module (PyTorch's nn.Softmax). */
import type { Tensor } from '../../tensor/tensor.js';
import { softmax } from '../../ops/composite/index.js';
import { Module } from '../module.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new Softmax(1).call(zeros([1, 4])).toArray() // [[0.25, 0.25, 0.25, 0.25]]
 */
export class Softmax extends Module {
  constructor(readonly dim: number) {
    super();
  }

  forward(x: Tensor): Tensor {
    return softmax(x, this.dim);
  }

  protected override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
