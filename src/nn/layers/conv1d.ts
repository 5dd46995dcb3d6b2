/** Conv1d: 1-d convolution layer over (N, C, L), PyTorch's nn.Conv1d. */
import type { Tensor } from '../../tensor/tensor.js';
import { conv1d, pad } from '../../ops/composite/index.js';
import { Module } from '../module.js';
import type { Parameter } from '../parameter.js';
import { checkConvConfig } from './conv2d.js';
import { type LayerOptions, type PaddingMode, checkInt, convRepr, defaultInit, inputError, modePads, param, tupleOf } from './support.js';

export interface Conv1dLayerOptions extends LayerOptions {
  stride?: number;
  /** Padding on each side, or 'same' (stride 1) / 'valid'. Default 0. */
  padding?: number | 'same' | 'valid';
  dilation?: number;
  groups?: number;
  bias?: boolean;
  paddingMode?: PaddingMode;
}

/**
 * x: (N, inChannels, L) or (inChannels, L) -> (N, outChannels, L_out).
 * weight: [out, in/groups, k], bias: [out], both U(±1/√(in/groups·k)) initially.
 * @example new Conv1d(2, 4, 3).call(ones([1, 2, 10])).shape // [1, 4, 8]
 */
export class Conv1d extends Module {
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

  constructor(inChannels: number, outChannels: number, kernelSize: number, opts: Conv1dLayerOptions = {}) {
    super();
    const L = 'Conv1d';
    this.inChannels = checkInt(L, 'inChannels', inChannels);
    this.outChannels = checkInt(L, 'outChannels', outChannels);
    this.kernelSize = tupleOf(L, 'kernelSize', kernelSize, 1, 1);
    this.stride = tupleOf(L, 'stride', opts.stride ?? 1, 1, 1);
    const p = opts.padding ?? 0;
    this.padding = typeof p === 'string' ? p : tupleOf(L, 'padding', p, 1, 0);
    this.dilation = tupleOf(L, 'dilation', opts.dilation ?? 1, 1, 1);
    this.groups = checkInt(L, 'groups', opts.groups ?? 1);
    this.paddingMode = opts.paddingMode ?? 'zeros';
    checkConvConfig(L, this);
    this.weight = param([outChannels, inChannels / this.groups, this.kernelSize[0]!], opts);
    this.bias = (opts.bias ?? true) ? param([outChannels], opts) : null;
    defaultInit(this.weight, this.bias, opts);
  }

  forward(x: Tensor): Tensor {
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[x.ndim - 2] !== this.inChannels) throw inputError('Conv1d', `[N, ${this.inChannels}, L]`, x);
    const conv = { stride: this.stride[0]!, dilation: this.dilation[0]!, groups: this.groups };
    if (this.paddingMode === 'zeros') {
      return conv1d(x, this.weight, this.bias, { ...conv, padding: typeof this.padding === 'string' ? this.padding : this.padding[0]! });
    }
    return conv1d(pad(x, modePads(this.padding, this.kernelSize, this.dilation), this.paddingMode), this.weight, this.bias, conv);
  }

  protected override extraRepr(): string {
    return convRepr(this);
  }
}
