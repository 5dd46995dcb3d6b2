/** Conv2d: 2-d convolution layer over (N, C, H, W), PyTorch's nn.Conv2d. */
import type { Tensor } from '../../tensor/tensor.js';
import { conv2d, conv2dRelu, pad } from '../../ops/composite/index.js';
import { ConvNd, type ConvNdOptions } from './conv_nd.js';
import { inputError, modePads } from './support.js';

type Pair = number | readonly [number, number];

/** Conv2d's options: numbers or (h, w) pairs. */
export type Conv2dLayerOptions = ConvNdOptions<Pair>;

/**
 * x: (N, inChannels, H, W) or (inChannels, H, W) -> (N, outChannels, H_out, W_out).
 * weight: [out, in/groups, kh, kw], bias: [out], both U(±1/√(in/groups·kh·kw)) initially.
 * @example new Conv2d(3, 8, 3, { padding: 1 }).call(ones([2, 3, 5, 5])).shape // [2, 8, 5, 5]
 */
export class Conv2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: Pair, opts: Conv2dLayerOptions = {}) {
    super('Conv2d', 2, inChannels, outChannels, kernelSize, opts);
  }

  forward(x: Tensor): Tensor {
    return this.run(x, conv2d);
  }

  /** relu(forward(x)) as one op (conv2dRelu): what Sequential runs for this layer and a ReLU after it. */
  forwardRelu(x: Tensor): Tensor {
    return this.run(x, conv2dRelu);
  }

  private run(x: Tensor, op: typeof conv2d): Tensor {
    if ((x.ndim !== 3 && x.ndim !== 4) || x.shape[x.ndim - 3] !== this.inChannels) throw inputError('Conv2d', `[N, ${this.inChannels}, H, W]`, x);
    const conv = { stride: this.stride as [number, number], dilation: this.dilation as [number, number], groups: this.groups };
    if (this.paddingMode === 'zeros') return op(x, this.weight, this.bias, { ...conv, padding: this.paddingPair() });
    return op(pad(x, modePads(this.padding, this.kernelSize, this.dilation), this.paddingMode), this.weight, this.bias, conv);
  }

  private paddingPair(): [number, number] | 'same' | 'valid' {
    return typeof this.padding === 'string' ? this.padding : [this.padding[0]!, this.padding[1]!];
  }
}
