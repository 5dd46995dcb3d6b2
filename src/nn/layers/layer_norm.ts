/** LayerNorm: normalisation over each sample's trailing dims, PyTorch's nn.LayerNorm. */
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import type { Parameter } from '../parameter.js';
import { ones as fillOnes } from '../init.js';
import { layerNorm } from '../functional/layer_norm.js';
import { type LayerOptions, checkInt, inputError, param, pyBool, pyFloat, pyTuple } from './support.js';

export interface LayerNormOptions extends LayerOptions {
  eps?: number;
  /** Learn an elementwise scale (and shift) of the normalized shape (default true). */
  elementwiseAffine?: boolean;
  /** With elementwiseAffine, also learn the shift (default true). */
  bias?: boolean;
}

/**
 * x: (*, ...normalizedShape) -> same shape. weight (ones) and bias (zeros): normalizedShape.
 * @example new LayerNorm(4).call(randn([2, 4])).mean(-1).abs().amax().item() < 1e-6 // true
 */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(normalizedShape: number | readonly number[], opts: LayerNormOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.normalizedShape.forEach((s) => checkInt('LayerNorm', 'normalizedShape', s));
    this.eps = opts.eps ?? 1e-5;
    this.elementwiseAffine = opts.elementwiseAffine ?? true;
    this.weight = this.elementwiseAffine ? param(this.normalizedShape, opts) : null;
    if (this.weight) fillOnes(this.weight);
    this.bias = this.elementwiseAffine && (opts.bias ?? true) ? param(this.normalizedShape, opts) : null;
  }

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length;
    if (x.ndim < k || x.shape.slice(x.ndim - k).some((s, i) => s !== this.normalizedShape[i])) {
      throw inputError('LayerNorm', `[*, ${this.normalizedShape.join(', ')}]`, x);
    }
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  protected override extraRepr(): string {
    return `${pyTuple(this.normalizedShape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwiseAffine)}`;
  }
}
