/** AvgPool2d: the mean of each window over (N, C, H, W), PyTorch's nn.AvgPool2d. */
import type { Tensor } from '../../tensor/tensor.js';
import { avgPool2d } from '../../ops/composite/index.js';
import { AvgPoolNd, type AvgPoolNdOptions } from './pool_nd.js';
import { inputError, pyTuple } from './support.js';

type Pair = number | readonly [number, number];

export interface AvgPool2dLayerOptions extends AvgPoolNdOptions<Pair> {
  /** Divide every window by this instead. */
  divisorOverride?: number;
}

/**
 * x: (N, C, H, W) or (C, H, W) -> (N, C, H_out, W_out). No parameters.
 * @example new AvgPool2d(2).call(ones([1, 1, 4, 4])).shape // [1, 1, 2, 2]
 */
export class AvgPool2d extends AvgPoolNd<Pair> {
  readonly divisorOverride: number | undefined;

  constructor(kernelSize: Pair, opts: AvgPool2dLayerOptions = {}) {
    super(kernelSize, opts);
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
