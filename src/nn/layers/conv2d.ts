/** Conv2d: 2-d convolution layer over (N, C, H, W), PyTorch's nn.Conv2d. */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { conv2d, conv2dRelu, pad } from '../../ops/composite/index.js';
import { Module } from '../module.js';
import type { Parameter } from '../parameter.js';
import { type LayerOptions, type PaddingMode, checkInt, convRepr, defaultInit, inputError, modePads, param, tupleOf } from './support.js';

type Pair = number | readonly [number, number];

export interface Conv2dLayerOptions extends LayerOptions {
  stride?: Pair;
  /** Padding on each side, or 'same' (stride 1) / 'valid'. Default 0. */
  padding?: Pair | 'same' | 'valid';
  dilation?: Pair;
  groups?: number;
  bias?: boolean;
  /** How the padding is filled: 'zeros' (default), 'reflect', 'replicate' or 'circular'. */
  paddingMode?: PaddingMode;
}

/**
 * x: (N, inChannels, H, W) or (inChannels, H, W) -> (N, outChannels, H_out, W_out).
 * weight: [out, in/groups, kh, kw], bias: [out], both U(±1/√(in/groups·kh·kw)) initially.
 * @example new Conv2d(3, 8, 3, { padding: 1 }).call(ones([2, 3, 5, 5])).shape // [2, 8, 5, 5]
 */
export class Conv2d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[] | 'same' | 'valid';
  readonly dilation: number[];
  readonly groups: number;
  readonly paddingMode: PaddingMode;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inChannels: number, outChannels: number, kernelSize: Pair, opts: Conv2dLayerOptions = {}) {
    super();
    const L = 'Conv2d';
    this.inChannels = checkInt(L, 'inChannels', inChannels);
    this.outChannels = checkInt(L, 'outChannels', outChannels);
    this.kernelSize = tupleOf(L, 'kernelSize', kernelSize, 2, 1);
    this.stride = tupleOf(L, 'stride', opts.stride ?? 1, 2, 1);
    const p = opts.padding ?? 0;
    this.padding = typeof p === 'string' ? p : tupleOf(L, 'padding', p, 2, 0);
    this.dilation = tupleOf(L, 'dilation', opts.dilation ?? 1, 2, 1);
    this.groups = checkInt(L, 'groups', opts.groups ?? 1);
    this.paddingMode = opts.paddingMode ?? 'zeros';
    checkConvConfig(L, this);
    this.weight = param([outChannels, inChannels / this.groups, ...this.kernelSize], opts);
    this.bias = (opts.bias ?? true) ? param([outChannels], opts) : null;
    defaultInit(this.weight, this.bias, opts);
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

  protected override extraRepr(): string {
    return convRepr(this);
  }
}

/** PyTorch's _ConvNd checks: channels divisible by groups, a known padding mode, 'same' only with stride 1. */
export function checkConvConfig(
  layer: string,
  c: { inChannels: number; outChannels: number; groups: number; stride: readonly number[]; padding: readonly number[] | string; paddingMode: string },
): void {
  if (c.inChannels % c.groups || c.outChannels % c.groups) {
    throw new ArgumentError(`${layer}: inChannels (${c.inChannels}) and outChannels (${c.outChannels}) must be divisible by groups (${c.groups})`);
  }
  if (!['zeros', 'reflect', 'replicate', 'circular'].includes(c.paddingMode)) {
    throw new ArgumentError(`${layer}: paddingMode must be 'zeros', 'reflect', 'replicate' or 'circular', got '${c.paddingMode}'`);
  }
  if (typeof c.padding === 'string' && c.padding !== 'same' && c.padding !== 'valid') {
    throw new ArgumentError(`${layer}: padding must be a number, a tuple, 'same' or 'valid', got '${c.padding}'`);
  }
  if (c.padding === 'same' && c.stride.some((s) => s !== 1)) throw new ArgumentError(`${layer}: padding='same' is not supported for strided convolutions`);
}
