/** AvgPool2d: the mean of each window over (N, C, H, W), PyTorch's nn.AvgPool2d. */
import type { Tensor } from '../../tensor/tensor.js';
import { avgPool2d } from '../../ops/composite/index.js';
import { Module } from '../module.js';
import { inputError, pyTuple } from './support.js';

type Pair = number | readonly [number, number];

export interface AvgPool2dLayerOptions {
  /** Default: the kernel size. */
  stride?: Pair;
  padding?: Pair;
  ceilMode?: boolean;
  /** Count the zero padding in the divisor (default true). */
  countIncludePad?: boolean;
  /** Divide every window by this instead. */
  divisorOverride?: number;
}

/**
 * x: (N, C, H, W) or (C, H, W) -> (N, C, H_out, W_out). No parameters.
 * @example new AvgPool2d(2).call(ones([1, 1, 4, 4])).shape // [1, 1, 2, 2]
 */
export class AvgPool2d extends Module {
  readonly kernelSize: Pair;
  readonly stride: Pair;
  readonly padding: Pair;
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | undefined;

  constructor(kernelSize: Pair, opts: AvgPool2dLayerOptions = {}) {
    super();
    this.kernelSize = kernelSize;
    this.stride = opts.stride ?? kernelSize;
    this.padding = opts.padding ?? 0;
    this.ceilMode = opts.ceilMode ?? false;
    this.countIncludePad = opts.countIncludePad ?? true;
    this.divisorOverride = opts.divisorOverride;
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 3 && x.ndim !== 4) throw inputError('AvgPool2d', '[N, C, H, W] or [C, H, W]', x);
    return avgPool2d(x, this.kernelSize, {
      stride: this.stride, padding: this.padding, ceilMode: this.ceilMode, countIncludePad: this.countIncludePad,
      ...(this.divisorOverride !== undefined ? { divisorOverride: this.divisorOverride } : {}),
    });
  }

  protected override extraRepr(): string {
    return `kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}, padding=${pyTuple(this.padding)}`;
  }
}
