/** ConvTranspose2d: the transposed (fractionally strided) 2-d convolution layer, PyTorch's nn.ConvTranspose2d. */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { convTranspose2d } from '../../ops/composite/index.js';
import { Module } from '../module.js';
import type { Parameter } from '../parameter.js';
import { checkConvConfig } from './conv_nd.js';
import { type LayerOptions, checkInt, convRepr, defaultInit, inputError, param, tupleOf } from './support.js';

type Pair = number | readonly [number, number];

export interface ConvTranspose2dLayerOptions extends LayerOptions {
  stride?: Pair;
  padding?: Pair;
  /** Extra rows/columns on the bottom/right of the output (each < stride or < dilation). */
  outputPadding?: Pair;
  groups?: number;
  bias?: boolean;
  dilation?: Pair;
}

/**
 * x: (N, inChannels, H, W) or unbatched -> (N, outChannels, H_out, W_out) with
 * H_out = (H − 1)·sh − 2·ph + dh·(kh − 1) + oph + 1. weight: [in, out/groups, kh, kw] (PyTorch's
 * layout), bias: [out], both U(±1/√(out/groups·kh·kw)) initially (PyTorch's fan-in of that layout).
 * @example new ConvTranspose2d(4, 2, 3, { stride: 2, padding: 1, outputPadding: 1 }).call(ones([1, 4, 5, 5])).shape // [1, 2, 10, 10]
 */
export class ConvTranspose2d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];
  readonly outputPadding: number[];
  readonly dilation: number[];
  readonly groups: number;
  readonly paddingMode = 'zeros' as const;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inChannels: number, outChannels: number, kernelSize: Pair, opts: ConvTranspose2dLayerOptions = {}) {
    super();
    const L = 'ConvTranspose2d';
    this.inChannels = checkInt(L, 'inChannels', inChannels);
    this.outChannels = checkInt(L, 'outChannels', outChannels);
    this.kernelSize = tupleOf(L, 'kernelSize', kernelSize, 2, 1);
    this.stride = tupleOf(L, 'stride', opts.stride ?? 1, 2, 1);
    this.padding = tupleOf(L, 'padding', opts.padding ?? 0, 2, 0);
    this.outputPadding = tupleOf(L, 'outputPadding', opts.outputPadding ?? 0, 2, 0);
    this.dilation = tupleOf(L, 'dilation', opts.dilation ?? 1, 2, 1);
    this.groups = checkInt(L, 'groups', opts.groups ?? 1);
    checkConvConfig(L, this);
    this.outputPadding.forEach((op, i) => {
      if (op >= this.stride[i]! && op >= this.dilation[i]!) {
        throw new ArgumentError(`${L}: outputPadding must be smaller than either stride or dilation, got outputPadding ${op}, stride ${this.stride[i]}, dilation ${this.dilation[i]}`);
      }
    });
    this.weight = param([inChannels, outChannels / this.groups, ...this.kernelSize], opts);
    this.bias = (opts.bias ?? true) ? param([outChannels], opts) : null;
    defaultInit(this.weight, this.bias, opts);
  }

  forward(x: Tensor): Tensor {
    if ((x.ndim !== 3 && x.ndim !== 4) || x.shape[x.ndim - 3] !== this.inChannels) throw inputError('ConvTranspose2d', `[N, ${this.inChannels}, H, W]`, x);
    const two = (t: number[]): [number, number] => [t[0]!, t[1]!];
    return convTranspose2d(x, this.weight, this.bias, {
      stride: two(this.stride), padding: two(this.padding), outputPadding: two(this.outputPadding), groups: this.groups, dilation: two(this.dilation),
    });
  }

  protected override extraRepr(): string {
    return convRepr(this);
  }
}
