/** GroupNorm: normalisation over groups of channels per sample, PyTorch's nn.GroupNorm. */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import type { Parameter } from '../parameter.js';
import { ones as fillOnes } from '../init.js';
import { groupNorm } from '../functional/group_norm.js';
import { type LayerOptions, checkInt, inputError, param, pyBool, pyFloat } from './support.js';

export interface GroupNormOptions extends LayerOptions {
  eps?: number;
  /** Learn a per-channel scale and shift (default true). */
  affine?: boolean;
}

/**
 * x: (N, numChannels, *) -> same shape; numChannels divisible by numGroups.
 * @example new GroupNorm(2, 4).call(randn([3, 4, 5])).shape // [3, 4, 5]
 */
export class GroupNorm extends Module {
  readonly numGroups: number;
  readonly numChannels: number;
  readonly eps: number;
  readonly affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(numGroups: number, numChannels: number, opts: GroupNormOptions = {}) {
    super();
    this.numGroups = checkInt('GroupNorm', 'numGroups', numGroups);
    this.numChannels = checkInt('GroupNorm', 'numChannels', numChannels);
    if (numChannels % numGroups) throw new ArgumentError(`GroupNorm: numChannels (${numChannels}) must be divisible by numGroups (${numGroups})`);
    this.eps = opts.eps ?? 1e-5;
    this.affine = opts.affine ?? true;
    this.weight = this.affine ? param([numChannels], opts) : null;
    if (this.weight) fillOnes(this.weight);
    this.bias = this.affine ? param([numChannels], opts) : null;
  }

  forward(x: Tensor): Tensor {
    if (x.ndim < 2 || x.shape[1] !== this.numChannels) throw inputError('GroupNorm', `[N, ${this.numChannels}, *]`, x);
    return groupNorm(x, this.numGroups, this.weight, this.bias, this.eps);
  }

  protected override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${pyBool(this.affine)}`;
  }
}
