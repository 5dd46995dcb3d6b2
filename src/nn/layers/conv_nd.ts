/**
 * ConvNd: what Conv1d and Conv2d share (PyTorch's _ConvNd): the configuration, parsed and checked
 * once, and the weight [out, in/groups, ...kernel] and bias [out] with PyTorch's default init.
 */
import { ArgumentError } from '../../errors.js';
import { Module } from '../module.js';
import type { Parameter } from '../parameter.js';
import { type LayerOptions, type PaddingMode, checkInt, convRepr, defaultInit, param, tupleOf } from './support.js';

/** The options of an n-d convolution layer; `T` is a number or an n-tuple. */
export interface ConvNdOptions<T> extends LayerOptions {
  stride?: T;
  /** Padding on each side, or 'same' (stride 1) / 'valid'. Default 0. */
  padding?: T | 'same' | 'valid';
  dilation?: T;
  groups?: number;
  bias?: boolean;
  /** How the padding is filled: 'zeros' (default), 'reflect', 'replicate' or 'circular'. */
  paddingMode?: PaddingMode;
}

type Sizes = number | readonly number[];

export abstract class ConvNd extends Module {
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

  /** `layer` names the class in errors; `dims` is 1 or 2 (the length of every tuple). */
  protected constructor(layer: string, dims: number, inChannels: number, outChannels: number, kernelSize: Sizes, opts: ConvNdOptions<Sizes>) {
    super();
    this.inChannels = checkInt(layer, 'inChannels', inChannels);
    this.outChannels = checkInt(layer, 'outChannels', outChannels);
    this.kernelSize = tupleOf(layer, 'kernelSize', kernelSize, dims, 1);
    this.stride = tupleOf(layer, 'stride', opts.stride ?? 1, dims, 1);
    const p = opts.padding ?? 0;
    this.padding = typeof p === 'string' ? p : tupleOf(layer, 'padding', p, dims, 0);
    this.dilation = tupleOf(layer, 'dilation', opts.dilation ?? 1, dims, 1);
    this.groups = checkInt(layer, 'groups', opts.groups ?? 1);
    this.paddingMode = opts.paddingMode ?? 'zeros';
    checkConvConfig(layer, this);
    this.weight = param([outChannels, inChannels / this.groups, ...this.kernelSize], opts);
    this.bias = (opts.bias ?? true) ? param([outChannels], opts) : null;
    defaultInit(this.weight, this.bias, opts);
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
