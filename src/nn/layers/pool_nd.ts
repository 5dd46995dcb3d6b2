/**
 * What the 1-d and 2-d pooling layers share: their window configuration (PyTorch's _MaxPoolNd and
 * _AvgPoolNd). `S` is a number for the 1-d layers, a number or an (h, w) pair for the 2-d ones.
 */
import { Module } from '../module.js';

export interface PoolNdOptions<S> {
  /** Default: the kernel size. */
  stride?: S;
  padding?: S;
  ceilMode?: boolean;
}

/** kernelSize, stride (default: the kernel size), padding (default 0) and ceilMode. */
export abstract class PoolNd<S extends number | readonly number[]> extends Module {
  readonly kernelSize: S;
  readonly stride: S;
  readonly padding: S | 0;
  readonly ceilMode: boolean;

  protected constructor(kernelSize: S, opts: PoolNdOptions<S>) {
    super();
    this.kernelSize = kernelSize;
    this.stride = opts.stride ?? kernelSize;
    this.padding = opts.padding ?? 0;
    this.ceilMode = opts.ceilMode ?? false;
  }
}

export interface MaxPoolNdOptions<S> extends PoolNdOptions<S> {
  /** −∞ padding on each side (≤ half the kernel). Default 0. */
  padding?: S;
  dilation?: S;
  /** Round the output size up instead of down. */
  ceilMode?: boolean;
}

export abstract class MaxPoolNd<S extends number | readonly number[]> extends PoolNd<S> {
  readonly dilation: S | 1;

  protected constructor(kernelSize: S, opts: MaxPoolNdOptions<S>) {
    super(kernelSize, opts);
    this.dilation = opts.dilation ?? 1;
  }
}

export interface AvgPoolNdOptions<S> extends PoolNdOptions<S> {
  /** Count the zero padding in the divisor (default true). */
  countIncludePad?: boolean;
}

export abstract class AvgPoolNd<S extends number | readonly number[]> extends PoolNd<S> {
  readonly countIncludePad: boolean;

  protected constructor(kernelSize: S, opts: AvgPoolNdOptions<S>) {
    super(kernelSize, opts);
    this.countIncludePad = opts.countIncludePad ?? true;
  }
}
