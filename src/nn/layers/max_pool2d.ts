/** MaxPool2d: the largest value of each window over (N, C, H, W), PyTorch's nn.MaxPool2d. */
import type { Tensor } from '../../tensor/tensor.js';
import { maxPool2d } from '../../ops/composite/index.js';
import { MaxPoolNd, type MaxPoolNdOptions } from './pool_nd.js';
import { inputError, pyBool, pyTuple } from './support.js';

type Pair = number | readonly [number, number];

export type MaxPool2dLayerOptions = MaxPoolNdOptions<Pair>;

/**
 * x: (N, C, H, W) or (C, H, W) -> (N, C, H_out, W_out). No parameters.
 * @example new MaxPool2d(2).call(arange(16).reshape(1, 1, 4, 4)).toArray() // [[[[5, 7], [13, 15]]]]
 */
export class MaxPool2d extends MaxPoolNd<Pair> {
  constructor(kernelSize: Pair, opts: MaxPool2dLayerOptions = {}) {
    super(kernelSize, opts);
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 3 && x.ndim !== 4) throw inputError('MaxPool2d', '[N, C, H, W] or [C, H, W]', x);
    return maxPool2d(x, this.kernelSize, { stride: this.stride, padding: this.padding, dilation: this.dilation, ceilMode: this.ceilMode });
  }

  protected override extraRepr(): string {
    return `kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}, padding=${pyTuple(this.padding)}, ` +
      `dilation=${pyTuple(this.dilation)}, ceil_mode=${pyBool(this.ceilMode)}`;
  }
}
