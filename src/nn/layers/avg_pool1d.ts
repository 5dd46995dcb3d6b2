/** AvgPool1d: the mean of each window over (N, C, L), PyTorch's nn.AvgPool1d. */
import type { Tensor } from '../../tensor/tensor.js';
import { avgPool1d } from '../../ops/composite/index.js';
import { AvgPoolNd, type AvgPoolNdOptions } from './pool_nd.js';
import { inputError, pyTuple } from './support.js';

export type AvgPool1dLayerOptions = AvgPoolNdOptions<number>;

/**
 * x: (N, C, L) or (C, L) -> (N, C, L_out). No parameters.
 * @example new AvgPool1d(2).call(tensor([[[1, 3, 2, 0]]])).toArray() // [[[2, 1]]]
 */
export class AvgPool1d extends AvgPoolNd<number> {
  constructor(kernelSize: number, opts: AvgPool1dLayerOptions = {}) {
    super(kernelSize, opts);
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 2 && x.ndim !== 3) throw inputError('AvgPool1d', '[N, C, L] or [C, L]', x);
    return avgPool1d(x, this.kernelSize, { stride: this.stride, padding: this.padding, ceilMode: this.ceilMode, countIncludePad: this.countIncludePad });
  }

  // NOTE: PyTorch's AvgPool1d stores its sizes as 1-tuples, so its repr shows (3,)
  protected override extraRepr(): string {
    return `kernel_size=${pyTuple([this.kernelSize])}, stride=${pyTuple([this.stride])}, padding=${pyTuple([this.padding])}`;
  }
}
