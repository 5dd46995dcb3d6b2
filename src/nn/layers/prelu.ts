/** PReLU: leaky ReLU with a learnable slope (one, or one per channel), PyTorch's nn.PReLU. */
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import type { Parameter } from '../parameter.js';
import { constant } from '../init.js';
import { prelu } from '../functional/prelu.js';
import { type LayerOptions, checkInt, inputError, param } from './support.js';

/**
 * x: (N, numSlopes, *) or any shape when numSlopes is 1 -> same shape.
 * weight: [numSlopes], all `init` (0.25) initially.
 * @example new PReLU().call(tensor([-4, 4])).toArray() // [-1, 4]
 */
export class PReLU extends Module {
  readonly numSlopes: number;
  weight: Parameter;

  constructor(numSlopes = 1, init = 0.25, opts: Omit<LayerOptions, 'generator'> = {}) {
    super();
    this.numSlopes = checkInt('PReLU', 'numParameters', numSlopes);
    this.weight = param([numSlopes], opts);
    constant(this.weight, init);
  }

  forward(x: Tensor): Tensor {
    if (this.numSlopes !== 1 && (x.ndim < 2 || x.shape[1] !== this.numSlopes)) {
      throw inputError('PReLU', `[N, ${this.numSlopes}, *]`, x);
    }
    return prelu(x, this.weight);
  }

  protected override extraRepr(): string {
    return `num_parameters=${this.numSlopes}`;
  }
}
