/** MaxPool1d: the largest value of each window over (N, C, L), PyTorch's nn.MaxPool1d. */
import type { Tensor } from '../../tensor/tensor.js';
import { maxPool1d } from '../../ops/composite/index.js';
import { MaxPoolNd, type MaxPoolNdOptions } from './pool_nd.js';
import { inputError, pyBool } from './support.js';

export type MaxPool1dLayerOptions = MaxPoolNdOptions<number>;

/**
 * x: (N, C, L) or (C, L) -> (N, C, L_out). No parameters.
 * @example new MaxPool1d(2).call(tensor([[[1, 3, 2, 0]]])).toArray() // [[[3, 2]]]
 */
export class MaxPool1d extends MaxPoolNd<number> {
  constructor(kernelSize: number, opts: MaxPool1dLayerOptions = {}) {
    super(kernelSize, opts);
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 2 && x.ndim !== 3) throw inputError('MaxPool1d', '[N, C, L] or [C, L]', x);
    return maxPool1d(x, this.kernelSize, { stride: this.stride, padding: this.padding, dilation: this.dilation, ceilMode: this.ceilMode });
  }

  protected override extraRepr(): string {
    return `kernel_size=${this.kernelSize}, stride=${this.stride}, padding=${this.padding}, dilation=${this.dilation}, ceil_mode=${pyBool(this.ceilMode)}`;
  }
}
