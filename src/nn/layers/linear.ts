/** Linear: the fully connected layer, PyTorch's nn.Linear (weight stored [out, in]). */
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import type { Parameter } from '../parameter.js';
import { linear, linearRelu } from '../functional/linear.js';
import { type LayerOptions, checkInt, defaultInit, inputError, param, pyBool } from './support.js';

export interface LinearOptions extends LayerOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
}

/**
 * y = x·Wᵀ + b. x: (*, inFeatures) -> (*, outFeatures). weight: [out, in], bias: [out], both
 * U(±1/√in) initially (PyTorch's kaiming_uniform(a=√5) default).
 * @example new Linear(4, 8).call(ones([2, 4])).shape // [2, 8]
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, opts: LinearOptions = {}) {
    super();
    this.inFeatures = checkInt('Linear', 'inFeatures', inFeatures, 0);
    this.outFeatures = checkInt('Linear', 'outFeatures', outFeatures, 0);
    this.weight = param([outFeatures, inFeatures], opts);
    this.bias = (opts.bias ?? true) ? param([outFeatures], opts) : null;
    defaultInit(this.weight, this.bias, opts);
  }

  forward(x: Tensor): Tensor {
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== this.inFeatures) throw inputError('Linear', `[*, ${this.inFeatures}]`, x);
    return linear(x, this.weight, this.bias);
  }

  /** relu(forward(x)) as one op (linearRelu): what Sequential runs for this layer and a ReLU after it. */
  forwardRelu(x: Tensor): Tensor {
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== this.inFeatures) throw inputError('Linear', `[*, ${this.inFeatures}]`, x);
    return linearRelu(x, this.weight, this.bias);
  }

  protected override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}
