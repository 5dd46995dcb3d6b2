/** Bilinear: y = x1ᵀ·A·x2 + b, PyTorch's nn.Bilinear. */
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import type { Parameter } from '../parameter.js';
import { uniform } from '../init.js';
import { bilinear } from '../functional/bilinear.js';
import { type LayerOptions, checkInt, inputError, param, pyBool } from './support.js';

export interface BilinearOptions extends LayerOptions {
  bias?: boolean;
}

/**
 * x1: (*, in1), x2: (*, in2) -> (*, out). weight: [out, in1, in2], bias: [out], both U(±1/√in1).
 * @example new Bilinear(2, 3, 4).call(ones([5, 2]), ones([5, 3])).shape // [5, 4]
 */
export class Bilinear extends Module {
  readonly in1Features: number;
  readonly in2Features: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(in1Features: number, in2Features: number, outFeatures: number, opts: BilinearOptions = {}) {
    super();
    this.in1Features = checkInt('Bilinear', 'in1Features', in1Features);
    this.in2Features = checkInt('Bilinear', 'in2Features', in2Features);
    this.outFeatures = checkInt('Bilinear', 'outFeatures', outFeatures, 0);
    this.weight = param([outFeatures, in1Features, in2Features], opts);
    this.bias = (opts.bias ?? true) ? param([outFeatures], opts) : null;
    const bound = 1 / Math.sqrt(in1Features);
    const g = opts.generator ? { generator: opts.generator } : {};
    uniform(this.weight, -bound, bound, g);
    if (this.bias) uniform(this.bias, -bound, bound, g);
  }

  forward(x1: Tensor, x2: Tensor): Tensor {
    if (x1.ndim < 1 || x1.shape[x1.ndim - 1] !== this.in1Features) throw inputError('Bilinear', `x1 [*, ${this.in1Features}]`, x1);
    if (x2.ndim !== x1.ndim || x2.shape[x2.ndim - 1] !== this.in2Features) throw inputError('Bilinear', `x2 [*, ${this.in2Features}]`, x2);
    return bilinear(x1, x2, this.weight, this.bias);
  }

  protected override extraRepr(): string {
    return `in1_features=${this.in1Features}, in2_features=${this.in2Features}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}
