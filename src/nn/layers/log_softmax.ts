/** LogSoftmax: log softmax along `dim`, computed stably, as a module (PyTorch's nn.LogSoftmax). */
import type { Tensor } from '../../tensor/tensor.js';
import { logSoftmax } from '../../ops/composite/index.js';
import { Module } from '../module.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new LogSoftmax(0).call(zeros([2])).toArray() // [-0.6931472, -0.6931472]
 */
export class LogSoftmax extends Module {
  constructor(readonly dim: number) {
    super();
  }

  forward(x: Tensor): Tensor {
    return logSoftmax(x, this.dim);
  }

  protected override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
