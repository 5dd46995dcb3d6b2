/** Flatten: merges a range of dims into one, PyTorch's nn.Flatten (default: all but the batch dim). */
import type { Tensor } from '../../tensor/tensor.js';
import { flatten } from '../../ops/composite/index.js';
import { Module } from '../module.js';

/**
 * x: (N, *) -> (N, ∏*) with the defaults startDim 1, endDim −1.
 * @example new Flatten().call(ones([2, 3, 4])).shape // [2, 12]
 */
export class Flatten extends Module {
  constructor(readonly startDim = 1, readonly endDim = -1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }

  protected override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}
