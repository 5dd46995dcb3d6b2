/** AdaptiveAvgPool2d: average pooling to a fixed output size, PyTorch's nn.AdaptiveAvgPool2d. */
import type { Tensor } from '../../tensor/tensor.js';
import { adaptiveAvgPool2d } from '../../ops/composite/index.js';
import { Module } from '../module.js';
import { inputError, pyTuple } from './support.js';

type OutputSize = number | readonly [number | null, number | null];

/**
 * x: (N, C, H, W) or (C, H, W) -> (N, C, oh, ow); a null size keeps the input's.
 * @example new AdaptiveAvgPool2d(1).call(ones([2, 3, 5, 7])).shape // [2, 3, 1, 1]
 */
export class AdaptiveAvgPool2d extends Module {
  readonly outputSize: OutputSize;

  constructor(outputSize: OutputSize) {
    super();
    this.outputSize = outputSize;
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 3 && x.ndim !== 4) throw inputError('AdaptiveAvgPool2d', '[N, C, H, W] or [C, H, W]', x);
    return adaptiveAvgPool2d(x, this.outputSize);
  }

  protected override extraRepr(): string {
    return `output_size=${pyTuple(this.outputSize)}`;
  }
}
