/** Conv1d: 1-d convolution layer over (N, C, L), PyTorch's nn.Conv1d. */
import type { Tensor } from '../../tensor/tensor.js';
import { conv1d, pad } from '../../ops/composite/index.js';
import { ConvNd, type ConvNdOptions } from './conv_nd.js';
import { inputError, modePads } from './support.js';

/** Conv1d's options: numbers (or 1-tuples). */
export type Conv1dLayerOptions = ConvNdOptions<number>;

/**
 * x: (N, inChannels, L) or (inChannels, L) -> (N, outChannels, L_out).
 * weight: [out, in/groups, k], bias: [out], both U(±1/√(in/groups·k)) initially.
 * @example new Conv1d(2, 4, 3).call(ones([1, 2, 10])).shape // [1, 4, 8]
 */
export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number, opts: Conv1dLayerOptions = {}) {
    super('Conv1d', 1, inChannels, outChannels, kernelSize, opts);
  }

  forward(x: Tensor): Tensor {
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[x.ndim - 2] !== this.inChannels) throw inputError('Conv1d', `[N, ${this.inChannels}, L]`, x);
    const conv = { stride: this.stride[0]!, dilation: this.dilation[0]!, groups: this.groups };
    if (this.paddingMode === 'zeros') {
      return conv1d(x, this.weight, this.bias, { ...conv, padding: typeof this.padding === 'string' ? this.padding : this.padding[0]! });
    }
    return conv1d(pad(x, modePads(this.padding, this.kernelSize, this.dilation), this.paddingMode), this.weight, this.bias, conv);
  }
}
